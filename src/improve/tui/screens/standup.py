"""The Standup screen: one person at a time, readable on a shared screen at 80x24.

The lead walks the team with `n`/`p` (or the arrows) and acts on what is said without
leaving the screen: `space` finishes an iteration, `m` records a reading, `b` blocks or
unblocks, `enter` opens the initiative, `a` captures an idea owned by the person whose
turn it is. The timer (`widgets/standup_timer.py`) reads the app's clock, so a test
moves time by moving the clock, not by sleeping.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from improve.domain.errors import InputError
from improve.domain.model import Initiative
from improve.domain.standup import UNASSIGNED, Roll, holiday_dates
from improve.tui.host import host
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.standup_keys import LineKeys
from improve.tui.theme_styles import component_styles
from improve.tui.widgets import standup_parts as parts
from improve.tui.widgets.cursor_list import CursorList
from improve.tui.widgets.standup_timer import TurnTimer


class StandupScreen(LineKeys):
    """Person by person: moved, due, next, blocked, off track; then the summary with the
    time each turn took."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next", "Next", id="standup.next"),
        Binding("right", "next", "Next", show=False, id="standup.next_arrow"),
        Binding("p", "previous", "Prev", id="standup.previous"),
        Binding("left", "previous", "Previous", show=False, id="standup.previous_arrow"),
        Binding("question_mark", "app.help", "Help", id="standup.help"),
        Binding("space", "finish", "Done", id="standup.finish"),
        Binding("m", "measure", "Measure", id="standup.measure"),
        Binding("b", "block", "Block", id="standup.block"),
        Binding("o", "reopen", "Reopen", id="standup.reopen", show=False),
        Binding("enter", "open", "Open", id="standup.open"),
        Binding("a", "capture", "Capture", id="standup.capture"),
        Binding("T", "timer", "Timer", id="standup.timer"),
        Binding("t", "team", "Team", id="standup.team"),
        Binding("escape", "back", "Back", id="standup.back", show=False),
    ]
    AUTO_FOCUS = "#standup-items"
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"standup--{name}" for name in parts.PALETTE}

    DEFAULT_CSS = """
    StandupScreen > .standup--heading { color: $text-primary; text-style: bold; }
    StandupScreen > .standup--name {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    StandupScreen > .standup--key { color: $text-accent; text-style: bold; }
    StandupScreen > .standup--muted { color: $text-muted; }
    StandupScreen > .standup--warn { color: $text-warning; }
    StandupScreen > .standup--bad { color: $text-error; text-style: bold; }
    StandupScreen > .standup--good { color: $text-success; }
    StandupScreen #standup-bar { height: 1; padding: 0 1; background: $panel; }
    StandupScreen #standup-where { width: 1fr; height: 1; }
    StandupScreen #standup-timer { width: auto; height: 1; padding: 0 1; }
    StandupScreen #standup-timer.-over { background: $warning; color: $text; text-style: bold; }
    StandupScreen #standup-person { height: 3; padding: 1 1 0 1; background: $boost; }
    StandupScreen #standup-items {
        height: 1fr; border: none; padding: 0 1; scrollbar-gutter: stable;
    }
    StandupScreen #standup-items > .option-list--option-disabled { color: $text; }
    """

    def __init__(self, initiatives: Sequence[Initiative] | None = None) -> None:
        super().__init__(initiatives, id="standup")
        self.roll: Roll | None = None
        self.index = 0
        self.team = ""
        self.targets: list[parts.Target | None] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="standup-bar"):
            yield Static(id="standup-where")
            yield TurnTimer(running=host(self).config.standup_auto_timer, id="standup-timer")
        yield Static(id="standup-person")
        yield CursorList(id="standup-items")
        yield Footer(compact=True, show_command_palette=False)  # ^p: the ◆ in the header

    @property
    def timer(self) -> TurnTimer:
        return self.query_one("#standup-timer", TurnTimer)

    def on_mount(self) -> None:
        if self.loaded:
            self.recompute()
        else:
            self.query_one("#standup-person", Static).update(Text("reading the register…"))
            self.reload()

    # --- reading and computing ----------------------------------------------------

    def recompute(self, keep: int | None = None) -> None:
        """The digest for the chosen team as of now; the same person stays on screen."""
        config = host(self).config
        try:
            holidays = holiday_dates(config.holidays)
        except InputError as error:
            self.notify(error.in_app, severity="warning", markup=False)
            holidays = frozenset()
        person = self.person
        mine = [i for i in self.initiatives if not self.team or i.team == self.team]
        self.roll = Roll(
            mine, host(self).clock.now(), holidays=holidays, people=config.people, hold=config.hold
        )
        names = list(self.roll.names)
        self.index = names.index(person) if person in names else min(self.index, len(names))
        self.show(keep)
        if self.timer.began is None:  # the first person's turn starts when it is shown
            self.timer.begin(self.person)

    @property
    def person(self) -> str | None:
        names = self.roll.names if self.roll else ()
        return names[self.index] if self.index < len(names) else None

    def palette(self) -> parts.Palette:
        return component_styles(self, "standup", parts.PALETTE)

    def show(self, keep: int | None = None) -> None:
        """Draw the current person (or the summary after the last one)."""
        p, roll = self.palette(), self.roll
        if roll is None:
            return
        self.query_one("#standup-where", Static).update(
            parts.bar_text(roll.today, roll.since, (self.index, len(roll)), self.team, p)
        )
        heading = self.query_one("#standup-person", Static)
        if self.index < len(roll):
            turn = roll.turn(self.index)
            heading.update(parts.person_heading(turn, p))
            lines = parts.person_lines(turn, self.shown_keys(), roll.today, p)
        else:
            heading.update(Text(" END OF STANDUP ", p["name"]))
            lines = parts.summary_lines(roll.standup(), self.timer.spent, p)
        self._fill(lines, keep)

    def _fill(self, lines: list[parts.Line], keep: int | None) -> None:
        listed = self.query_one("#standup-items", OptionList)
        place = self._place(keep)
        self.targets = [line.target for line in lines]
        listed.set_options(
            Option(line.text, id=str(n), disabled=line.target is None)
            for n, line in enumerate(lines)
        )
        chosen = [n for n, target in enumerate(self.targets) if target is not None]
        if place is not None:  # the same place in the same section: the next line to tick
            section, offset = place
            same = [n for n in chosen if (t := self.targets[n]) and t.section == section]
            if same:
                keep = same[min(offset, len(same) - 1)]
        if chosen:
            listed.highlighted = min((n for n in chosen if n >= (keep or 0)), default=chosen[-1])

    def _place(self, keep: int | None) -> tuple[str, int] | None:
        """The section of line `keep` and its place among that section's lines."""
        targets = self.targets
        here = targets[keep] if keep is not None and keep < len(targets) else None
        if keep is None or here is None:
            return None
        section = here.section
        offset = sum(1 for t in targets[:keep] if t is not None and t.section == section)
        return section, offset

    # --- moving between people and the timer ---------------------------------------

    def _turn_to(self, index: int) -> None:
        index = max(0, min(index, len(self.roll or ())))
        if index != self.index:
            self.index = index
            self.timer.begin(self.person)
            self.show()

    def action_next(self) -> None:
        self._turn_to(self.index + 1)

    def action_previous(self) -> None:
        self._turn_to(self.index - 1)

    def action_timer(self) -> None:
        """The timer on or off for this standup and the next turns (the setting is
        `[standup] auto_timer`)."""
        self.timer.toggle()
        self.notify("timer on: it restarts at each person" if self.timer.running else "timer off")

    def action_team(self) -> None:
        """All teams, then each team in turn."""
        teams = ["", *sorted({i.team for i in self.initiatives if i.team})]
        self.team = teams[(teams.index(self.team) + 1) % len(teams)] if self.team in teams else ""
        self.index = 0
        self.recompute()
        self.timer.begin(self.person)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_capture(self) -> None:
        """An idea said during a turn is that person's (and the team's on screen)."""
        owner = self.person if self.person not in (None, UNASSIGNED) else ""
        self.app.push_screen(CaptureScreen(owner or "", self.team))

    @on(OptionList.OptionSelected, "#standup-items")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()
