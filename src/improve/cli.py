"""The `improve` shell command: parse input, call the service, print.

Textual is never imported here except when the app is opened, so a command such as
`improve log` starts in a fraction of a second.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click
import orjson

from improve import dates, render
from improve.clock import Clock, SystemClock
from improve.config import Config, ConfigError, load_config
from improve.domain.errors import InputError
from improve.domain.model import Direction, NoteKind, Principle, Source, Status, Step
from improve.domain.register import OPEN, Filter
from improve.paths import default_store
from improve.service import Register, number
from improve.storage import Store, StoreError

EXIT_STORE = 1
EXIT_INPUT = 2


class Context:
    """What every command needs: the store's path, the clock and the writer."""

    def __init__(self, db: Path | None, clock: Clock, config: Config) -> None:
        self.path = db or default_store()
        self.clock = clock
        self.config = config
        self._register: Register | None = None

    @property
    def register(self) -> Register:
        if self._register is None:
            store = Store(self.path, self.clock)
            self._register = Register(store, self.clock, self.config.who)
        return self._register

    @property
    def today(self) -> date:
        return self.clock.now().date()

    def date(self, text: str | None) -> date | None:
        return dates.parse_date(text, self.today) if text else None


pass_ctx = click.make_pass_decorator(Context)


def echo_json(value: Any) -> None:
    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode())


def words(parts: Iterable[str]) -> str:
    """Several shell words as one text, so quotes are optional."""
    return " ".join(parts)


def principle_option(required: bool = False) -> Callable[[Any], Any]:
    return click.option(
        "-p",
        "--principle",
        default=None,
        required=required,
        metavar="PRINCIPLE",
        help="value, start-where-you-are, iterate, collaborate, holistic, simple, automate",
    )


def parse_principle(text: str | None) -> Principle:
    return Principle.parse(text) if text else Principle.VALUE


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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

    from improve.demo import write_demo

    folder = tempfile.mkdtemp(prefix="improve-demo-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # the demo leaves nothing behind
    path = Path(folder) / "improve.json"
    write_demo(Register(Store(path, clock), clock, "demo"), clock.now().date())
    return path


def _open_app(context: Context, demo: bool) -> None:
    try:
        from improve.tui.app import run_app
    except ImportError:
        _print_register(context.register.initiatives(Filter(statuses=OPEN)), context)
        return
    run_app(context.path, context.clock, context.config, demo=demo)


def _print_register(found: list[Any], context: Context) -> None:
    keys = context.register.keys(i.id for i in found)
    click.echo(render.register_table(found, keys, context.clock.now()))


@cli.command()
@click.argument("title", nargs=-1, required=True)
@principle_option()
@click.option("--owner", default="", help="Who drives it.")
@click.option("--team", default="")
@click.option("--value", type=int, default=None, help="Value to the business, 1-5.")
@click.option("--effort", type=int, default=None, help="Effort, 1-5.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--vision", default="", help="The objective it serves, and for whom.")
@click.option("--source", default=None, help="feedback, incident, team, retro or audit.")
@pass_ctx
def add(
    context: Context,
    title: tuple[str, ...],
    principle: str | None,
    owner: str,
    team: str,
    value: int | None,
    effort: int | None,
    tags: tuple[str, ...],
    vision: str,
    source: str | None,
) -> None:
    """Propose an initiative; prints its key."""
    ini = context.register.add(
        words(title),
        principle=parse_principle(principle),
        owner=owner,
        team=team,
        value=value,
        effort=effort,
        tags=tags,
        vision=vision,
        source=Source.parse(source) if source else None,
    )
    key = context.register.key(ini.id)
    click.echo(f"{key}  proposed: {ini.title}")
    click.echo(f"  next: {ini.step.question} (improve edit {key} --vision ...)")


@cli.command()
@click.argument("key")
@click.argument("name")
@click.option("--unit", default="", help="e.g. min, %, tickets.")
@click.option("--better", required=True, help="up or down: which way is better.")
@click.option("--baseline", required=True, help="Where we are now.")
@click.option("--target", required=True, help="Where we want to be.")
@click.option("--by", "by_", default=None, help="Target date.")
@click.option("--every", default=None, help="Measurement cadence: weekly, weekly on mon, RRULE...")
@pass_ctx
def metric(
    context: Context,
    key: str,
    name: str,
    unit: str,
    better: str,
    baseline: str,
    target: str,
    by_: str | None,
    every: str | None,
) -> None:
    """Set the measured outcome (model steps 2 and 3)."""
    ini = context.register.set_metric(
        key,
        name,
        unit=unit,
        better=Direction.parse(better),
        baseline=number(baseline, "--baseline"),
        target=number(target, "--target"),
        by=context.date(by_),
        every=dates.parse_cadence(every) if every else None,
    )
    click.echo(render.measure_line(ini))


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@click.option("--at", "at", default=None, help="When it was measured (default now).")
@click.option("--note", default="", help="Why it moved.")
@pass_ctx
def measure(context: Context, key: str, value: str, at: str | None, note: str) -> None:
    """Record a measurement."""
    moment = dates.parse_moment(at, context.clock.now()) if at else None
    ini = context.register.measure(key, number(value, "VALUE"), at=moment, note=note)
    click.echo(render.measure_line(ini))
    click.echo(render.forecast_line(ini, context.today))


@cli.command()
@click.argument("title", nargs=-1, required=True)
@principle_option()
@click.option("--owner", default="")
@click.option("--team", default="")
@click.option("--tag", "tags", multiple=True)
@click.option("--before", default=None, help="The value before.")
@click.option("--after", default=None, help="The value after.")
@click.option("--unit", default="")
@pass_ctx
def log(
    context: Context,
    title: tuple[str, ...],
    principle: str | None,
    owner: str,
    team: str,
    tags: tuple[str, ...],
    before: str | None,
    after: str | None,
    unit: str,
) -> None:
    """Record a small improvement that is already done, in one line."""
    ini = context.register.log(
        words(title),
        principle=parse_principle(principle),
        owner=owner,
        team=team,
        tags=tags,
        before=number(before, "--before") if before is not None else None,
        after=number(after, "--after") if after is not None else None,
        unit=unit,
    )
    click.echo(f"{context.register.key(ini.id)}  logged: {ini.title}")


@cli.command("iter")
@click.argument("key")
@click.argument("title", nargs=-1, required=True)
@click.option("--due", default=None, help="Due date: tomorrow, fri, +3d, 2026-12-01...")
@pass_ctx
def iter_(context: Context, key: str, title: tuple[str, ...], due: str | None) -> None:
    """Plan an iteration: a small step with a due date."""
    ini = context.register.add_iteration(key, words(title), context.date(due))
    click.echo(render.iterations(ini))


@cli.command("iter-done")
@click.argument("key")
@click.argument("n", type=int)
@click.option("--undo", "reopen", is_flag=True, help="Mark it open again.")
@pass_ctx
def iter_done(context: Context, key: str, n: int, reopen: bool) -> None:
    """Finish iteration N (as numbered by `improve show`)."""
    ini = context.register.finish_iteration(key, n, done=not reopen)
    click.echo(render.iterations(ini))


@cli.command()
@click.argument("key")
@click.argument("text", nargs=-1, required=True)
@click.option("--kind", default="note", help="note, feedback, lesson, blocker or outcome.")
@click.option("--lesson", is_flag=True, help="Short for --kind lesson.")
@pass_ctx
def note(context: Context, key: str, text: tuple[str, ...], kind: str, lesson: bool) -> None:
    """Add a note: feedback, a lesson learned, a blocker."""
    chosen = NoteKind.LESSON if lesson else NoteKind.parse(kind)
    ini = context.register.note(key, words(text), chosen)
    click.echo(
        f"{context.register.key(ini.id)}  {chosen.value} added "
        f"({render.count(len(ini.live_notes()), 'note')})"
    )


@cli.command()
@click.argument("key")
@click.argument("step", required=False)
@pass_ctx
def step(context: Context, key: str, step: str | None) -> None:
    """Move to the next (or the named) model step; says what the new step asks."""
    ini = context.register.step(key, Step.parse(step) if step else None)
    click.echo(f"{context.register.key(ini.id)}  step {ini.step.number}/7 {ini.step.value}")
    click.echo(f"  {render.open_question(ini)}")


def _status_command(status: Status, doc: str) -> None:
    @cli.command(status_verb(status), help=doc)
    @click.argument("key")
    @click.option("--reason", default="", help="Why (required to drop).")
    @pass_ctx
    def command(context: Context, key: str, reason: str) -> None:
        ini = context.register.set_status(key, status, reason)
        suffix = f" ({ini.reason})" if ini.reason else ""
        click.echo(f"{context.register.key(ini.id)}  {ini.status.value}: {ini.title}{suffix}")


def status_verb(status: Status) -> str:
    return {
        Status.ACTIVE: "start",
        Status.BLOCKED: "block",
        Status.DONE: "done",
        Status.DROPPED: "drop",
        Status.PROPOSED: "propose",
    }[status]


_status_command(Status.ACTIVE, "Start work on an initiative (or reopen it).")
_status_command(Status.BLOCKED, "Mark an initiative blocked.")
_status_command(Status.DONE, "Finish an initiative: target met or accepted.")
_status_command(Status.DROPPED, "Drop an initiative, saying why.")


@cli.command()
@click.argument("key")
@click.option("--title", default=None)
@click.option("--description", default=None)
@click.option("--vision", default=None, help="The objective it serves.")
@click.option("--for", "beneficiaries", default=None, help="Who benefits.")
@principle_option()
@click.option("--owner", default=None)
@click.option("--team", default=None)
@click.option("--value", type=int, default=None)
@click.option("--effort", type=int, default=None)
@click.option("--tag", "tags", multiple=True, help="Replace the tags (repeatable).")
@click.option("--source", default=None)
@click.option("--activity", default=None, help="Value chain activity.")
@pass_ctx
def edit(
    context: Context,
    /,
    key: str,
    principle: str | None,
    tags: tuple[str, ...],
    source: str | None,
    activity: str | None,
    **fields: Any,
) -> None:
    """Change fields of an initiative."""
    if principle:
        fields["principle"] = Principle.parse(principle)
    if tags:
        fields["tags"] = tags
    if source:
        fields["source"] = Source.parse(source)
    if activity is not None:
        fields["activity"] = render.value_chain(activity)
    if all(v is None for v in fields.values()):
        raise InputError("nothing to change: give at least one option, e.g. --title")
    ini = context.register.edit(key, **fields)
    click.echo(f"{context.register.key(ini.id)}  edited: {ini.title}")


@cli.command("list")
@click.option(
    "--status", "statuses", multiple=True, help="proposed, active, blocked, done, dropped."
)
@click.option("--all", "everything", is_flag=True, help="Include done and dropped.")
@principle_option()
@click.option("--owner", default="")
@click.option("--team", default="")
@click.option("--tag", default="")
@click.option("--search", "text", default="", help="Free text in title, vision, tags.")
@click.option("--due-before", default=None, help="Only those due on or before this date.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def list_(
    context: Context,
    statuses: tuple[str, ...],
    everything: bool,
    principle: str | None,
    owner: str,
    team: str,
    tag: str,
    text: str,
    due_before: str | None,
    as_json: bool,
) -> None:
    """The register, value-first (high value per effort first)."""
    chosen = tuple(Status.parse(s) for s in statuses) or (() if everything else OPEN)
    wanted = Filter(
        chosen,
        Principle.parse(principle) if principle else None,
        owner,
        team,
        tag,
        text,
        context.date(due_before),
    )
    found = context.register.initiatives(wanted)
    if as_json:
        keys = context.register.keys(i.id for i in found)
        echo_json([render.as_json(i, keys[i.id], context.clock.now()) for i in found])
    else:
        _print_register(found, context)


@cli.command()
@click.argument("key")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show(context: Context, key: str, as_json: bool) -> None:
    """One initiative in full, with its history."""
    ini = context.register.get(key)
    short = context.register.key(ini.id)
    if as_json:
        echo_json(render.as_json(ini, short, context.clock.now(), full=True))
    else:
        click.echo(render.initiative_text(ini, short, context.clock.now()))


@cli.command()
@pass_ctx
def undo(context: Context) -> None:
    """Revert your last change, saying what it was."""
    click.echo(f"undone: {context.register.undo()}")


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_ctx
def export(context: Context, output: Path | None, force: bool) -> None:
    """The whole store as one JSON file (stdout by default)."""
    from improve.export import write

    data = orjson.dumps(context.register.export(), option=orjson.OPT_INDENT_2)
    if output is None:
        click.echo(data.decode())
        return
    try:
        write(output, data.decode() + "\n", force=force)
    except OSError as error:
        raise StoreError(output, f"cannot write ({error.strerror})") from None
    click.echo(f"exported to {output}")


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "format_", default="improve", help="improve, taskwarrior or csv.")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@pass_ctx
def import_(context: Context, file: Path, format_: str, dry_run: bool) -> None:
    """Import an export, a Taskwarrior `task export` or a CSV sheet; idempotent by id."""
    if format_ != "improve" or dry_run:
        from improve.cli_import import import_other

        import_other(context, file, format_, dry_run)
        return
    try:
        document = orjson.loads(file.read_bytes())
    except OSError as error:
        raise StoreError(file, f"cannot read ({error.strerror})") from None
    except orjson.JSONDecodeError as error:
        raise StoreError(file, f"not valid JSON ({error})") from None
    with render.progress_bar(
        len(document.get("initiatives", [])) if isinstance(document, dict) else 0, "importing"
    ) as advance:
        result = context.register.import_export(document, advance)
    click.echo(
        f"imported: {result.added} added, {result.updated} updated, {result.unchanged} unchanged"
    )


@cli.command()
@click.option("--restore", default=None, help="A backup file (name or path) to put back.")
@pass_ctx
def doctor(context: Context, restore: str | None) -> None:
    """Check the store, list its backups, restore one."""
    from improve.doctor import check_store, restore_backup

    store = context.register.store
    if restore:
        click.echo(restore_backup(store, restore))
        return
    report, healthy = check_store(store)
    click.echo(report)
    if not healthy:
        sys.exit(EXIT_STORE)


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


from improve.cli_team import insights_command, standup  # noqa: E402  (they import cli)

cli.add_command(standup)
cli.add_command(insights_command)

from improve.cli_retro import retro  # noqa: E402  (it imports cli)

cli.add_command(retro)

from improve.cli_git import git_setup, merge_driver  # noqa: E402  (it imports cli)

cli.add_command(merge_driver)
cli.add_command(git_setup)
