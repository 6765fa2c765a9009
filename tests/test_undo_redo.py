"""Redo takes back an undo; delete removes a mistaken record, and undo brings it back."""

from __future__ import annotations

import pytest

from improve.domain.errors import InputError
from improve.domain.register import Filter
from improve.service import Register


def titles(register: Register) -> set[str]:
    return {i.title for i in register.initiatives(Filter())}


def test_redo_takes_back_undos_in_reverse_order(register: Register) -> None:
    ini = register.add("Story")
    register.edit(ini.id, title="Story 2")
    register.edit(ini.id, title="Story 3")
    register.undo()
    register.undo()
    register.redo()
    assert register.get(ini.id).title == "Story 2"
    register.redo()
    assert register.get(ini.id).title == "Story 3"
    with pytest.raises(InputError, match="nothing to redo"):
        register.redo()
    register.undo()
    assert register.get(ini.id).title == "Story 2"


def test_a_new_change_after_an_undo_leaves_nothing_to_redo(register: Register) -> None:
    ini = register.add("Story")
    register.edit(ini.id, title="Story 2")
    register.undo()
    register.edit(ini.id, owner="kim")
    with pytest.raises(InputError, match="nothing to redo"):
        register.redo()


def test_redo_of_an_undone_capture_brings_it_back(register: Register) -> None:
    register.add("Mistake")
    assert register.undo() == "add 'Mistake'"
    assert "Mistake" not in titles(register)
    assert register.redo() == "add 'Mistake'"
    assert "Mistake" in titles(register)


def test_delete_leaves_no_trace_and_undo_restores_it(register: Register) -> None:
    keep = register.add("Keep me")
    gone = register.add("Typo capture")
    register.delete(gone.id)
    assert titles(register) == {"Keep me"}
    keys = register.keys()
    assert gone.id not in set(keys)
    with pytest.raises(InputError):
        register.get(gone.id)
    assert register.undo() == "delete 'Typo capture'"
    assert titles(register) == {"Keep me", "Typo capture"}
    register.redo()
    assert titles(register) == {"Keep me"}
    assert register.get(keep.id).title == "Keep me"
