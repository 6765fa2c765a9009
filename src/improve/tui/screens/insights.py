"""The Insights screen: is the team's improvement habit working?

The same lines as `improve insights` (so the app and the shell never disagree), drawn
to the width at hand and coloured: progress per principle as bars, the PICK chart with
each key in its quadrant, the weekly rhythm, and the three C's with how each was
computed. `p` changes the period, `t` the team.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, Static

from improve.domain.insights import PERIODS, QUICK_WINS_HEADING, Insights, insights, period
from improve.domain.model import Initiative
from improve.text.balance import balance_lines
from improve.text.insights import (
    pick_lines,
    principle_lines,
    quick_win_line,
    slid_back_line,
    span,
    week_lines,
)
from improve.tui.host import host
from improve.tui.screens.whole import WholeRegisterScreen
from improve.tui.theme_styles import component_styles
from improve.tui.widgets import insights_parts as paint

DEFAULT_PERIOD = "quarter"
SECTIONS = ("principles", "pick", "quick", "weeks", "trust", "balance")


class InsightsScreen(WholeRegisterScreen):
    """Progress per principle, PICK, quick wins, the weekly rhythm and the three C's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "period", "Period", id="insights.period"),
        Binding("t", "team", "Team", id="insights.team"),
        Binding("escape", "back", "Back", id="insights.back", show=False),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = "#insights-page"
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"insights--{n}" for n in paint.PALETTE}

    DEFAULT_CSS = """
    InsightsScreen > .insights--bar { color: $text-primary; }
    InsightsScreen > .insights--good { color: $text-success; text-style: bold; }
    InsightsScreen > .insights--warn { color: $text-warning; text-style: bold; }
    InsightsScreen > .insights--bad { color: $text-error; text-style: bold; }
    InsightsScreen > .insights--muted { color: $text-muted; }
    InsightsScreen > .insights--key { color: $text-accent; }
    InsightsScreen > .insights--quadrant { color: $text-secondary; text-style: bold; }
    InsightsScreen #insights-where { height: 1; padding: 0 1; background: $panel; }
    InsightsScreen #insights-page { padding: 0 1; }
    InsightsScreen #insights-columns { height: auto; layout: vertical; }
    InsightsScreen.-wide #insights-columns { layout: horizontal; }
    InsightsScreen.-wide .insights-column { width: 1fr; }
    InsightsScreen.-wide #insights-left { margin-right: 2; }
    InsightsScreen .insights-column { height: auto; }
    InsightsScreen .section { text-style: bold; color: $text-primary; margin-top: 1; }
    """

    def __init__(self, initiatives: list[Initiative] | None = None) -> None:
        super().__init__(initiatives, id="insights")
        self.period = DEFAULT_PERIOD
        self.team = ""
        self.result: Insights | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="insights-where")
        with VerticalScroll(id="insights-page"):
            with Vertical(id="insights-columns"):
                with Vertical(id="insights-left", classes="insights-column"):
                    yield Label("Progress per guiding principle", classes="section")
                    yield paint.Drawn(id="insights-principles")
                    yield Label("The three C's", classes="section")
                    yield paint.Drawn(id="insights-trust")
                    yield Label(QUICK_WINS_HEADING, classes="section")
                    yield paint.Drawn(id="insights-quick")
                    yield Label("Gains that slid back after done", classes="section")
                    yield paint.Drawn(id="insights-slid")
                with Vertical(id="insights-right", classes="insights-column"):
                    yield Label("Value / effort (PICK)", classes="section")
                    yield paint.Drawn(id="insights-pick")
                    yield Label("Week by week", classes="section")
                    yield paint.Drawn(id="insights-weeks")
            yield Label("Portfolio balance: principle × value chain", classes="section")
            yield paint.Drawn(id="insights-balance")
        yield Footer(compact=True, show_command_palette=False)  # ^p: the ◆ in the header

    def on_mount(self) -> None:
        if self.loaded:
            self.recompute()
        else:
            self.query_one("#insights-where", Static).update(Text("reading the register…"))
            self.reload()

    def recompute(self) -> None:
        """The insights for the chosen period and team, as of now."""
        app = host(self)
        since, until = period(self.period, app.clock.now(), app.config.sprint_days)
        mine = [i for i in self.initiatives if not self.team or i.team == self.team]
        self.result = insights(mine, since, until, f"this {self.period}", app.config.slide_share)
        self.draw()

    def palette(self) -> paint.Palette:
        return component_styles(self, "insights", paint.PALETTE)

    def _show(self, name: str, build: paint.Build) -> None:
        self.query_one(f"#insights-{name}", paint.Drawn).show(build)

    def draw(self) -> None:
        """Every section, each drawn for the width its column has."""
        result = self.result
        if result is None:
            return
        app, p = host(self), self.palette()
        keys, labels = self.shown_keys(), app.config.labels
        where = f" · team {self.team}" if self.team else " · all teams"
        bar = f"Insights · {self.period} · {span(result.since, result.until)}{where}"
        self.query_one("#insights-where", Static).update(Text(bar, p["bar"]))
        self._show(
            "principles", lambda w: paint.bars(principle_lines(result.principles, labels, w), p)
        )
        self._show("trust", lambda w: paint.trust(result.trust, w, p))
        self._show("pick", lambda w: self._pick(result, keys, w, p))
        self._show("quick", lambda w: Text("\n".join(self._quick(result, keys, w))))
        self._show("weeks", lambda w: paint.bars(week_lines(result.weeks, w), p))
        self._show("balance", lambda w: paint.balance(balance_lines(result.balance, w), p))
        self._show("slid", lambda w: Text("\n".join(self._slid(result, keys, w))))

    def _pick(self, result: Insights, keys: dict[str, str], width: int, p: paint.Palette) -> Text:
        lines = pick_lines(result.pick, keys, width)
        if result.unscored:
            lines.append(f"{result.unscored} open initiatives have no value or effort yet")
        flagged = {keys.get(q.initiative_id, "") for q in result.quick_wins}
        return paint.pick(lines, flagged, p)

    def _quick(self, result: Insights, keys: dict[str, str], width: int) -> list[str]:
        said = [quick_win_line(q, keys).strip() for q in result.quick_wins] or ["none"]
        return [part for line in said for part in textwrap.wrap(line, width)]

    def _slid(self, result: Insights, keys: dict[str, str], width: int) -> list[str]:
        said = [slid_back_line(s, keys).strip() for s in result.slid_back] or ["none"]
        return [part for line in said for part in textwrap.wrap(line, width)]

    def action_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self.recompute()

    def action_team(self) -> None:
        teams = ["", *sorted({i.team for i in self.initiatives if i.team})]
        self.team = teams[(teams.index(self.team) + 1) % len(teams)] if self.team in teams else ""
        self.recompute()

    def action_back(self) -> None:
        self.dismiss(None)
