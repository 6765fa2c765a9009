"""An initiative as it stood at a moment, read back from its history.

The record keeps only what is true now; a retrospective of a past period needs what
was true then: the status and reason at the period's end, the readings taken by then,
the iterations done by then. Moments are compared half-open: `before` means `< moment`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from improve.domain.model import Initiative, Status
from improve.domain.period import Period

WORKING = (Status.ACTIVE, Status.BLOCKED)


def value_at(ini: Initiative, name: str, moment: datetime) -> object:
    """A field's stored value at `moment`, read back from the history; None when the
    history does not say, and after the last write (the record's own value holds)."""
    if moment > ini.updated:
        return None
    last = first_after = None
    for change in ini.history:
        if change.field != name:
            continue
        if change.at < moment:
            last = change if last is None or change.at >= last.at else last
        elif first_after is None or change.at < first_after.at:
            first_after = change
    if last is not None:
        return last.new
    return first_after.old if first_after is not None else None


def status_at(ini: Initiative, moment: datetime) -> Status | None:
    """None before the initiative existed."""
    if ini.created >= moment:
        return None
    if moment > ini.updated:
        return ini.status
    raw = value_at(ini, "status", moment)
    return Status(str(raw)) if raw is not None else ini.status


def entered(ini: Initiative, status: Status, moment: datetime) -> datetime:
    """When `status` was last entered before `moment`; birth for a record born in it."""
    moments = [
        c.at for c in ini.history if c.field == "status" and c.new == status and c.at < moment
    ]
    return max(moments, default=ini.created)


def closed_by(ini: Initiative, moment: datetime) -> datetime | None:
    status = status_at(ini, moment)
    return entered(ini, status, moment) if status is not None and status.closed else None


def started_in(ini: Initiative, period: Period) -> bool:
    """Work began in the period: first set active then (or created already at work)."""
    moments = [c.at for c in ini.history if c.field == "status" and c.new == Status.ACTIVE]
    first = min(moments, default=None)
    if first is None and not ini.logged and status_at(ini, period.end) in WORKING:
        first = ini.created
    return period.holds(first)


def as_of(ini: Initiative, moment: datetime) -> Initiative:
    """The initiative without what happened after `moment` (readings, iterations done)."""
    if all(m.at < moment for m in ini.measurements) and all(
        i.created < moment and (i.done_at is None or i.done_at < moment) for i in ini.iterations
    ):
        return ini
    readings = tuple(m for m in ini.measurements if m.at < moment)
    iterations = tuple(
        replace(i, done_at=None) if i.done_at and i.done_at >= moment else i
        for i in ini.iterations
        if i.created < moment
    )
    return replace(ini, measurements=readings, iterations=iterations)
