"""The commands that change one initiative: add, metric, measure, log, iter, note, step,
start/block/done/drop and edit. Each parses its input, calls the service, prints a line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from improve.cli.base import (
    NONE,
    Context,
    at_option,
    parse_principle,
    parse_stakeholders,
    pass_ctx,
    placing_options,
    principle_option,
    words,
)
from improve.domain import progress, readiness
from improve.domain.errors import InputError
from improve.domain.model import (
    Activity,
    JourneyStage,
    NoteKind,
    Principle,
    Source,
    Status,
    Step,
)
from improve.domain.register import TEXT_MAX, TITLE_MAX
from improve.service import number
from improve.text import render

_AT_MOST = f"(at most {TEXT_MAX:,} characters)"


@click.command()
@click.argument("title", nargs=-1, required=True)
@principle_option()
@click.option("--owner", default="", help="Who drives it.")
@click.option("--team", default="")
@click.option("--value", type=int, default=None, help="Value to the business, 1-5.")
@click.option("--effort", type=int, default=None, help="Effort, 1-5.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--vision", default="", help=f"The objective it serves, and for whom {_AT_MOST}.")
@placing_options
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
    stakeholders: tuple[str, ...],
    chain: str | None,
    journey: str | None,
    source: str | None,
) -> None:
    """Propose an initiative; prints its key.

    TITLE is one line of at most 200 characters (quotes optional); emoji and any
    script are welcome, control characters and bidi overrides are not.
    """
    ini = context.register.add(
        words(title),
        principle=parse_principle(principle),
        owner=owner,
        team=team,
        value=value,
        effort=effort,
        tags=tags,
        vision=vision,
        stakeholders=parse_stakeholders(stakeholders),
        activity=Activity.parse(chain) if chain else None,
        journey=JourneyStage.parse(journey) if journey else None,
        source=Source.parse(source) if source else None,
    )
    key = context.register.key(ini.id)
    click.echo(f"{key}  proposed: {ini.title}")
    click.echo(f"  next: {ini.step.question} (improve edit {key} --vision ...)")


@click.command()
@click.argument("title", nargs=-1, required=True)
@principle_option()
@click.option("--owner", default="")
@click.option("--team", default="")
@click.option("--tag", "tags", multiple=True)
@click.option("--before", default=None, help="The value before.")
@click.option("--after", default=None, help="The value after.")
@click.option("--unit", default="")
@at_option("it was done")
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
    at: str | None,
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
        at=context.moment(at, "the improvement"),
    )
    click.echo(f"{context.register.key(ini.id)}  logged: {ini.title}")


@click.command("iter")
@click.argument("key")
@click.argument("title", nargs=-1, required=True)
@click.option("--due", default=None, help="Due date: tomorrow, fri, +3d, 2026-12-01...")
@pass_ctx
def iter_(context: Context, key: str, title: tuple[str, ...], due: str | None) -> None:
    """Plan an iteration: a small step with a due date."""
    ini = context.register.add_iteration(key, words(title), context.date(due))
    click.echo(render.iterations(ini))


@click.command("iter-done")
@click.argument("key")
@click.argument("n", type=int)
@click.option("--undo", "reopen", is_flag=True, help="Mark it open again.")
@at_option("it was done")
@pass_ctx
def iter_done(context: Context, key: str, n: int, reopen: bool, at: str | None) -> None:
    """Finish iteration N (as numbered by `improve show`)."""
    moment = context.moment(at, "the iteration")
    ini = context.register.finish_iteration(key, n, done=not reopen, at=moment)
    click.echo(render.iterations(ini))


@click.command()
@click.argument("key")
@click.argument("text", nargs=-1, required=True)
@click.option("--kind", default="note", help="note, feedback, lesson, blocker or outcome.")
@click.option("--lesson", is_flag=True, help="Short for --kind lesson.")
@at_option("it was said")
@pass_ctx
def note(
    context: Context, key: str, text: tuple[str, ...], kind: str, lesson: bool, at: str | None
) -> None:
    """Add a note: feedback, a lesson learned, a blocker."""
    chosen = NoteKind.LESSON if lesson else NoteKind.parse(kind)
    ini = context.register.note(key, words(text), chosen, context.moment(at, "the note"))
    click.echo(
        f"{context.register.key(ini.id)}  {chosen.value} added "
        f"({render.count(len(ini.live_notes()), 'note')})"
    )


@click.command()
@click.argument("key")
@click.argument("step", required=False)
@at_option("it moved")
@pass_ctx
def step(context: Context, key: str, step: str | None, at: str | None) -> None:
    """Move to the next (or the named) model step; says what the new step asks."""
    moment = context.moment(at, "the step")
    ini = context.register.step(key, Step.parse(step) if step else None, moment)
    click.echo(f"{context.register.key(ini.id)}  step {ini.step.number}/7 {ini.step.value}")
    click.echo(f"  {render.open_question(ini)}")
    _say_still_open(readiness.left_behind(ini))


def _say_still_open(gaps: list[tuple[Step, str]]) -> None:
    """A jump over a step proceeds (the team decides), and says what it leaves open."""
    if gaps:
        click.echo(f"  still open: {readiness.gaps_words(gaps)}")


#: What --reason means for each status command, as its help says it.
REASON_HELP = {
    Status.ACTIVE: "Why it starts (or reopens), optional.",
    Status.BLOCKED: "What blocks it, optional; the standup says it.",
    Status.DROPPED: "Why it is dropped (required).",
}


def _status_command(status: Status, name: str, doc: str) -> click.Command:
    @click.command(name, help=doc)
    @click.argument("key")
    @click.option("--reason", default="", help=REASON_HELP[status])
    @at_option("it happened")
    @pass_ctx
    def command(context: Context, key: str, reason: str, at: str | None) -> None:
        moment = context.moment(at, "the change")
        ini = context.register.set_status(key, status, reason, at=moment)
        suffix = f" ({ini.reason})" if ini.reason else ""
        click.echo(f"{context.register.key(ini.id)}  {ini.status.value}: {ini.title}{suffix}")

    return command


start = _status_command(Status.ACTIVE, "start", "Start work on an initiative (or reopen it).")
block = _status_command(Status.BLOCKED, "block", "Mark an initiative blocked.")
drop = _status_command(Status.DROPPED, "drop", "Drop an initiative, saying why.")


@click.command()
@click.argument("key")
@click.option(
    "--accept",
    default="",
    metavar="REASON",
    help="Finish short of the target, saying why that is good enough.",
)
@at_option("it was finished")
@pass_ctx
def done(context: Context, key: str, accept: str, at: str | None) -> None:
    """Finish an initiative: target met, or accepted short with --accept. Says what the
    steps up to the check still lack (it finishes all the same: the team decides)."""
    moment = context.moment(at, "the finish")
    ini = context.register.set_status(key, Status.DONE, accept=accept, at=moment)
    short = progress.shortfall(ini)
    suffix = f" (accepted short, {short}: {ini.reason})" if short and ini.reason else ""
    click.echo(f"{context.register.key(ini.id)}  {ini.status.value}: {ini.title}{suffix}")
    _say_still_open(readiness.unfinished(ini))


@click.command()
@click.argument("key")
@click.option("--title", default=None, help=f"One line, at most {TITLE_MAX} characters.")
@click.option("--description", default=None, help=f"Free text {_AT_MOST}.")
@click.option("--vision", default=None, help=f"The objective it serves {_AT_MOST}.")
@click.option("--for", "beneficiaries", default=None, help=f"Who benefits {_AT_MOST}.")
@principle_option()
@click.option("--owner", default=None)
@click.option("--team", default=None)
@click.option("--value", type=int, default=None)
@click.option("--effort", type=int, default=None)
@click.option("--tag", "tags", multiple=True, help="Replace the tags (repeatable).")
@placing_options
@click.option("--activity", default=None, hidden=True, help="The same as --chain.")
@pass_ctx
def edit(
    context: Context,
    /,
    key: str,
    principle: str | None,
    tags: tuple[str, ...],
    stakeholders: tuple[str, ...],
    chain: str | None,
    journey: str | None,
    source: str | None,
    activity: str | None,
    **fields: Any,
) -> None:
    """Change fields of an initiative (`none` clears a principle, chain, journey,
    source or the stakeholders; --stakeholder and --tag replace the list)."""
    if tags:
        fields["tags"] = tags
    if stakeholders:
        cleared = [s.strip().lower() for s in stakeholders] == [NONE]
        fields["stakeholders"] = () if cleared else parse_stakeholders(stakeholders)
    fields["principle"] = _clearable(principle, Principle.parse)
    fields["activity"] = _clearable(chain or activity, Activity.parse)
    fields["journey"] = _clearable(journey, JourneyStage.parse)
    fields["source"] = _clearable(source, Source.parse)
    if all(v is None for v in fields.values()):
        raise InputError("nothing to change: give at least one option, e.g. --title")
    ini = context.register.edit(key, **fields)
    click.echo(f"{context.register.key(ini.id)}  edited: {ini.title}")


def _clearable(text: str | None, parse: Callable[[str], object]) -> object:
    """Not given: None (unchanged); `none`: "" (the service clears it); else parsed."""
    if text is None:
        return None
    return "" if text.strip().lower() == NONE else parse(text)
