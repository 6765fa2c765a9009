"""One record, one file: undo the duplicate a git merge can leave in a split store.

A record archived in one clone and edited in another comes back from the merge in both
files: the archive (from the first clone) and the main file (from the second). The
archive index in the main file names every archived id, so such a duplicate is found
without reading any archive; the two copies are merged record by record and exactly
one is kept, in the main file while it is open, in its archive once it is closed.

The store runs this on every session it opens: inside a transaction the repair is
written with the caller's change; in a read-only snapshot it only mends the view.
"""

from __future__ import annotations

from typing import Any

from improve.store.storage import Session
from improve.store.tables import drop, put_many, records_of

CLOSED = ("done", "dropped")


def repair_duplicates(session: Session) -> None:
    """Keep each record in one file: found by the index, so no archive is read in vain."""
    live = records_of(session.db.table("initiatives"))
    index = records_of(session.db.table("archived"))
    for record_id in sorted(live.keys() & index.keys()):
        _keep_once(session, record_id, str(index[record_id]["quarter"]))


def _keep_once(session: Session, record_id: str, quarter: str) -> None:
    live = session.db.table("initiatives")
    archive = session.archive(quarter).table("initiatives")
    ours = records_of(live)[record_id]
    archived = records_of(archive).get(record_id)
    from improve.team.merge import merge_records  # a duplicate is rare: most opens need none

    merged = ours if archived is None else merge_records(ours, archived)
    if is_closed(merged):
        put_many(archive, {record_id: merged})
        drop(live, [record_id])
        return
    put_many(live, {record_id: merged})
    drop(session.db.table("archived"), [record_id])
    if archived is not None:
        drop(archive, [record_id])


def is_closed(record: dict[str, Any]) -> bool:
    """Closed work belongs in an archive: done, dropped or deleted."""
    return record.get("status") in CLOSED or bool(record.get("deleted"))
