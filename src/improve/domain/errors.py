"""Errors a user can fix by typing something else."""


class InputError(ValueError):
    """Bad input: an unknown id, a bad date, an out-of-range number. Exit code 2."""
