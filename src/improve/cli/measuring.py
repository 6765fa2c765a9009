"""The commands that measure an initiative: its metric (steps 2 and 3) and its readings.

`improve pulse` (customers' answers to a CX metric) is beside them in `pulse.py`.
"""

from __future__ import annotations

from datetime import datetime

import click

from improve.cli.base import (
    Context,
    at_option,
    pass_ctx,
)
from improve.domain import baseline, cadence, cx
from improve.domain.errors import InputError
from improve.domain.model import (
    Direction,
    Initiative,
)
from improve.domain.register import TEXT_MAX
from improve.service import number
from improve.text import render

_AT_MOST = f"(at most {TEXT_MAX:,} characters)"


@click.command()
@click.argument("key")
@click.argument("name")
@click.option(
    "--kind",
    default="number",
    help="number, or a CX measure scored from responses: csat (1-5, % satisfied), "
    "nps (0-10, -100..100), ces (1-7, mean).",
)
@click.option("--unit", default=None, help="e.g. min, %, tickets (csat: %).")
@click.option("--better", default=None, help="up or down: which way is better (CX: up).")
@click.option("--baseline", required=True, help="Where we are now (CX: the score).")
@click.option("--target", required=True, help="Where we want to be.")
@click.option("--by", "by_", default=None, help="Target date.")
@click.option(
    "--baseline-at",
    default=None,
    help="When the baseline was measured (default today; moved back to the earliest reading).",
)
@click.option("--every", default=None, help="Measurement cadence: weekly, weekly on mon, RRULE...")
@click.option(
    "--min-responses",
    type=int,
    default=None,
    help=f"CX: a reading on fewer responses is thin (default {cx.DEFAULT_MIN_RESPONSES}).",
)
@pass_ctx
def metric(
    context: Context,
    key: str,
    name: str,
    kind: str,
    unit: str | None,
    better: str | None,
    baseline: str,
    target: str,
    by_: str | None,
    baseline_at: str | None,
    every: str | None,
    min_responses: int | None,
) -> None:
    """Set the measured outcome (model steps 2 and 3)."""
    chosen = cx.MetricKind.parse(kind)
    if better is None and not chosen.surveyed:
        raise InputError("say which way is better: --better up or --better down")
    dated = context.moment(baseline_at, "the baseline")
    ini = context.register.set_metric(
        key,
        name,
        unit=chosen.unit if unit is None else unit,
        better=Direction.parse(better) if better else Direction.UP,
        baseline=number(baseline, "--baseline"),
        target=number(target, "--target"),
        by=context.date(by_),
        every=cadence.parse_cadence(every) if every else None,
        kind=chosen,
        min_responses=min_responses,
        baseline_at=dated,
    )
    click.echo(render.measure_line(ini))
    _say_baseline_moved(ini, dated or context.clock.now())
    if chosen.surveyed:
        click.echo(f"  record responses with: improve pulse {context.register.key(ini.id)} ...")


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@at_option("it was measured")
@click.option("--note", default="", help="Why it moved.")
@pass_ctx
def measure(context: Context, key: str, value: str, at: str | None, note: str) -> None:
    """Record a measurement; one dated before the baseline moves the baseline's date back."""
    moment = context.moment(at, "the reading")
    ini = context.register.measure(key, number(value, "VALUE"), at=moment, note=note)
    click.echo(render.measure_line(ini))
    click.echo(render.forecast_line(ini, context.today))
    if moment is not None:
        _say_baseline_moved(ini, context.clock.now(), moment)


def _say_baseline_moved(ini: Initiative, asked: datetime, reading: datetime | None = None) -> None:
    said = baseline.moved_word(ini, asked, reading)
    if said:
        click.echo(f"  {said}")
