"""Screens that show the whole register (Standup, Insights): one way to read it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import work
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from improve.domain.model import Initiative
from improve.domain.register import Filter
from improve.errors import StoreError
from improve.tui.host import host
from improve.tui.messages import StoreReloaded, ThemeChanged
from improve.tui.trouble import say, unreadable


class WholeRegisterScreen(Screen[None]):
    """Reads every initiative in a thread, and again whenever the store changes.

    The Register keeps its last full read, so opening such a screen after the Register
    costs no second decode of a large store.
    """

    def __init__(self, initiatives: Sequence[Initiative] | None, *, id: str) -> None:
        super().__init__(id=id)
        self.initiatives: list[Initiative] = list(initiatives or [])
        self.loaded = initiatives is not None
        #: Short keys of what this screen read, closed work included (the app's keys are
        #: those of the Register's rows, which hold open work only).
        self.keys: dict[str, str] = {}

    def recompute(self) -> None:
        """Derive what the screen shows from `self.initiatives`."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the whole register again in a thread; the screen stays responsive."""
        self._load()

    @work(thread=True, exclusive=True, group="whole-register-load", exit_on_error=False)
    def _load(self) -> None:
        register = host(self).register
        found = register.initiatives(Filter())
        keys = register.keys(i.id for i in found)
        self.app.call_from_thread(self._loaded, found, keys)

    def shown_keys(self) -> dict[str, str]:
        """The short key of everything this screen shows, closed work included.

        A screen given the Register's last read has no keys of its own yet: they are
        worked out from the ids the register already knows, without reading the store.
        """
        if not self.keys and self.initiatives:
            try:
                self.keys = host(self).register.keys(i.id for i in self.initiatives)
            except StoreError:  # the screen says so where it reads; keys fall back to ids
                return host(self).keys()
        return self.keys

    def _loaded(self, found: list[Initiative], keys: dict[str, str]) -> None:
        self.initiatives, self.keys, self.loaded = found, keys, True
        self.recompute()

    def on_store_reloaded(self, _: StoreReloaded) -> None:
        self.reload()

    def on_theme_changed(self, _: ThemeChanged) -> None:
        if self.loaded:
            self.recompute()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "whole-register-load":
            said_if_unreadable(self, event)


def said_if_unreadable(screen: Screen[Any], event: Worker.StateChanged) -> str | None:
    """A store file that cannot be read is said on screen (and returned); the app stays
    up to retry."""
    if event.state is not WorkerState.ERROR:
        return None
    error = event.worker.error
    assert error is not None
    say(screen, error)
    return unreadable(error)
