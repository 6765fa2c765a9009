"""The retrospective: what a team finished, learned and carries on, for one period.

Pure: the caller passes the initiatives, the period and today. Everything is read as it
stood at the end of the period (status and reason from the history, readings and
iterations up to that moment), so the retro of a past sprint reads the same whenever
it is run, and the previous period can be compared with this one on equal terms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from improve.domain import cx, progress
from improve.domain.balance import balance
from improve.domain.model import Initiative, NoteKind, Principle, Status, Step
from improve.domain.outcomes import SLIDE_SHARE, Reading, closing_verdict, effects, slid_back
from improve.domain.period import KINDS, Period
from improve.domain.register import short_keys
from improve.domain.retro_model import (
    Entry,
    Figures,
    Group,
    Lesson,
    Outcome,
    Planned,
    PrincipleRow,
    Retro,
    SlidEntry,
    Tally,
)
from improve.domain.timeline import (
    WORKING,
    as_of,
    closed_by,
    entered,
    started_in,
    status_at,
    value_at,
)
from improve.domain.trust import three_cs

Tallies = dict[str, Tally]


def _group(ini: Initiative, period: Period) -> tuple[Group, datetime | None] | None:
    status = status_at(ini, period.end)
    if status in WORKING:
        return Group.CARRIED, None
    if status is None or not status.closed:
        return None
    closed = entered(ini, status, period.end)
    if not period.holds(closed):
        return None
    if status is Status.DROPPED:
        return Group.DROPPED, closed
    return (Group.LOGGED if ini.logged else Group.FINISHED), closed


def tally(ini: Initiative, period: Period) -> Tally:
    """On time means done by the end of its due day, in the team's zone. Work closed
    before it fell due is left out: dropping work is not breaking a promise."""
    planned = on_time = late = 0
    closed = closed_by(ini, period.end)
    for item in ini.live_iterations():
        due = item.due
        if due is None or not period.holds_day(due):
            continue
        done = item.done_at if item.done_at and item.done_at < period.end else None
        if done is None and closed is not None and closed.astimezone(period.tz).date() <= due:
            continue
        planned += 1
        if done is not None and done.astimezone(period.tz).date() <= due:
            on_time += 1
        elif done is not None:
            late += 1
    return Tally(planned, on_time, late, planned - on_time - late)


def outcome(ini: Initiative) -> Outcome | None:
    m = ini.measure
    if m is None:
        return None
    last = progress.latest(ini)
    readings = tuple(Reading(r.at, r.value) for r in ini.live_measurements())
    scored = cx.reading_score(m.kind, last.responses) if last else None
    return Outcome(
        m.name,
        m.unit,
        m.direction,
        m.baseline,
        m.baseline_at,
        m.target,
        m.target_date,
        last.value if last else None,
        progress.progress(ini),
        progress.target_met(ini),
        readings,
        m.kind,
        scored.n if scored else None,
        scored.margin if scored else None,
        scored.thin(m.min_responses) if scored else False,
    )


def _entry(
    ini: Initiative, key: str, period: Period, kept: Tally, share: float = SLIDE_SHARE
) -> Entry | None:
    found = _group(ini, period)
    if found is None:
        return None
    group, closed = found
    seen = as_of(ini, period.end)
    reason = str(value_at(ini, "reason", period.end) or ini.reason) if closed else ""
    finished = group is Group.FINISHED and closed is not None
    carried = group is Group.CARRIED
    pending = sorted(
        (i for i in seen.live_iterations() if not i.done),
        key=lambda i: (i.due is None, i.due or period.until, i.created),
    )
    return Entry(
        id=ini.id,
        key=key,
        title=ini.title,
        group=group,
        started=started_in(ini, period),
        principle=ini.principle,
        status=status_at(ini, period.end) or ini.status,
        step=Step(str(value_at(ini, "step", period.end) or ini.step.value)),
        owner=ini.owner,
        team=ini.team,
        reason=reason,
        closed=closed,
        outcome=outcome(seen),
        iterations=kept,
        forecast=progress.forecast(seen, period.until).state.value if carried else None,
        next_iteration=Planned(pending[0].title, pending[0].due) if carried and pending else None,
        verdict=closing_verdict(seen, closed, reason) if finished and closed else None,
        changes=effects(seen),
        slide=slid_back(seen, share, closed) if finished else None,
        stakeholders=ini.stakeholders,
        activity=ini.activity,
        journey=ini.journey,
        source=ini.source,
        blocked_since=_blocked_since(ini, period) if carried else None,
    )


def _blocked_since(ini: Initiative, period: Period) -> datetime | None:
    blocked = status_at(ini, period.end) is Status.BLOCKED
    return entered(ini, Status.BLOCKED, period.end) if blocked else None


def _order(entry: Entry) -> tuple[int, str, str]:
    rank = list(Group).index(entry.group)
    return rank, entry.closed.isoformat() if entry.closed else "", entry.title.lower()


def entries(
    initiatives: Iterable[Initiative],
    keys: dict[str, str],
    period: Period,
    tallies: Tallies,
    share: float = SLIDE_SHARE,
) -> tuple[Entry, ...]:
    found = [
        _entry(ini, keys.get(ini.id, ini.id[:8]), period, tallies[ini.id], share)
        for ini in initiatives
    ]
    return tuple(sorted((e for e in found if e is not None), key=_order))


def figures(period: Period, found: Iterable[tuple[Group, bool]], tallies: Tallies) -> Figures:
    """Counts by group, how many started, and iterations kept, from (group, started) pairs."""
    groups: Counter[Group] = Counter()
    started = 0
    for group, began in found:
        groups[group] += 1
        started += began
    return Figures(
        period,
        finished=groups[Group.FINISHED],
        dropped=groups[Group.DROPPED],
        started=started,
        logged=groups[Group.LOGGED],
        carried=groups[Group.CARRIED],
        iterations=sum(tallies.values(), Tally()),
    )


def previous(team: Sequence[Initiative], period: Period) -> Figures:
    """Only the counts of the period before: no outcomes or forecasts are needed."""
    found = ((_group(ini, period), ini) for ini in team)
    pairs = [(g[0], started_in(ini, period)) for g, ini in found if g is not None]
    return figures(period, pairs, {ini.id: tally(ini, period) for ini in team})


def per_principle(found: Sequence[Entry]) -> tuple[PrincipleRow, ...]:
    """Each principle, and the initiatives with none (only when there are some)."""
    rows = []
    unset = any(e.principle is None for e in found)
    for principle in (*Principle, None) if unset else tuple(Principle):
        mine = [e for e in found if e.principle is principle]
        worked = [e for e in mine if e.group in (Group.FINISHED, Group.CARRIED)]
        shares = [
            progress.clamp01(e.outcome.progress)
            for e in worked
            if e.outcome and e.outcome.progress is not None
        ]
        rows.append(
            PrincipleRow(
                principle,
                sum(1 for e in mine if e.group is Group.FINISHED),
                sum(1 for e in mine if e.group is Group.CARRIED),
                sum(1 for e in mine if e.group is Group.LOGGED),
                len(shares),
                sum(shares) / len(shares) if shares else None,
            )
        )
    return tuple(rows)


def lessons(team: Iterable[Initiative], keys: dict[str, str], period: Period) -> tuple[Lesson, ...]:
    """Notes marked as lessons, and whatever was noted at the momentum step."""
    found = [
        Lesson(n.at, n.text, n.who, n.kind, ini.id, keys.get(ini.id, ini.id[:8]), ini.title)
        for ini in team
        for n in ini.live_notes()
        if period.holds(n.at) and (n.kind is NoteKind.LESSON or n.step is Step.MOMENTUM)
    ]
    return tuple(sorted(found, key=lambda lesson: (lesson.at, lesson.initiative_id)))


def slid(
    team: Iterable[Initiative], keys: dict[str, str], period: Period, share: float
) -> tuple[SlidEntry, ...]:
    """Done work whose gain had slid back by the end of the period, whenever it was done."""
    found = []
    for ini in team:
        if status_at(ini, period.end) is not Status.DONE or ini.measure is None:
            continue
        closed = entered(ini, Status.DONE, period.end)
        slide = slid_back(as_of(ini, period.end), share, closed)
        if slide is not None:
            key = keys.get(ini.id, ini.id[:8])
            found.append(SlidEntry(ini.id, key, ini.title, ini.owner, ini.measure.unit, slide))
    return tuple(sorted(found, key=lambda s: (s.slide.since, s.title.lower())))


def of_team(initiatives: Iterable[Initiative], team: str | None) -> list[Initiative]:
    wanted = (team or "").strip().lower()
    return [
        i for i in initiatives if i.deleted is None and (not wanted or i.team.lower() == wanted)
    ]


def build_retro(
    initiatives: Sequence[Initiative],
    period: Period,
    team: str | None = None,
    *,
    today: date,
    share: float = SLIDE_SHARE,
) -> Retro:
    """The whole retrospective, with last period's figures beside this period's."""
    keys = short_keys(i.id for i in initiatives)
    mine = of_team(initiatives, team)
    tallies = {ini.id: tally(ini, period) for ini in mine}
    found = entries(mine, keys, period, tallies, share)
    return Retro(
        period=period,
        team=(team or "").strip(),
        today=today,
        entries=found,
        principles=per_principle(found),
        lessons=lessons(mine, keys, period),
        trust=three_cs(mine, period.start, period.end),
        figures=figures(period, ((e.group, e.started) for e in found), tallies),
        previous=previous(mine, period.previous()),
        balance=balance(mine, period.start, period.end, _when(period)),
        slid_back=slid(mine, keys, period, share),
    )


def _when(period: Period) -> str:
    """How the balance's nudges name the period: `this sprint`, `in this period`."""
    return f"this {period.kind}" if period.kind in KINDS else "in this period"
