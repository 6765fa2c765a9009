"""`improve retro`: the retrospective as a file to paste into a wiki or mail round.

Kept apart from `cli.py` so the retro can grow without touching the register's
commands; it shares the same `Context` (store, clock and config). It imports nothing
of `cli.py` at load time, so it can be imported on its own.
"""

from __future__ import annotations

import sys
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

import click

from improve import export
from improve.domain.errors import InputError
from improve.domain.period import KINDS, Period, choose
from improve.domain.retro_model import Retro
from improve.domain.terms import principle_label
from improve.service.retros import parse_actions
from improve.store.quiet_gc import paused_gc

if TYPE_CHECKING:
    from improve.cli.base import Context

EXIT_FILE = 1
SUFFIXES = {
    "md": "md",
    "markdown": "md",
    "html": "html",
    "htm": "html",
    "csv": "csv",
    "json": "json",
}


class FileNotWritten(click.ClickException):
    """The output file could not be written: exit 1, naming it."""

    exit_code = EXIT_FILE


def guess_format(output: Path | None, fmt: str | None) -> str:
    """`-o retro.html` means HTML unless --format says otherwise; Markdown by default."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return SUFFIXES.get(suffix, "md")


def the_period(context: Context, kind: str | None, since: str | None, until: str | None) -> Period:
    from improve.cli.team import past_date

    start = past_date(context, since, "--since") if since else None
    end = context.date(until) if until else None
    now = context.clock.now()
    zone = now.tzinfo or UTC
    return choose(
        kind, start, end, today=now.date(), sprint_days=context.config.sprint_days, tz=zone
    )


def make_retro(context: Context, period: Period, team: str | None) -> Retro:
    """Open work, closed work touched since the previous period began (for the
    comparison), the team's own words, and the actions of its last retro."""
    with paused_gc():
        config = context.config
        return context.register.retrospective(
            period,
            team,
            today=context.today,
            share=config.slide_share,
            blocked_days=config.blocked_days,
        )


def read_actions(source: str) -> str:
    """The text of `--actions FILE` (`-`: standard input); unreadable is bad input."""
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise InputError(f"{source}: not UTF-8 text") from None


def add_actions(context: Context, period: Period, team: str | None, source: str) -> None:
    """Every line an initiative from the retro, or none of them."""
    try:
        actions = parse_actions(read_actions(source))
    except InputError as error:
        raise InputError(f"--actions {source}: {error}; nothing was added") from None
    made = context.register.add_actions(team or "", period, actions)
    keys = context.register.keys(ini.id for ini in made)
    for ini in made:
        said = f"{ini.owner}, {principle_label(ini.principle)}"
        click.echo(f"added {keys[ini.id]}  {ini.title}  ({said}; source retro)")
    plural = "s" if len(made) != 1 else ""
    click.echo(f"{len(made)} action{plural} from the retro of {period.dates}")


@click.command()
@click.option(
    "--period",
    "kind",
    type=click.Choice(KINDS),
    default=None,
    help="A sprint (sprint_days in config, 14 by default), month or quarter ending today.",
)
@click.option("--since", default=None, help="First day of the period (instead of --period).")
@click.option("--until", default=None, help="Last day of the period (default today).")
@click.option("--team", default=None, help="Only this team's initiatives.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(export.FORMATS),
    default=None,
    help="md (default), html, csv or json; -o FILE's suffix chooses it too.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: stdout).",
)
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
@click.option("--bom", is_flag=True, help="Start CSV with a UTF-8 byte order mark (for Excel).")
@click.option(
    "--actions",
    "actions",
    default=None,
    metavar="FILE",
    help="Turn each line of FILE (- for stdin) into an initiative from this retro: "
    "'Pair on reviews @ana #simple' (capture's marks).",
)
@click.pass_obj
def retro(
    context: Context,
    kind: str | None,
    since: str | None,
    until: str | None,
    team: str | None,
    fmt: str | None,
    output: Path | None,
    force: bool,
    bom: bool,
    actions: str | None,
) -> None:
    """The retrospective for a period: finished, outcomes, lessons, the three C's."""
    period = the_period(context, kind, since, until)
    if actions is not None:
        add_actions(context, period, team, actions)
        return
    chosen = guess_format(output, fmt)
    text = export.render(make_retro(context, period, team), chosen, bom=bom)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        written = export.write(output, text, force=force, protected=context.owns)
    except OSError as error:
        raise FileNotWritten(f"{output}: cannot write ({error.strerror or error})") from None
    click.echo(f"retro written to {written}")
