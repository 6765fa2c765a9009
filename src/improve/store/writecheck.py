"""What a write must pass before anything is written: the file may be replaced, and
every record it writes would read back through the gate."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from improve.domain.codec import initiative_from_dict
from improve.domain.errors import BadRecord, InputError
from improve.domain.retro_record import retro_from_dict
from improve.errors import StoreError
from improve.store.atomic import target_of
from improve.store.fileform import Data
from improve.store.schema import check_tables


def writable(path: Path) -> None:
    """Refuse to replace a store file its owner made read-only (a rename would not ask)."""
    try:
        mode = os.stat(target_of(path)).st_mode
    except OSError as error:
        raise StoreError(path, f"cannot write ({error.strerror})") from None
    if not mode & stat.S_IWUSR:
        raise StoreError(path, "is read-only: make it writable (chmod u+w) to change it")


def gate(data: Data, changed: set[tuple[str, str]], path: Path) -> None:
    """Refuse, before anything is written, a change that would leave a record the store
    could not read back: every record written passes the same gate as every record read."""
    decoders = {"initiatives": initiative_from_dict, "retros": retro_from_dict}
    for name, record_id in changed:
        table = data.get(name, {})
        if name in decoders and record_id in table:
            try:
                decoders[name](table[record_id])
            except BadRecord as bad:
                raise InputError(f"not written to {path.name}: {bad}") from None
    check_tables(data, path, changed)
