"""The register's writing: journalled transactions, on top of its reading.

Every write goes through `_update` or `_create`: one transaction that re-reads the store
under the lock, records the change in the initiative's history and in the writer's undo
journal, and files long-closed work in archives.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from improve.domain.changes import CREATED, Edit
from improve.domain.checks import NUMBER_LIMIT
from improve.domain.codec import initiative_to_dict
from improve.domain.errors import InputError
from improve.domain.model import Initiative
from improve.service.reading import CLOSED, RegisterReader
from improve.store.storage import Session, archive_quarter
from improve.store.tables import StoreDB, drop, fetch, put, put_many

ARCHIVE_AFTER = timedelta(days=7)
JOURNAL_KEEP = 200


def new_id() -> str:
    return uuid.uuid4().hex


def number(text: str | float, what: str) -> float:
    """A finite number, from what the user typed."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InputError(f"bad number {text!r} for {what}: use digits like 42 or 3.5") from None
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise InputError(
            f"bad number {text!r} for {what}: numbers are at most {NUMBER_LIMIT:g} in size"
        )
    return value


class RegisterBase(RegisterReader):
    """The one way to write: a journalled transaction, on top of the reading."""

    # --- writing -------------------------------------------------------------

    def _edit(self, summary: str, when: datetime | None = None) -> Edit:
        """An edit written now; `when` dates the event itself, never in the future."""
        now = self.clock.now()
        if when is not None and when > now:
            raise InputError(f"{when:%Y-%m-%d %H:%M} is in the future: record what has happened")
        return Edit(new_id(), now, self.who, summary, when)

    def _update(
        self,
        key: str,
        summary: str,
        change: Callable[[Initiative, Edit], Initiative],
        when: datetime | None = None,
    ) -> Initiative:
        with self.store.transaction() as session:
            db, record_id = self._resolve(session, key)
            before = self._load(db, record_id)
            edit = self._edit(summary.format(title=before.title), when)
            after = change(before, edit)
            if after is not before:
                self._save(session, db, after)
                self._journal(session, edit, [after.id])
        return after

    def _save(self, session: Session, db: StoreDB, ini: Initiative, sweep: bool = True) -> None:
        """Write a record where it belongs: open work in the main file."""
        if db is not session.db and not ini.status.closed:
            drop(db.table("initiatives"), [ini.id])
            drop(session.db.table("archived"), [ini.id])
            db = session.db
        table = db.table("initiatives")
        if ini.deleted is None and (fetch(table, ini.id) or {}).get("deleted"):
            drop(table, [ini.id])  # an undone delete: an upsert would keep the old mark
        put(table, ini.id, initiative_to_dict(ini))
        if sweep:
            self._sweep(session)

    def _sweep(self, session: Session) -> None:
        """Move long-closed initiatives out of the main file into quarterly archives."""
        table = session.db.table("initiatives")
        cutoff = (self.clock.now() - ARCHIVE_AFTER).isoformat()
        moving: dict[str, dict[str, dict[str, Any]]] = {}
        for raw in table.all():
            closed = raw.get("status") in CLOSED or raw.get("deleted")
            if closed and raw.get("updated", "") < cutoff:
                quarter = archive_quarter(datetime.fromisoformat(raw["updated"]))
                moving.setdefault(quarter, {})[raw["id"]] = dict(raw)
        for quarter, records in moving.items():
            put_many(session.archive(quarter).table("initiatives"), records)
            put_many(session.db.table("archived"), {k: {"quarter": quarter} for k in records})
            drop(table, list(records))

    def _journal(self, session: Session, edit: Edit, ids: list[str], kind: str = "change") -> None:
        journal = session.db.table("journal")
        entry = {
            "id": edit.change_id,
            "at": edit.at.isoformat(),
            "who": edit.who,
            "summary": edit.summary,
            "records": ids,
            "kind": kind,
            "undone": False,
        }
        entry["seq"] = 1 + max((e.get("seq", 0) for e in journal.all()), default=0)
        put(journal, edit.change_id, entry)
        entries = sorted(journal.all(), key=lambda e: e["at"])
        if len(entries) > JOURNAL_KEEP:
            drop(journal, [str(e.doc_id) for e in entries[:-JOURNAL_KEEP]])

    # --- the use cases ---------------------------------------------------------

    def _create(self, ini: Initiative, summary: str, when: datetime | None = None) -> Initiative:
        edit = self._edit(summary, when)
        ini = edit.record(ini, CREATED, None, ini.id)
        with self.store.transaction() as session:
            self._save(session, session.db, ini)
            self._journal(session, edit, [ini.id])
            self._all_ids(session)
        return ini

    def undo(self) -> str:
        """Revert this writer's last change that is not yet undone; say what it was."""
        with self.store.transaction() as session:
            journal = session.db.table("journal")
            mine = undoable(journal.all(), self.who)
            entry = max(mine, key=_journal_order)
            edit = self._edit(f"undo {entry['summary']}")
            for record_id in entry["records"]:
                self._revert(session, record_id, entry["id"], edit)
            put(journal, entry["id"], {**entry, "undone": True})
            self._journal(session, edit, list(entry["records"]), kind="undo")
        return str(entry["summary"])

    def redo(self) -> str:
        """Take back this writer's last undo, if they changed nothing since; say what."""
        with self.store.transaction() as session:
            journal = session.db.table("journal")
            entries = journal.all()
            since = max((e.get("seq", 0) for e in entries if e["kind"] == "restore"), default=-1)
            mine = [
                e
                for e in entries
                if e["who"] == self.who and e["kind"] in ("change", "undo") and not e["undone"]
                if e.get("seq", 0) > since
            ]
            last = max(mine, key=_journal_order, default=None)
            if last is None or last["kind"] != "undo":
                raise InputError(f"nothing to redo for {self.who}")
            summary = str(last["summary"]).removeprefix("undo ")
            edit = self._edit(f"redo {summary}")
            for record_id in last["records"]:
                self._revert(session, record_id, last["id"], edit)
            put(journal, last["id"], {**last, "undone": True})
            undone = [
                e
                for e in journal.all()
                if e["who"] == self.who and e["kind"] == "change" and e["undone"]
                if e["summary"] == summary and _journal_order(e) < _journal_order(last)
            ]
            if undone:  # undo can take the change back again
                original = max(undone, key=_journal_order)
                put(journal, original["id"], {**original, "undone": False})
            self._journal(session, edit, list(last["records"]), kind="redo")
        return summary

    def delete(self, key: str) -> Initiative:
        """Remove a mistaken record: gone from every list and retro; `undo` brings it back."""
        return self._update(
            key, "delete {title!r}", lambda ini, edit: edit.set(ini, "deleted", edit.at)
        )

    def _revert(self, session: Session, record_id: str, change_id: str, edit: Edit) -> None:
        db = self._where(session, record_id)  # by its id: a deleted record is undone too
        if fetch(db.table("initiatives"), record_id) is None:
            return
        ini = self._load(db, record_id)
        reverted, _ = edit.revert(ini, change_id)
        self._save(session, db, reverted)


def undoable(entries: list[Any], who: str) -> list[Any]:
    """A writer's changes that undo may take back: not undone, and made since the last
    restore (a restore puts back an older store; what came before it is not undone)."""
    restored = [e for e in entries if e["kind"] == "restore"]
    since = max((e.get("seq", 0) for e in restored), default=-1)
    mine = [
        e
        for e in entries
        if e["who"] == who and e["kind"] == "change" and not e["undone"] and e.get("seq", 0) > since
    ]
    if not mine and restored:
        last = max(restored, key=lambda e: e.get("seq", 0))
        raise InputError(
            f"nothing to undo for {who} since the store was restored ({last['summary']}); "
            "a restore itself cannot be undone"
        )
    if not mine:
        raise InputError(f"nothing to undo for {who}")
    return mine


def _journal_order(entry: dict[str, Any]) -> tuple[int, str]:
    return entry.get("seq", 0), str(entry["at"])
