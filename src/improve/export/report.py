"""The retrospective as a neutral document: headed sections of plain text and tables.

Markdown and HTML both render this, so they always say the same thing in the same
order; every string here is plain text (user text included), and each writer escapes
it for its own format.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from improve.domain.retro_model import Entry, Group, Retro
from improve.domain.terms import principle_label
from improve.export import words
from improve.export.report_learning import iterations, lessons, logged, trust
from improve.export.report_parts import Item, Section, Table
from improve.export.report_placing import journey, placing, portfolio
from improve.export.report_talk import didnt, last_actions, tries, went_well
from improve.export.words import NONE, percent, short_day

__all__ = ["Item", "Section", "Table", "sections", "subtitle", "title"]


#: Sections left out when they have nothing to say (most retros have no gain that slid).
OPTIONAL = frozenset({"slid-back"})


def title(retro: Retro) -> str:
    """`Retrospective · platform · 18 Nov – 1 Dec 2026`: what, whose, when."""
    parts = ["Retrospective", retro.team, retro.period.dates]
    return " · ".join(p for p in parts if p)


def subtitle(retro: Retro) -> str:
    before = retro.previous.period
    return (
        f"{retro.period.label[0].upper()}{retro.period.label[1:]}; compared with "
        f"{short_day(before.since)} – {words.day(before.until)}; written {words.day(retro.today)}."
    )


def summary(retro: Retro) -> Section:
    now, before = retro.figures, retro.previous

    def row(label: str, this: int, last: int) -> tuple[str, str, str, str]:
        return label, str(this), str(last), words.signed(this - last)

    rate_now, rate_before = now.iterations.rate, before.iterations.rate
    rows = (
        row("Finished", now.finished, before.finished),
        row("Dropped", now.dropped, before.dropped),
        row("Started", now.started, before.started),
        row("Small improvements logged", now.logged, before.logged),
        row("Still active at the end", now.carried, before.carried),
        (
            "Iterations done on time",
            f"{now.iterations.on_time} of {now.iterations.planned} ({percent(rate_now)})",
            f"{before.iterations.on_time} of {before.iterations.planned} ({percent(rate_before)})",
            words.points(retro.on_time_delta),
        ),
    )
    finished = words.trend(now.finished, before.finished, "more", "fewer")
    on_time = words.trend(rate_now, rate_before, "better", "worse")
    text = (
        f"Finished: {finished} ({now.finished} against "
        f"{before.finished}). On-time rate: {on_time} ({percent(rate_now)} against "
        f"{percent(rate_before)})."
    )
    table = Table(("", "This period", "Previous", "Change"), rows, frozenset({1, 2, 3}))
    return Section("summary", "Summary", text, table)


def _progress(entry: Entry) -> str:
    return percent(entry.outcome.progress) if entry.outcome else NONE


def _met(entry: Entry) -> str:
    return words.outcome_said(entry)


def finished(retro: Retro) -> Section:
    rows = tuple(
        (
            e.title,
            e.key,
            principle_label(e.principle),
            e.owner or NONE,
            short_day(e.closed),
            _progress(e),
            _met(e),
        )
        for e in retro.group(Group.FINISHED)
    )
    headers = ("Initiative", "Key", "Principle", "Owner", "Finished", "% of target", "Outcome")
    return Section("finished", "Finished", table=Table(headers, rows, frozenset({5})))


def slid_back(retro: Retro) -> Section:
    """Done work whose gain slipped after done: the loop's last step at risk."""
    rows = []
    for e in retro.slid_back:
        s = e.slide
        given = f"{words.amount(s.given_back, e.unit)} of {words.amount(s.gain, e.unit)}"
        rows.append(
            (
                e.title,
                e.key,
                e.owner or NONE,
                words.amount(s.at_done, e.unit),
                words.amount(s.latest, e.unit),
                f"{given} ({percent(s.share)})",
                short_day(s.since),
            )
        )
    headers = ("Initiative", "Key", "Owner", "At done", "Latest", "Given back", "Since")
    text = "Done work whose readings after done gave back more of the gain than the team allows."
    return Section("slid-back", "Slid back", text, Table(headers, tuple(rows)), empty="None.")


def dropped(retro: Retro) -> Section:
    rows = tuple(
        (e.title, e.key, e.owner or NONE, short_day(e.closed), e.reason or NONE)
        for e in retro.group(Group.DROPPED)
    )
    headers = ("Initiative", "Key", "Owner", "Dropped", "Reason")
    return Section("dropped", "Dropped", table=Table(headers, rows))


def started(retro: Retro) -> Section:
    rows = tuple(
        (e.title, e.key, principle_label(e.principle), e.owner or NONE, e.status.value)
        for e in retro.started
    )
    headers = ("Initiative", "Key", "Principle", "Owner", "Status now")
    return Section("started", "Started", table=Table(headers, rows))


def outcomes(retro: Retro) -> Section:
    rows = []
    for e in retro.outcomes:
        o = e.outcome
        assert o is not None
        measure = f"{o.name} ({o.kind.label})" if o.kind.surveyed else o.name
        values = (words.amount(o.baseline, o.unit), words.latest(o), words.amount(o.target, o.unit))
        rows.append((e.title, e.key, measure, *values, percent(o.progress), _met(e)))
    headers = (
        "Initiative",
        "Key",
        "Measure",
        "Baseline",
        "Latest",
        "Target",
        "% of target",
        "Verdict",
    )
    text = (
        "Each outcome as it stood at the end of the period: baseline → latest, against target. "
        "A CX score shows its 95% margin and its number of responses n; thin means fewer "
        "responses than its metric asks for."
    )
    return Section(
        "outcomes", "Outcomes", text, Table(headers, tuple(rows), frozenset({3, 4, 5, 6}))
    )


def changes(retro: Retro) -> Section:
    """Each iteration done in the period is a change: how the outcome moved across it."""
    rows = []
    for e in retro.entries:
        unit = e.outcome.unit if e.outcome else ""
        for c in e.changes:
            if not retro.period.holds(c.done_at):
                continue
            before = words.amount(c.before.value if c.before else None, unit)
            after = words.amount(c.after.value if c.after else None, unit)
            said = words.moved(c, unit)
            rows.append((e.title, e.key, c.title, short_day(c.done_at), before, after, said))
    headers = ("Initiative", "Key", "Change", "Done", "Reading before", "Reading after", "Moved")
    text = (
        "Each iteration done is a change: the outcome from the last reading before it to "
        "the first reading after it."
    )
    table = Table(headers, tuple(rows), frozenset({4, 5}))
    return Section("changes", "Changes and what they moved", text, table)


def principles(retro: Retro) -> Section:
    rows = tuple(
        (
            principle_label(r.principle),
            str(r.finished),
            str(r.carried),
            str(r.logged),
            str(r.measured),
            percent(r.progress),
        )
        for r in retro.principles
    )
    headers = ("Principle", "Finished", "Still active", "Logged", "Measured", "Progress")
    text = "Progress is the mean of each measured outcome's progress, each capped to 0–100%."
    table = Table(headers, rows, frozenset({1, 2, 3, 4, 5}))
    return Section("principles", "Progress per principle", text, table)


def _next(entry: Entry, until: date) -> str:
    """The next step of carried work, marked overdue when its day passed in the period."""
    item = entry.next_iteration
    if item is None:
        return NONE
    if item.due is None:
        return item.title
    late = ", overdue" if item.due < until else ""
    return f"{item.title} (due {short_day(item.due)}{late})"


def carried(retro: Retro) -> Section:
    rows = tuple(
        (
            e.title,
            e.key,
            e.status.value,
            e.step.value,
            e.owner or NONE,
            _progress(e),
            e.forecast or NONE,
            _next(e, retro.period.until),
        )
        for e in retro.group(Group.CARRIED)
    )
    headers = (
        "Initiative",
        "Key",
        "Status",
        "Step",
        "Owner",
        "% of target",
        "Forecast",
        "Next iteration",
    )
    return Section("carried", "Carries on", table=Table(headers, rows, frozenset({5})))


def sections(retro: Retro) -> Sequence[Section]:
    """In the order a team walks through a retro: the last retro's actions, what the team
    says, results, then learning, then next."""
    opening = (last_actions,) if retro.last_actions is not None else ()
    builders = (
        *opening,
        went_well,
        didnt,
        tries,
        summary,
        finished,
        slid_back,
        dropped,
        started,
        outcomes,
        changes,
        principles,
        portfolio,
        journey,
        placing,
        iterations,
        logged,
        lessons,
        trust,
        carried,
    )
    found = [build(retro) for build in builders]
    return [s for s in found if not (s.blank and s.key in OPTIONAL)]
