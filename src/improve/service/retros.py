"""The team's retrospectives: what it said (went well, didn't, try), kept in the store's
`retros` table, and *try* lines turned into initiatives in one step.

A retro's record is written only when the team writes something in it or acts on it;
until then the retro shows its sections prefilled from the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from improve.domain.capture import Capture, parse_capture
from improve.domain.changes import CREATED, Edit, stamp
from improve.domain.errors import BadRecord, InputError
from improve.domain.model import Change, Initiative, Source
from improve.domain.period import Period
from improve.domain.register import NOTE_MAX, Filter, clean_text
from improve.domain.retro import build_retro
from improve.domain.retro_model import Retro
from improve.domain.retro_record import (
    SECTIONS,
    TRY,
    Action,
    RetroRecord,
    retro_from_dict,
    retro_id,
    retro_to_dict,
)
from improve.domain.retro_talk import BLOCKED_DAYS, lines_of, with_talk
from improve.service.base import RegisterBase, new_id
from improve.store.storage import Session, StoreError
from improve.store.tables import fetch, put, records_of

#: How an error names a section.
_SAID = {"went_well": "went well", "didnt": "didn't go well", "try": "try next"}
#: The most actions one `retro --actions` may bring (a retro agrees a handful).
ACTIONS_MAX = 100


def parse_action(line: str) -> Capture:
    """A *try* line as an action: capture's marks (`@ana #simple +ci team:web`); its
    source is the retro, and it is work still to do."""
    capture = parse_capture(line)
    if capture.source not in (None, Source.RETRO):
        raise InputError(f"an action's source is the retro, not {capture.source}: leave it out")
    if capture.done:
        raise InputError("an action is work still to do: leave out is:done")
    return replace(capture, source=Source.RETRO)


def parse_actions(text: str) -> list[tuple[str, Capture]]:
    """One action a line (blank lines and `#`-comment lines skipped): all read, or the
    first bad line is said with its number and nothing is done."""
    found = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        try:
            found.append((line, parse_action(line)))
        except InputError as error:
            raise InputError(f"line {number}: {error}") from None
    if not found:
        raise InputError("no actions given: write one action a line")
    if len(found) > ACTIONS_MAX:
        raise InputError(f"{len(found)} actions: at most {ACTIONS_MAX} at once")
    return found


class Retros(RegisterBase):
    """Reading and writing the team's retrospectives."""

    def retro_records(self) -> list[RetroRecord]:
        """Every retro the team wrote something in, not deleted."""
        with self.store.snapshot() as session:
            raws = list(records_of(session.db.table("retros")).values())
        return [r for r in (self._decode_retro(raw) for raw in raws) if r.deleted is None]

    def _decode_retro(self, raw: Any) -> RetroRecord:
        try:
            return retro_from_dict(raw)
        except BadRecord as bad:
            problem = f"retro {bad.record}, field {bad.field}: {bad.problem}"
            raise StoreError(
                self.store.path, problem, self.store.newest_backup(), damaged=True
            ) from None

    def retro_record(self, team: str, period: Period) -> RetroRecord | None:
        wanted = retro_id(team, period.since, period.until)
        return next((r for r in self.retro_records() if r.id == wanted), None)

    def last_retro(self, team: str, period: Period) -> RetroRecord | None:
        """The team's retro before this one: the latest that ended before this period ends."""
        mine = team.strip().lower()
        this = retro_id(team, period.since, period.until)
        earlier = [
            r
            for r in self.retro_records()
            if r.team.strip().lower() == mine and r.until < period.until and r.id != this
        ]
        return max(earlier, key=lambda r: (r.until, r.since), default=None)

    def retrospective(
        self,
        period: Period,
        team: str | None,
        *,
        today: date,
        share: float,
        blocked_days: int = BLOCKED_DAYS,
    ) -> Retro:
        """The whole retro: the data's summary, the team's words, the last retro's actions."""
        records = (self.retro_record(team or "", period), self.last_retro(team or "", period))
        since = period.previous().since
        if records[1] is not None:
            since = min(since, records[1].since)
        found = self.initiatives(Filter(closed_since=since))
        retro = build_retro(found, period, team, today=today, share=share)
        everything = found if records[1] is None else self._with_deleted(found, records[1])
        return with_talk(retro, everything, records[0], records[1], blocked_days)

    def _with_deleted(self, found: list[Initiative], last: RetroRecord) -> list[Initiative]:
        """The last retro's actions whose initiatives are not in `found` (closed long ago,
        or deleted) are looked up one by one."""
        have = {ini.id for ini in found}
        extra = []
        for action in last.actions:
            if action.initiative not in have:
                try:
                    extra.append(self.get(action.initiative))
                except InputError:
                    continue
        return [*found, *extra]

    def save_talk(self, team: str, period: Period, texts: Mapping[str, str]) -> RetroRecord:
        """Keep what the team wrote in the sections given, exactly as typed (the app
        compares it with what it shows); a section that did not change is not touched (its
        stamp stays, so a merge keeps a concurrent edit of it)."""
        unknown = set(texts) - set(SECTIONS)
        if unknown:
            raise InputError(f"no retro section {sorted(unknown)[0]!r}")
        for name, text in texts.items():
            clean_text(text, _SAID[name], allow_empty=True, limit=NOTE_MAX)
        cleaned = dict(texts)
        edit = self._edit(f"retro {period.dates}")
        with self.store.transaction() as session:
            record = self._retro_for_write(session, team, period, edit)
            for name, text in cleaned.items():
                record = _set(record, name, text, edit)
            if record.updated == edit.at:
                self._put_retro(session, replace(record, written=edit.at))
        return record

    def add_actions(
        self, team: str, period: Period, actions: Sequence[tuple[str, Capture]]
    ) -> list[Initiative]:
        """Each *try* line as an initiative (`source=retro`), recorded as an action of this
        retro, all in one transaction: every one is made, or none."""
        edit = self._edit(f"retro actions {period.dates}")
        made = [self._action_initiative(capture, team, edit) for _, capture in actions]
        with self.store.transaction() as session:
            record = self._retro_for_write(session, team, period, edit)
            tries = record.tries or ""
            said = set(lines_of(tries))
            for (written, _), ini in zip(actions, made, strict=True):
                self._save(session, session.db, ini, sweep=False)
                line = _same_line(written, ini.title, said)
                action = Action(new_id(), edit.at, line, ini.id, self.who)
                record = replace(record, actions=(*record.actions, action), updated=edit.at)
                if line not in said:
                    tries = f"{tries.rstrip()}\n{line}".lstrip("\n")
                    said.add(line)
            record = _set(record, TRY, tries, edit)
            self._put_retro(session, replace(record, written=edit.at))
            self._journal(session, edit, [ini.id for ini in made])
            self._all_ids(session)
        return made

    def _action_initiative(self, capture: Capture, team: str, edit: Edit) -> Initiative:
        ini = Initiative(
            id=new_id(),
            title=capture.title,
            created=edit.at,
            updated=edit.at,
            principle=capture.principle,
            owner=capture.owner or self.who.split("@")[0],
            team=capture.team or team.strip(),
            value=capture.value,
            effort=capture.effort,
            tags=capture.tags,
            source=Source.RETRO,
            stakeholders=capture.stakeholders,
            activity=capture.activity,
            journey=capture.journey,
        )
        return edit.record(ini, CREATED, None, ini.id)

    def keep_retro(self, record: RetroRecord) -> None:
        """Write a whole retro as it is (the demo's, a generated store's)."""
        with self.store.transaction() as session:
            self._put_retro(session, record)

    def _retro_for_write(
        self, session: Session, team: str, period: Period, edit: Edit
    ) -> RetroRecord:
        record_id = retro_id(team, period.since, period.until)
        raw = fetch(session.db.table("retros"), record_id)
        if raw is not None:
            return self._decode_retro(raw)
        return RetroRecord(record_id, team.strip(), period.since, period.until, edit.at, edit.at)

    def _put_retro(self, session: Session, record: RetroRecord) -> None:
        put(session.db.table("retros"), record.id, retro_to_dict(record))


def _same_line(line: str, title: str, said: set[str]) -> str:
    """The try line an action comes from: the line as written, or the team's own line
    that says the same thing (`Write the runbook` for `Write the runbook @ana`)."""
    if line in said:
        return line
    for other in sorted(said):
        try:
            if parse_capture(other).title == title:
                return other
        except InputError:
            continue
    return line


def _set(record: RetroRecord, name: str, text: str, edit: Edit) -> RetroRecord:
    """One section's new text, stamped and told in the history (a merge that beats it
    keeps it there)."""
    old = record.section(name)
    if old == text:
        return record
    change = Change(new_id(), edit.at, edit.who, name, old, text, edit.summary)
    stamps = {**record.stamps, name: stamp(edit.at, edit.who)}
    changed = replace(record.with_section(name, text), stamps=stamps, updated=edit.at)
    return replace(changed, history=(*changed.history, change))
