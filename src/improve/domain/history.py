"""When things happened, read back from an initiative's history.

The record keeps only the current status; the standup needs how long something has
been blocked and the three C's need when it was finished, so both come from the
`status` changes in the history (the latest one to the current value wins, which
stays right after a merge put entries out of order).
"""

from __future__ import annotations

from datetime import datetime

from improve.domain.model import Initiative, Status

STATUS = "status"


def status_since(ini: Initiative) -> datetime:
    """When the current status was last set; a record born in it (a `log`) counts from birth."""
    moments = [c.at for c in ini.history if c.field == STATUS and c.new == ini.status.value]
    return max(moments, default=ini.created)


def finished_at(ini: Initiative) -> datetime | None:
    """When a done initiative was finished; None while it is not done."""
    return status_since(ini) if ini.status is Status.DONE else None


def closed_at(ini: Initiative) -> datetime | None:
    """When a done or dropped initiative was closed; None while it is open."""
    return status_since(ini) if ini.status.closed else None


def in_period(at: datetime | None, since: datetime, until: datetime) -> bool:
    """Half-open, so back-to-back periods never count a moment twice."""
    return at is not None and since <= at < until
