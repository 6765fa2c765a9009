"""Reading a big register allocates millions of small objects and frees none of them; the
cyclic collector would rescan them over and over (half the time of a 10,000-initiative
read), so it waits while they are made. They hold no cycles, so nothing is kept longer."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside; the collector's previous state after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
