"""The Standup's keys that act on the highlighted line: `space` finishes its iteration,
`m` records a reading, `b` blocks or unblocks, `o` reopens, `enter` opens it.

Every write goes through the `Register`; afterwards the one record is read again and
the turn recomputed, with the cursor kept in its section.
"""

from __future__ import annotations

from textual.widgets import OptionList

from improve.domain.errors import InputError
from improve.domain.model import Initiative, Status
from improve.errors import StoreError
from improve.tui.host import host
from improve.tui.messages import InitiativeChanged
from improve.tui.screens import standup_actions as act
from improve.tui.screens.forms import FormScreen, Values
from improve.tui.screens.whole import WholeRegisterScreen
from improve.tui.trouble import say
from improve.tui.widgets import standup_parts as parts


class LineKeys(WholeRegisterScreen):
    """What the keys do to the initiative (and iteration) of the highlighted line."""

    targets: list[parts.Target | None]

    def recompute(self, keep: int | None = None) -> None:
        """Derive the turn again, keeping the cursor's place (`keep`: a line's index)."""
        raise NotImplementedError

    def target(self) -> parts.Target | None:
        highlighted = self.query_one("#standup-items", OptionList).highlighted
        if highlighted is None or highlighted >= len(self.targets):
            return None
        return self.targets[highlighted]

    def chosen(self) -> Initiative | None:
        target = self.target()
        found = act.find(self.initiatives, target.initiative_id) if target else None
        if found is None:
            self.notify("move to a line with an initiative first", severity="warning")
        return found

    def action_finish(self) -> None:
        """Mark done the iteration of a line under Due or Next; other lines name none."""
        ini, target = self.chosen(), self.target()
        if ini is None or target is None:
            return
        number = target.iteration
        if number is None:  # said beside the list, not in a dialog: the walk goes on
            self.notify(act.not_an_iteration(target.section == parts.DUE), markup=False)
            return
        self._write(ini.id, lambda: host(self).register.finish_iteration(ini.id, number))

    def action_measure(self) -> None:
        ini = self.chosen()
        if ini is not None:
            self._ask(ini.id, act.measure_form(ini, host(self)))

    def action_block(self) -> None:
        ini = self.chosen()
        if ini is None:
            return
        if ini.status.closed:
            self.notify(f"{ini.title} is {ini.status.value}", severity="warning", markup=False)
        elif ini.status is Status.BLOCKED:
            self._write(ini.id, lambda: host(self).register.set_status(ini.id, Status.ACTIVE))
        else:
            self._ask(ini.id, act.block_form(ini, host(self)))

    def action_reopen(self) -> None:
        """A slid-back initiative goes back to work in one key."""
        ini = self.chosen()
        if ini is None:
            return
        if ini.status is not Status.DONE:
            self.notify(f"{ini.title} is {ini.status.value}: o reopens done work", markup=False)
            return
        self._write(ini.id, lambda: host(self).register.set_status(ini.id, Status.ACTIVE))

    def action_open(self) -> None:
        ini = self.chosen()
        if ini is not None:
            self.app.push_screen(act.initiative_screen(ini.id), lambda _: self.reload())

    def _ask(self, initiative_id: str, form: act.Form) -> None:
        title, fields, submit = form

        def closed(values: Values | None) -> None:
            if values is not None:
                self._changed(initiative_id)

        self.app.push_screen(FormScreen(title, fields, submit), closed)

    def _write(self, initiative_id: str, write: act.Write) -> None:
        try:
            write()
        except InputError as error:
            self.notify(error.in_app, severity="error", markup=False)
            return
        except StoreError as error:
            say(self, error)
            return
        self._changed(initiative_id)

    def _changed(self, initiative_id: str) -> None:
        """Take the one record again from the store, recompute, and tell the app."""
        keep = self.query_one("#standup-items", OptionList).highlighted
        self.post_message(InitiativeChanged(initiative_id))
        try:
            fresh = host(self).register.get(initiative_id)
        except (InputError, StoreError) as error:  # written, then the file broke: reload later
            say(self, error)
            return
        self.initiatives = act.refreshed(self.initiatives, fresh)
        self.recompute(keep)
