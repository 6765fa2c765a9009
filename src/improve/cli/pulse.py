"""`improve pulse`: what customers answered to a CSAT, NPS or CES metric."""

from __future__ import annotations

import click

from improve.cli.base import Context, pass_ctx
from improve.text import render


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("responses", nargs=-1, required=True)
@click.option("--at", "at", default=None, help="When they answered (default now).")
@click.option("--note", default="", help="Where the answers came from.")
@pass_ctx
def pulse(
    context: Context, key: str, responses: tuple[str, ...], at: str | None, note: str
) -> None:
    """Record customer responses (e.g. 9 10 6 8, or 9x12 for twelve 9s) to a CSAT (1-5),
    NPS (0-10) or CES (1-7) metric; prints the score, its sample size and 95% margin."""
    moment = context.moment(at, "the answers")
    ini = context.register.pulse(key, responses, at=moment, note=note)
    click.echo(render.measure_line(ini))
    click.echo(render.forecast_line(ini, context.today))
