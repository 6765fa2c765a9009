"""The `improve` shell command: parse input, call the service, print.

Each subcommand lives in a module of this package that is imported only when that
command runs (or when help lists them all), so `improve add` pays for what adding
needs and not for the retrospective writers, the merge or Textual.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import NoReturn

import click

from improve.cli.base import EXIT_INPUT, EXIT_STORE, Context, echo_json
from improve.clock import Clock, SystemClock
from improve.config import Config, ConfigError, load_config
from improve.domain.errors import InputError
from improve.errors import StoreError

__all__ = ["Context", "cli", "echo_json", "main"]

#: Every subcommand: its name -> "module:attribute" in this package.
COMMANDS = {
    "add": "change:add",
    "log": "change:log",
    "metric": "measuring:metric",
    "measure": "measuring:measure",
    "pulse": "pulse:pulse",
    "iter": "change:iter_",
    "iter-done": "change:iter_done",
    "note": "change:note",
    "step": "change:step",
    "start": "change:start",
    "block": "change:block",
    "done": "change:done",
    "drop": "change:drop",
    "edit": "change:edit",
    "list": "read:list_",
    "show": "read:show",
    "standup": "team:standup",
    "insights": "team:insights_command",
    "retro": "retro:retro",
    "undo": "store:undo",
    "export": "store:export",
    "import": "store:import_",
    "doctor": "store:doctor",
    "merge": "git:merge_driver",
    "git-setup": "git:git_setup",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported by name, on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(import_module(f"improve.cli.{module}"), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The store file (default: IMPROVE_DB or the user data dir).",
)
@click.option("--demo", is_flag=True, help="Open the app on a fresh demo store in a temp dir.")
@click.version_option(package_name="improve")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, demo: bool) -> None:
    """Continual improvement, ITIL 4 style: small measured steps, every day."""
    clock = SystemClock()
    clock.now()  # a pinned time that is not one is said before anything else
    config = load_config()
    if demo:
        db = _demo_store(clock, config)
    ctx.obj = Context(db, clock, config)
    if ctx.invoked_subcommand is None:
        _open_app(ctx.obj, demo)


def _demo_store(clock: Clock, config: Config) -> Path:
    import atexit
    import shutil
    import tempfile

    from improve.demo.story import write_demo
    from improve.service import Register
    from improve.store.storage import Store

    folder = tempfile.mkdtemp(prefix="improve-demo-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # the demo leaves nothing behind
    path = Path(folder) / "improve.json"
    write_demo(Register(Store(path, clock), clock, "demo"), clock.now().date())
    return path


def _open_app(context: Context, demo: bool) -> None:
    try:
        from improve.tui.app import run_app
    except ImportError:
        from improve.cli.base import print_register
        from improve.domain.register import OPEN, Filter

        print_register(context.register.initiatives(Filter(statuses=OPEN)), context)
        return
    run_app(context.path, context.clock, context.config, demo=demo)


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"improve: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """The console script: one-line errors and exit codes 0/1/2, never a traceback."""
    try:
        cli.main(args=argv, prog_name="improve", standalone_mode=False)
    except InputError as error:
        fail(str(error), EXIT_INPUT)
    except (StoreError, ConfigError) as error:
        fail(str(error), EXIT_STORE)
    except click.exceptions.Abort:
        fail("interrupted", 130)
    except click.ClickException as error:
        hint = " (see improve --help)" if isinstance(error, click.UsageError) else ""
        fail(error.format_message().replace("\n", " ") + hint, error.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:
        sys.exit(0)
