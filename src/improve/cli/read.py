"""The commands that read the register: `list` and `show`, as text or JSON."""

from __future__ import annotations

import click

from improve.cli.base import Context, echo_json, pass_ctx, principle_option, print_register
from improve.domain.model import Activity, JourneyStage, Principle, Source, StakeholderRole, Status
from improve.domain.register import OPEN, Filter
from improve.text import render


@click.command("list")
@click.option(
    "--status", "statuses", multiple=True, help="proposed, active, blocked, done, dropped."
)
@click.option("--all", "everything", is_flag=True, help="Include done and dropped.")
@principle_option()
@click.option("--owner", default="")
@click.option("--team", default="")
@click.option("--tag", default="")
@click.option("--search", "text", default="", help="Free text in title, vision, tags.")
@click.option("--for", "role", default=None, help="Only those for a stakeholder role: customer...")
@click.option("--chain", default=None, help="Only those at a value chain activity: engage...")
@click.option("--journey", default=None, help="Only those serving a journey stage: onboard...")
@click.option("--source", default=None, help="Only ideas from: feedback, customer, incident...")
@click.option("--due-before", default=None, help="Only those due on or before this date.")
@click.option("--wide", is_flag=True, help="Every title whole, however wide (as when piped).")
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
    role: str | None,
    chain: str | None,
    journey: str | None,
    source: str | None,
    due_before: str | None,
    wide: bool,
    as_json: bool,
) -> None:
    """The register, value first: value high to low, then effort low to high, then the next
    due date.

    In a terminal the table fits its width (the title is cut first); piped, or with
    --wide, every title is whole.
    """
    chosen = tuple(Status.parse(s) for s in statuses) or (() if everything else OPEN)
    wanted = Filter(
        chosen,
        Principle.parse(principle) if principle else None,
        owner,
        team,
        tag,
        text,
        stakeholder=StakeholderRole.parse(role) if role else None,
        activity=Activity.parse(chain) if chain else None,
        journey=JourneyStage.parse(journey) if journey else None,
        source=Source.parse(source) if source else None,
        due_before=context.date(due_before),
    )
    found = context.register.initiatives(wanted, history=False)  # a list shows none
    if as_json:
        keys = context.register.keys(i.id for i in found)
        echo_json([render.as_json(i, keys[i.id], context.clock.now()) for i in found])
    else:
        print_register(found, context, wide)


@click.command()
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
        click.echo(render.initiative_text(ini, short, context.clock.now(), context.config.hold))
