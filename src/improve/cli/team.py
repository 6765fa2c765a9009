"""`improve standup` and `improve insights`: the team's views, as text or JSON.

Kept apart from `cli.py` so the team views can grow without touching the register's
commands; they share its `Context`, so the store, clock and config are the same.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import click

from improve.cli.base import Context, echo_json
from improve.domain.errors import InputError
from improve.domain.insights import PERIODS, insights, period
from improve.domain.model import Initiative
from improve.domain.register import Filter
from improve.domain.standup import holiday_dates, order_people
from improve.domain.standup import standup as standup_digest
from improve.text.insights import insights_json, insights_text
from improve.text.standup import standup_json, standup_text

DEFAULT_PERIOD = "quarter"
_FORWARD_WORDS = ("tomorrow", "eow", "eom")


def past_date(context: Context, text: str, option: str) -> date:
    """A day to look back to: a weekday name means the last one, not the next."""
    day = context.date(text)
    assert day is not None
    ahead = (day - context.today).days
    word = text.strip().lower()
    if 1 <= ahead <= 7 and word.isalpha() and word not in _FORWARD_WORDS:
        day -= timedelta(days=7)
    if day > context.today:
        raise InputError(
            f"{option} {text} means {day}, after today ({context.today}): give a past day, e.g. -3d"
        )
    return day


def team_initiatives(context: Context, team: str) -> list[Initiative]:
    """The initiatives of a team (all without one); a team nobody has is a typo."""
    found = context.register.initiatives(Filter(team=team))
    if team and not found:
        teams = sorted({i.team for i in context.register.initiatives(Filter()) if i.team})
        known = ", ".join(teams) if teams else "none yet (improve edit KEY --team NAME)"
        raise InputError(f"no initiative has team {team!r}; teams: {known}")
    return found


def known_person(person: str, names: list[str]) -> None:
    """A person at the standup: someone who owns work or is in the config's people."""
    if not any(n.lower() == person.lower() for n in names):
        listed = ", ".join(order_people(names)) or "nobody owns an initiative yet"
        raise InputError(f"nobody called {person!r} at this standup; people: {listed}")


@click.command()
@click.option("--team", default="", help="Only this team's initiatives.")
@click.option(
    "--since", "since_", default=None, help="Look back to this day (default: the last working day)."
)
@click.option("--person", default=None, help="Only this person's turn.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def standup(
    context: Context, team: str, since_: str | None, person: str | None, as_json: bool
) -> None:
    """The standup digest: person by person, what moved, is due, blocked or off track."""
    since = past_date(context, since_, "--since") if since_ else None
    found = team_initiatives(context, team)
    if person:
        known_person(person, [*context.config.people, *(i.owner for i in found)])
    result = standup_digest(
        found,
        context.clock.now(),
        holidays=holiday_dates(context.config.holidays),
        people=context.config.people,
        since=since,
        person=person,
        hold=context.config.hold,
    )
    keys = context.register.keys(i.id for i in found)
    if as_json:
        echo_json(standup_json(result, keys, team))
    else:
        click.echo(standup_text(result, keys, team))


def insights_period(
    context: Context, name: str | None, since: str | None, until: str | None
) -> tuple[datetime, datetime]:
    """A named period ending now, or the days given (until the end of `--until`)."""
    now = context.clock.now()
    if name and (since or until):
        raise InputError("give --period or --since/--until, not both")
    if not since:
        if until:
            raise InputError("--until needs --since (or use --period)")
        return period(name or DEFAULT_PERIOD, now, context.config.sprint_days)
    start = datetime.combine(past_date(context, since, "--since"), time(), tzinfo=now.tzinfo)
    end = now
    if until:
        last = context.date(until)
        assert last is not None
        end = min(now, datetime.combine(last + timedelta(days=1), time(), tzinfo=now.tzinfo))
    if end <= start:
        raise InputError(f"--until {until} is before --since {since}: swap them")
    return start, end


@click.command()
@click.option("--team", default="", help="Only this team's initiatives.")
@click.option(
    "--period",
    "period_",
    type=click.Choice(PERIODS),
    default=None,
    help="Ending now (default quarter).",
)
@click.option("--since", "since_", default=None, help="From this day...")
@click.option("--until", "until_", default=None, help="...to the end of this day (default now).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def insights_command(
    context: Context,
    team: str,
    period_: str | None,
    since_: str | None,
    until_: str | None,
    as_json: bool,
) -> None:
    """Progress per principle, the PICK chart, quick wins, the weekly rhythm, the three C's."""
    since, until = insights_period(context, period_, since_, until_)
    found = team_initiatives(context, team)
    when = "in this period" if since_ or until_ else f"this {period_ or DEFAULT_PERIOD}"
    result = insights(found, since, until, when, context.config.slide_share)
    keys = context.register.keys(i.id for i in found)
    if as_json:
        echo_json(insights_json(result, keys, team))
    else:
        click.echo(insights_text(result, keys, context.config.labels, team))


insights_command.name = "insights"
