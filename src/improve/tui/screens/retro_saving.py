"""What the team says in the Retro screen, kept: went well, didn't and try are saved to
the store as the retro's record a moment after the typing stops, and at once when the
screen is left, the period changes or a try line becomes an initiative. A save that is
refused (a control character pasted in) is said, and the text stays where it was typed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual import work
from textual.events import ScreenSuspend
from textual.screen import Screen
from textual.timer import Timer

from improve.domain.capture import Capture
from improve.domain.errors import InputError
from improve.domain.model import Initiative
from improve.domain.period import Period
from improve.domain.retro_model import Retro
from improve.errors import StoreError
from improve.service.retros import parse_action
from improve.tui.host import host
from improve.tui.messages import InitiativeChanged, TalkEdited, TryChosen
from improve.tui.screens.retro_actions import action_form
from improve.tui.trouble import say
from improve.tui.widgets.retro_talk import RetroTalk

#: Seconds of quiet after typing before what was typed is saved.
SAVE_AFTER = 0.4
#: Whose retro the text areas hold: the team, and the period.
TalkKey = tuple[str, Period]


class TalkKeeping(Screen[None]):
    """The Retro screen's saving of the team's words, and its try lines made initiatives."""

    #: Seconds of quiet before a save (a test that must see unsaved typing sets it long).
    save_after = SAVE_AFTER
    #: Builds the retro again: the Retro screen says how.
    refresh_preview: Callable[[], None]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.retro: Retro | None = None
        #: The retro whose words the text areas hold (None until first shown).
        self.talk_key: TalkKey | None = None
        self._save_timer: Timer | None = None
        self._saving = threading.Lock()
        self._talk: RetroTalk | None = None

    @property
    def talk(self) -> RetroTalk:
        """The three sections (made once with the screen, so readable while it closes)."""
        if self._talk is None:
            self._talk = RetroTalk(id="retro-talk")
        return self._talk

    def on_talk_edited(self, _: TalkEdited) -> None:
        """Save once the typing pauses (and at once on leaving: see `flush`)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.save_after, self._save_soon)

    def _save_soon(self) -> None:
        texts = self.talk.dirty()
        if texts and self.talk_key is not None:
            self._save(self.talk_key, texts)

    @work(thread=True, group="retro-save", exit_on_error=False)
    def _save(self, key: TalkKey, texts: dict[str, str]) -> None:
        with self._saving:
            host(self).register.save_talk(key[0], key[1], texts)
        self.app.call_from_thread(self._saved, key, texts)

    def _saved(self, key: TalkKey, texts: dict[str, str]) -> None:
        if key == self.talk_key:
            self.talk.saved(texts)
            self.refresh_preview()

    def flush(self) -> bool:
        """Save what was typed now, in this thread: before the screen is left, the period
        changes, or a try line becomes an initiative. False when it could not be saved
        (said on screen; the text stays in its area)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        texts = self.talk.dirty()
        if not texts or self.talk_key is None:
            return True
        try:
            with self._saving:
                host(self).register.save_talk(self.talk_key[0], self.talk_key[1], texts)
        except (InputError, StoreError) as error:
            self._unsaved(error)
            return False
        self.talk.saved(texts)
        return True

    def _unsaved(self, error: BaseException | None) -> None:
        if isinstance(error, InputError):
            said = f"Not saved: {error.in_app}. Your text stays here: fix it and it is saved."
            self.notify(said, severity="error", markup=False)
        elif error is not None:
            say(self, error)

    def on_screen_suspend(self, _: ScreenSuspend) -> None:
        self.flush()

    def on_unmount(self) -> None:
        self.flush()

    def on_try_chosen(self, event: TryChosen) -> None:
        """A try line made an initiative: the form says what the line says."""
        if not event.line:
            self.notify("Put the cursor on a line of Try next first", severity="warning")
            return
        made = {a.line: a.key for a in self.retro.talk.actions} if self.retro else {}
        if event.line in made:
            self.notify(f"That line is already initiative {made[event.line]}", markup=False)
            return
        try:
            capture = parse_action(event.line)
        except InputError as error:
            self.notify(
                f"{error.in_app}: edit the line, then ctrl+t", severity="error", markup=False
            )
            return
        if not self.flush() or self.talk_key is None:
            return
        key, line = self.talk_key, event.line
        app = host(self)
        found: list[Initiative] = []

        def submit(chosen: Capture) -> None:
            found.extend(app.register.add_actions(key[0], key[1], [(line, chosen)]))

        def closed(values: object) -> None:
            if values is not None and found:
                ini = found[0]
                self.notify(f"{ini.title} is an initiative now (source retro)", markup=False)
                self.post_message(InitiativeChanged(ini.id))
                self.refresh_preview()

        owner = app.config.who.split("@")[0]
        self.app.push_screen(action_form(line, capture, owner, submit), closed)
