"""`improve retro`: the retrospective as a file to paste into a wiki or mail round.

Kept apart from `cli.py` so the retro can grow without touching the register's
commands; it shares the same `Context` (store, clock and config). It imports nothing
of `cli.py` at load time, so it can be imported on its own.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

import click

from improve import export
from improve.domain.period import KINDS, Period, choose
from improve.domain.register import Filter
from improve.domain.retro import build_retro
from improve.domain.retro_model import Retro
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
    """Open work, and closed work touched since the previous period began (for the comparison)."""
    with paused_gc():
        recent = Filter(closed_since=period.previous().since)
        everything = context.register.initiatives(recent)
        return build_retro(
            everything, period, team, today=context.today, share=context.config.slide_share
        )


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
) -> None:
    """The retrospective for a period: finished, outcomes, lessons, the three C's."""
    chosen = guess_format(output, fmt)
    text = export.render(
        make_retro(context, the_period(context, kind, since, until), team), chosen, bom=bom
    )
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        written = export.write(output, text, force=force, protected=context.owns)
    except OSError as error:
        raise FileNotWritten(f"{output}: cannot write ({error.strerror or error})") from None
    click.echo(f"retro written to {written}")
