"""`improve export`: streamed from the files' lines, the same bytes as decoding them."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from improve.clock import FixedClock
from improve.domain.model import Status
from improve.service import Register
from improve.store.schema import SCHEMA
from improve.store.storage import StoreError
from tests.test_repair import ARCHIVE, archived_one, edited_elsewhere


def exported(register: Register) -> bytes:
    return b"".join(bytes(chunk) for chunk in register.export())


def decoded_path(register: Register) -> bytes:
    """The same export through the decoding path: the main file no longer in line form."""
    path = register.store.path
    path.write_bytes(orjson.dumps(orjson.loads(path.read_bytes())))
    return exported(register)


def ids_of(document: bytes) -> list[str]:
    return [r["id"] for r in orjson.loads(document)["initiatives"]]


def test_streamed_and_decoded_exports_are_the_same_bytes(
    register: Register, clock: FixedClock
) -> None:
    old = archived_one(register, clock)
    gone = register.add("added by mistake")
    register.undo()  # a tombstone now: never exported
    kept = register.add('quotes " and \\ and ünïcode')
    streamed = exported(register)
    assert streamed == decoded_path(register)
    assert gone.id not in ids_of(streamed)
    assert {old.id, kept.id} <= set(ids_of(streamed))
    assert ids_of(streamed) == sorted(ids_of(streamed))
    assert streamed.count(b"\n") == 2 + len(ids_of(streamed))  # one record per line


def test_an_empty_store_exports_an_empty_list(register: Register) -> None:
    document = orjson.loads(exported(register))
    assert document["initiatives"] == []
    assert document["format"] == "improve-export"


def test_a_record_in_two_files_is_exported_once(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    record_id = edited_elsewhere(store_path, archived_one(register, clock), clock, False)
    assert ids_of(exported(register)).count(record_id) == 1


def test_an_archive_from_a_newer_improve_is_refused(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    archived_one(register, clock)
    archive = store_path.with_name(ARCHIVE)
    archive.write_bytes(archive.read_bytes().replace(b'{"schema":%d}' % SCHEMA, b'{"schema":9}'))
    with pytest.raises(StoreError, match="newer improve"):
        register.export()


def test_the_export_imports_back_into_an_empty_store(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    archived_one(register, clock)
    register.set_status(register.key(register.add("open").id), Status.ACTIVE)
    other = Register.open(tmp_path / "other" / "improve.json", clock, "kim")
    result = other.import_export(orjson.loads(exported(register)))
    assert result.added == 3
    assert exported(other) == exported(register)


def test_a_damaged_archive_is_refused_naming_it(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    """A hand edit breaks an archive's seal, so the export reads it, and refuses it."""
    archived_one(register, clock)
    archive = store_path.with_name(ARCHIVE)
    archive.write_bytes(archive.read_bytes().replace(b'"title":', b'"title":\t,', 1))
    with pytest.raises(StoreError, match=f"{ARCHIVE}: not valid JSON"):
        register.export()


def test_an_archive_with_a_foreign_table_is_refused(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    archived_one(register, clock)
    archive = store_path.with_name(ARCHIVE)
    archive.write_bytes(archive.read_bytes().replace(b'"meta": {', b'"zzz": {\n},\n"meta": {'))
    with pytest.raises(StoreError, match="unexpected tables"):
        register.export()


def test_an_archive_as_improve_wrote_it_is_streamed_unread(
    register: Register, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    archived_one(register, clock)
    read: list[str] = []
    checked = register.store.checked

    def spy(raw: bytes, path: Path) -> object:
        read.append(path.name)
        return checked(raw, path)

    monkeypatch.setattr(register.store, "checked", spy)
    assert len(ids_of(exported(register))) == 2
    assert read == ["improve.json"]  # the main file only: the archive's seal matched
