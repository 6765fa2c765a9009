"""The file form: a write re-encodes only the records it changed, and the result is
always exactly what encoding everything afresh would give."""

from __future__ import annotations

from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from improve.clock import FixedClock
from improve.domain.model import Direction, Status
from improve.errors import StoreError
from improve.service import Register
from improve.store.fileform import Data, Kept, as_lines, decode, encode

ids = st.text(alphabet="0123456789abcdef", min_size=1, max_size=6)
values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
records = st.dictionaries(st.text(max_size=5), values, max_size=4)
tables = st.dictionaries(
    st.sampled_from(["archived", "initiatives", "journal", "meta"]),
    st.dictionaries(ids, records, max_size=6),
    max_size=4,
)


@given(tables, tables)
def test_kept_lines_give_the_same_bytes_as_encoding_afresh(old: Data, new: Data) -> None:
    """Whatever changed between two versions, only the changed records need encoding."""
    written = {
        (name, doc_id)
        for name, table in new.items()
        for doc_id, record in table.items()
        if old.get(name, {}).get(doc_id, object()) != record
    }
    removed = {
        (name, i) for name, table in old.items() for i in table if i not in new.get(name, {})
    }
    kept = Kept.read(encode(old))
    assert kept is not None
    assert encode(new, kept, written | removed) == encode(new)
    # a removal nobody reported still shows: the table no longer has a line per record
    if all(old.get(name, {}).keys() <= new[name].keys() for name in new):
        return
    assert encode(new, Kept.read(encode(old)), written) == encode(new)
    assert as_lines(encode(new)) is not None


def _canonical(paths: list[Path]) -> None:
    for path in paths:
        raw = path.read_bytes()
        assert raw == encode(decode(raw, path)), path.name


def test_every_write_leaves_every_file_in_canonical_form(
    register: Register, clock: FixedClock
) -> None:
    a = register.add("first idea", owner="kim")
    b = register.add("second idea")
    register.set_metric(
        register.key(a.id), "lead time", unit="d", better=Direction.DOWN, baseline=10, target=5
    )
    register.measure(register.key(a.id), 8)
    register.set_status(register.key(b.id), Status.DONE)
    _canonical(register.store.files())
    clock.advance(days=40)
    register.add("after a month")  # the sweep files `b` in its quarter's archive
    assert len(register.store.files()) == 2
    _canonical(register.store.files())
    register.set_status(register.key(b.id), Status.ACTIVE)  # back from the archive
    register.undo()
    _canonical(register.store.files())


def test_a_write_keeps_the_lines_of_records_it_did_not_touch(
    register: Register, store_path: Path
) -> None:
    kept = register.add("hand-formatted elsewhere")
    edited = register.add("edited here")
    lines = store_path.read_bytes().split(b"\n")
    at = next(n for n, line in enumerate(lines) if kept.id.encode() in line[:40])
    head, body = lines[at].split(b": ", 1)
    spaced = head + b": " + body.replace(b',"', b', "')  # still valid JSON, on one line
    assert spaced != lines[at]
    lines[at] = spaced
    store_path.write_bytes(b"\n".join(lines))
    register.edit(register.key(edited.id), title="edited again")
    after = store_path.read_bytes()
    assert spaced in after.split(b"\n")  # not re-encoded: it did not change
    assert register.get(register.key(kept.id)).title == "hand-formatted elsewhere"
    register.edit(register.key(kept.id), owner="lee")
    _canonical([store_path])  # once changed, it is written in the canonical form


def _mangled(raw: bytes, how: str, pick: int) -> bytes:
    """The file as a hand edit or another tool may leave it: still JSON, not our form."""
    if how == "crlf":
        return raw.replace(b"\n", b"\r\n")
    if how == "pretty":
        return orjson.dumps(orjson.loads(raw), option=orjson.OPT_INDENT_2)
    if how == "no final newline":
        return raw.rstrip(b"\n")
    lines = raw.split(b"\n")
    if how == "two records on a line":
        joinable = [
            n
            for n in range(len(lines) - 1)
            if lines[n].endswith(b"},") and lines[n + 1].startswith(b'"')
        ]
        if joinable:
            n = joinable[pick % len(joinable)]
            lines[n : n + 2] = [lines[n] + b" " + lines[n + 1]]
    if how == "a record over two lines":
        cuts = [
            (n, at)
            for n, line in enumerate(lines)
            for at in range(len(line))
            if line[at : at + 3] == b'},"'
        ]
        if cuts:
            n, at = cuts[pick % len(cuts)]
            lines[n : n + 1] = [lines[n][: at + 2], lines[n][at + 2 :]]
    return b"\n".join(lines)


HOW = ["crlf", "pretty", "no final newline", "two records on a line", "a record over two lines"]


@settings(max_examples=400, deadline=None)
@given(tables, st.sampled_from(HOW), st.integers(0, 1000), st.data())
def test_a_file_not_quite_in_line_form_is_never_written_back_wrong(
    old: Data, how: str, pick: int, data: st.DataObject
) -> None:
    raw = _mangled(encode(old), how, pick)
    try:
        mem = decode(raw, Path("store.json"))
    except StoreError:
        return
    kept = Kept.read(raw)
    kept = kept.knowing(mem) if kept else None
    changed = set()
    for name, table in mem.items():
        for doc_id in list(table):
            choice = data.draw(st.sampled_from(["keep", "drop", "edit"]))
            if choice == "drop":
                del table[doc_id]
            elif choice == "edit":
                table[doc_id] = {"edited": True}
            if choice != "keep":
                changed.add((name, doc_id))
    assert decode(encode(mem, kept, changed), Path("store.json")) == mem
