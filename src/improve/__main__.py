"""`python -m improve`: the same as the `improve` command."""

from improve.cli import main

main()
