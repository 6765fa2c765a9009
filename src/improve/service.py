"""The use cases of `improve`: the only code that writes to the store.

Each method validates its input (raising `InputError`), changes one initiative inside
one store transaction, records the change in the initiative's history and in the
writer's undo journal, and returns the initiative as it now stands.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from improve import importers
from improve.clock import Clock
from improve.domain import progress
from improve.domain.changes import CREATED, Edit
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.errors import InputError
from improve.domain.model import (
    Direction,
    Initiative,
    Iteration,
    Measure,
    Measurement,
    Note,
    NoteKind,
    Principle,
    Source,
    Status,
    Step,
)
from improve.domain.register import (
    Filter,
    clean_line,
    clean_tags,
    clean_text,
    keys_for,
    match_key,
    score,
    short_keys,
)
from improve.repair import repair_duplicates
from improve.storage import (
    Session,
    Store,
    StoreDB,
    StoreError,
    archive_quarter,
    drop,
    fetch,
    put,
    put_many,
    records_of,
)

ARCHIVE_AFTER = timedelta(days=30)
JOURNAL_KEEP = 200


def new_id() -> str:
    return uuid.uuid4().hex


def number(text: str | float, what: str) -> float:
    """A finite number, from what the user typed."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InputError(f"bad number {text!r} for {what}: use digits like 42 or 3.5") from None
    if not math.isfinite(value):
        raise InputError(f"bad number {text!r} for {what}: it must be finite")
    return value


EXPORT_FORMAT = "improve-export"


@dataclass(frozen=True)
class ImportResult:
    """What an import did, counted by initiative."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Register:
    """The Continual Improvement Register of one store, seen by one writer."""

    store: Store
    clock: Clock
    who: str
    _known_ids: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Whatever reads the store through a register sees each record once (see repair)."""
        self.store.on_open = repair_duplicates

    @classmethod
    def open(cls, path: Path, clock: Clock, who: str) -> Register:
        """The register of the store at `path`, for callers that must not touch storage."""
        return cls(Store(path, clock), clock, who)

    # --- reading -------------------------------------------------------------

    def initiatives(self, wanted: Filter | None = None) -> list[Initiative]:
        """Initiatives matching the filter, value-first; archives read only when needed."""
        wanted = wanted or Filter()
        with self.store.snapshot() as session:
            raws = self._raw_records(session, archived=wanted.closed_wanted)
            self._all_ids(session)
        statuses = {s.value for s in wanted.statuses}
        now = self.clock.now()
        found = []
        for raw in raws:
            if raw.get("deleted") or (statuses and raw.get("status") not in statuses):
                continue
            ini = self._decode(raw)
            due = progress.next_due(ini, now) if wanted.due_before else None
            if ini.deleted is None and wanted.matches(ini, due):
                found.append(ini)
        return sorted(found, key=progress.value_order_key)

    def get(self, key: str) -> Initiative:
        with self.store.snapshot() as session:
            db, record_id = self._resolve(session, key)
            return self._load(db, record_id)

    def key(self, record_id: str) -> str:
        """The short key of one record, from the ids this register last read."""
        return self.keys([record_id])[record_id]

    def keys(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Short display keys, unique among every record live and archived.

        Given `ids` (say, the rows just listed), only those are computed, against the
        ids this register last read, without reading the store again.
        """
        if ids is None or self._known_ids is None:
            with self.store.snapshot() as session:
                self._all_ids(session)
        known = self._known_ids or []
        if ids is None:
            return short_keys(known)
        return keys_for(ids, sorted(known))

    def _raw_records(self, session: Session, archived: bool) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = list(session.db.table("initiatives").all())
        if archived:
            for db in session.all_archives():
                records.extend(db.table("initiatives").all())
        return records

    def _load(self, db: StoreDB, record_id: str) -> Initiative:
        raw = fetch(db.table("initiatives"), record_id)
        if raw is None:
            problem = f"the index names {record_id} but no file holds it"
            raise StoreError(self.store.path, problem, self.store.newest_backup(), damaged=True)
        return self._decode(raw)

    def _decode(self, raw: Any) -> Initiative:
        try:
            return initiative_from_dict(raw)
        except (KeyError, ValueError, TypeError) as error:
            problem = f"a record is damaged ({error!r})"
            raise StoreError(
                self.store.path, problem, self.store.newest_backup(), damaged=True
            ) from None

    def _all_ids(self, session: Session) -> list[str]:
        """Every live id, main and archived; remembered so `key()` needs no second read."""
        live = [
            i
            for i, r in records_of(session.db.table("initiatives")).items()
            if not r.get("deleted")
        ]
        self._known_ids = live + list(records_of(session.db.table("archived")))
        return self._known_ids

    def _resolve(self, session: Session, key: str) -> tuple[StoreDB, str]:
        record_id = match_key(key, self._all_ids(session))
        return self._where(session, record_id), record_id

    def _where(self, session: Session, record_id: str) -> StoreDB:
        """The file that holds a record: its archive, or the main file."""
        quarter = fetch(session.db.table("archived"), record_id)
        return session.archive(quarter["quarter"]) if quarter else session.db

    # --- writing -------------------------------------------------------------

    def _edit(self, summary: str) -> Edit:
        return Edit(new_id(), self.clock.now(), self.who, summary)

    def _update(
        self, key: str, summary: str, change: Callable[[Initiative, Edit], Initiative]
    ) -> Initiative:
        with self.store.transaction() as session:
            db, record_id = self._resolve(session, key)
            before = self._load(db, record_id)
            edit = self._edit(summary.format(title=before.title))
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
        put(db.table("initiatives"), ini.id, initiative_to_dict(ini))
        if sweep:
            self._sweep(session)

    def _sweep(self, session: Session) -> None:
        """Move long-closed initiatives out of the main file into quarterly archives."""
        table = session.db.table("initiatives")
        cutoff = (self.clock.now() - ARCHIVE_AFTER).isoformat()
        moving: dict[str, dict[str, dict[str, Any]]] = {}
        for raw in table.all():
            closed = raw.get("status") in ("done", "dropped") or raw.get("deleted")
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

    def add(
        self,
        title: str,
        *,
        principle: Principle = Principle.VALUE,
        owner: str = "",
        team: str = "",
        value: int | None = None,
        effort: int | None = None,
        tags: Iterable[str] = (),
        vision: str = "",
        source: Source | None = None,
        description: str = "",
    ) -> Initiative:
        """Propose an initiative; only the title is needed, the rest can come later."""
        now = self.clock.now()
        ini = Initiative(
            id=new_id(),
            title=clean_line(title),
            created=now,
            updated=now,
            principle=principle,
            owner=clean_line(owner, "owner") if owner else "",
            team=clean_line(team, "team") if team else "",
            value=score(value, "value"),
            effort=score(effort, "effort"),
            tags=clean_tags(tags),
            vision=clean_text(vision, "vision", allow_empty=True),
            source=source,
            description=clean_text(description, "description", allow_empty=True),
        )
        return self._create(ini, f"add {ini.title!r}")

    def _create(self, ini: Initiative, summary: str) -> Initiative:
        edit = self._edit(summary)
        ini = edit.record(ini, CREATED, None, ini.id)
        with self.store.transaction() as session:
            self._save(session, session.db, ini)
            self._journal(session, edit, [ini.id])
            self._all_ids(session)
        return ini

    def log(
        self,
        title: str,
        *,
        principle: Principle = Principle.VALUE,
        owner: str = "",
        team: str = "",
        tags: Iterable[str] = (),
        before: float | None = None,
        after: float | None = None,
        unit: str = "",
        better: Direction | None = None,
    ) -> Initiative:
        """A small improvement that is already done: recorded at the momentum step."""
        if (before is None) != (after is None):
            raise InputError("give both --before and --after, or neither")
        if before is not None and before == after:
            raise InputError("--before equals --after: log what changed, or leave both out")
        now = self.clock.now()
        ini = Initiative(
            id=new_id(),
            title=clean_line(title),
            created=now,
            updated=now,
            principle=principle,
            owner=clean_line(owner, "owner") if owner else self.who.split("@")[0],
            team=clean_line(team, "team") if team else "",
            tags=clean_tags(tags),
            status=Status.DONE,
            step=Step.MOMENTUM,
            logged=True,
        )
        if before is not None and after is not None:
            direction = better or (Direction.UP if after >= before else Direction.DOWN)
            ini = replace(
                ini,
                measure=Measure(
                    ini.title,
                    clean_line(unit, "unit") if unit else "",
                    direction,
                    before,
                    now,
                    after,
                    now.date(),
                ),
                measurements=(Measurement(new_id(), now, after, self.who),),
            )
        return self._create(ini, f"log {ini.title!r}")

    def set_metric(
        self,
        key: str,
        name: str,
        *,
        unit: str,
        better: Direction,
        baseline: float,
        target: float,
        by: date | None = None,
        every: str | None = None,
    ) -> Initiative:
        """Steps 2 and 3: what we measure, where we are, and where we want to be."""
        if baseline == target:
            raise InputError("target equals baseline: a target must be a change")
        if (target > baseline) != (better is Direction.UP):
            raise InputError(
                f"target {target:g} is not better than baseline {baseline:g} "
                f"when {better.value} is better"
            )
        measure = Measure(
            clean_line(name, "metric name"),
            clean_line(unit, "unit") if unit else "",
            better,
            baseline,
            self.clock.now(),
            target,
            by,
            every,
        )

        if by is not None and by < self.clock.now().date():
            raise InputError(f"target date {by.isoformat()} is in the past")

        def change(ini: Initiative, edit: Edit) -> Initiative:
            old = ini.measure
            kept = old is not None and old.baseline == baseline and old.baseline_at is not None
            dated = replace(measure, baseline_at=old.baseline_at) if kept and old else measure
            if old is not None and (old.name, old.unit) != (measure.name, measure.unit):
                for reading in ini.live_measurements():  # another metric: a new series
                    ini = edit.remove(ini, "measurements", reading.id)
            ini = edit.set(ini, "measure", dated)
            if ini.step.number < Step.TARGET.number:
                ini = edit.set(ini, "step", Step.TARGET)
            return ini

        return self._update(key, "metric on {title!r}", change)

    def measure(
        self, key: str, value: float, *, at: datetime | None = None, note: str = ""
    ) -> Initiative:
        def change(ini: Initiative, edit: Edit) -> Initiative:
            if ini.measure is None:
                raise InputError(f"{ini.title!r} has no metric yet: set one with `improve metric`")
            if at is not None and at > edit.at:
                raise InputError(f"a measurement cannot be in the future ({at:%Y-%m-%d %H:%M})")
            reading = Measurement(
                new_id(), at or edit.at, value, self.who, clean_text(note, "note", allow_empty=True)
            )
            return edit.add(ini, "measurements", reading)

        return self._update(key, f"measure {value:g} on {{title!r}}", change)

    def add_iteration(self, key: str, title: str, due: date | None = None) -> Initiative:
        cleaned = clean_line(title, "iteration title")

        def change(ini: Initiative, edit: Edit) -> Initiative:
            item = Iteration(new_id(), cleaned, edit.at, due, stamp="")
            ini = edit.add(ini, "iterations", item)
            if ini.step.number < Step.PLAN.number:
                ini = edit.set(ini, "step", Step.PLAN)
            return ini

        return self._update(key, f"plan {cleaned!r} on {{title!r}}", change)

    def finish_iteration(self, key: str, number_: int, done: bool = True) -> Initiative:
        """Mark the N-th iteration (1-based, as `show` numbers them) done or open again."""

        def change(ini: Initiative, edit: Edit) -> Initiative:
            items = ini.live_iterations()
            if not 1 <= number_ <= len(items):
                raise InputError(f"no iteration {number_} on {ini.title!r} (it has {len(items)})")
            item = items[number_ - 1]
            if item.done == done:
                return ini
            ini = edit.finish(ini, item.id, done)
            if done and ini.step.number < Step.ACT.number:
                ini = edit.set(ini, "step", Step.ACT)
            if done and ini.status is Status.PROPOSED:
                ini = edit.set(ini, "status", Status.ACTIVE)
            return ini

        verb = "finish" if done else "reopen"
        return self._update(key, f"{verb} iteration {number_} of {{title!r}}", change)

    def note(self, key: str, text: str, kind: NoteKind = NoteKind.NOTE) -> Initiative:
        cleaned = clean_text(text, "note")

        def change(ini: Initiative, edit: Edit) -> Initiative:
            return edit.add(
                ini, "notes", Note(new_id(), edit.at, cleaned, self.who, kind, ini.step)
            )

        return self._update(key, f"{kind.value} on {{title!r}}", change)

    def step(self, key: str, step: Step | None = None) -> Initiative:
        """Move to the named step, or the next one."""

        def change(ini: Initiative, edit: Edit) -> Initiative:
            target = step or ini.step.next
            if target is None:
                raise InputError(f"{ini.title!r} is at the last step (momentum); start a new cycle")
            return edit.set(ini, "step", target)

        return self._update(key, "step on {title!r}", change)

    def set_status(self, key: str, status: Status, reason: str = "") -> Initiative:
        why = clean_text(reason, "reason", allow_empty=True)
        if status is Status.DROPPED and not why:
            raise InputError("say why it is dropped: --reason TEXT")

        def change(ini: Initiative, edit: Edit) -> Initiative:
            ini = edit.set(ini, "status", status)
            return edit.set(ini, "reason", why)

        return self._update(key, f"{status.value} {{title!r}}", change)

    def edit(self, key: str, **fields: Any) -> Initiative:
        """Change any of the editable fields; only those given change."""
        cleaned = _clean_fields(fields)

        def change(ini: Initiative, edit: Edit) -> Initiative:
            for name, value in cleaned.items():
                ini = edit.set(ini, name, value)
            return ini

        return self._update(key, "edit {title!r}", change)

    def undo(self) -> str:
        """Revert this writer's last change that is not yet undone; say what it was."""
        with self.store.transaction() as session:
            journal = session.db.table("journal")
            mine = [
                e
                for e in journal.all()
                if e["who"] == self.who and e["kind"] == "change" and not e["undone"]
            ]
            if not mine:
                raise InputError(f"nothing to undo for {self.who}")
            entry = max(mine, key=lambda e: (e.get("seq", 0), e["at"]))
            edit = self._edit(f"undo {entry['summary']}")
            for record_id in entry["records"]:
                self._revert(session, record_id, entry["id"], edit)
            put(journal, entry["id"], {**entry, "undone": True})
            self._journal(session, edit, list(entry["records"]), kind="undo")
        return str(entry["summary"])

    def _revert(self, session: Session, record_id: str, change_id: str, edit: Edit) -> None:
        try:
            db, _ = self._resolve(session, record_id)
        except InputError:
            return
        ini = self._load(db, record_id)
        reverted, _ = edit.revert(ini, change_id)
        self._save(session, db, reverted)

    def save_all(self, initiatives: Iterable[Initiative]) -> int:
        """Write many initiatives in one transaction (the demo, generated stores)."""
        records = {ini.id: initiative_to_dict(ini) for ini in initiatives}
        count = len(records)
        with self.store.transaction() as session:
            archived = {str(r.doc_id) for r in session.db.table("archived").all()}
            for record_id in archived & records.keys():
                self._save(
                    session,
                    self._where(session, record_id),
                    self._decode(records.pop(record_id)),
                    sweep=False,
                )
            put_many(session.db.table("initiatives"), records)
            self._sweep(session)
        return count

    def export(self) -> dict[str, Any]:
        """The whole store, live and archived, as one JSON-ready document.

        Records go out in their stored form, so nothing is decoded on the way.
        """
        with self.store.snapshot() as session:
            raws = self._raw_records(session, archived=True)
        live = sorted((r for r in raws if not r.get("deleted")), key=lambda r: str(r["id"]))
        return {
            "format": EXPORT_FORMAT,
            "schema": 1,
            "exported": self.clock.now().isoformat(),
            "initiatives": live,
        }

    def import_export(
        self, document: Any, on_progress: Callable[[int], None] | None = None
    ) -> ImportResult:
        """Bring in an export; by id, so importing the same file twice changes nothing."""
        if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
            raise InputError("not an improve export (expected the JSON of `improve export`)")
        incoming = [self._decode(raw) for raw in document.get("initiatives", [])]
        self.store.backup(self.store.path, "import")
        added = updated = unchanged = 0
        with self.store.transaction() as session:
            known = set(self._all_ids(session))
            for count, ini in enumerate(incoming, 1):
                if ini.id not in known:
                    self._save(session, session.db, ini, sweep=False)
                    added += 1
                else:
                    db = self._where(session, ini.id)
                    current = self._load(db, ini.id)
                    if ini.updated > current.updated:
                        self._save(session, db, ini, sweep=False)
                        updated += 1
                    else:
                        unchanged += 1
                if on_progress:
                    on_progress(count)
            self._sweep(session)
        return ImportResult(added, updated, unchanged)

    def import_initiatives(
        self,
        incoming: list[Initiative],
        dry_run: bool = False,
        on_change: Callable[[str], None] | None = None,
    ) -> ImportResult:
        """Initiatives from another tool (see `importers`): a re-import changes nothing."""
        if not dry_run:
            self.store.backup(self.store.path, "import")
        edit = self._edit(f"import {len(incoming)} initiatives")
        changed: dict[str, bool] = {}
        with self.store.snapshot() if dry_run else self.store.transaction() as session:
            for ini in incoming:
                db = self._where(session, ini.id)
                raw = fetch(db.table("initiatives"), ini.id)
                before = self._decode(raw) if raw else None
                after = importers.absorb(before, ini, edit)
                if after is not before:
                    changed[ini.id] = before is None
                    if on_change:
                        on_change(importers.describe(before, after))
                    if not dry_run:
                        self._save(session, db, after, sweep=False)
            if changed and not dry_run:
                self._sweep(session)
                self._journal(session, edit, list(changed))
        added = sum(changed.values())
        return ImportResult(added, len(changed) - added, len(incoming) - len(changed))


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaners: dict[str, Callable[[Any], Any]] = {
        "title": clean_line,
        "owner": lambda v: clean_line(v, "owner") if v else "",
        "team": lambda v: clean_line(v, "team") if v else "",
        "description": lambda v: clean_text(v, "description", allow_empty=True),
        "vision": lambda v: clean_text(v, "vision", allow_empty=True),
        "beneficiaries": lambda v: clean_text(v, "beneficiaries", allow_empty=True),
        "value": lambda v: score(v, "value"),
        "effort": lambda v: score(v, "effort"),
        "tags": clean_tags,
        "stakeholders": lambda v: tuple(clean_line(s, "stakeholder") for s in v),
    }
    result = {}
    for name, value in fields.items():
        if value is None:
            continue
        cleaner = cleaners.get(name)
        result[name] = cleaner(value) if cleaner else value
    return result
