"""The Retrospective screen: choose a period and team, say what went well, what didn't
and what to try, make try lines initiatives, read the summary, write the file.

The preview is the same Markdown that `improve retro` writes (the reference form),
shown by Textual's `Markdown` widget and redrawn whenever a choice changes. What the
team types is saved to the store as the retro's record a moment after it stops typing,
and at once when it leaves the screen or changes the period. Exporting goes through
`improve.export.write`, the same safe path the command line uses, so the screen does
no file I/O of its own.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Markdown, Select
from textual.worker import Worker, WorkerState

from improve import export
from improve.domain.errors import InputError
from improve.domain.model import Initiative
from improve.domain.period import KINDS, SPRINT, Period
from improve.domain.register import Filter
from improve.domain.retro_model import Retro
from improve.domain.retro_record import SECTIONS, RetroRecord
from improve.export import markdown
from improve.paths import is_config
from improve.tui.host import host
from improve.tui.messages import StoreReloaded
from improve.tui.screens.retro_saving import TalkKeeping
from improve.tui.screens.whole import said_if_unreadable
from improve.tui.widgets.tick import Tick

#: Rows per table in the preview; the exported file always has them all.
PREVIEW_ROWS = 60
ALL_TEAMS = ""


class RetroScreen(TalkKeeping):
    """A period's retrospective, previewed as Markdown and exported to a file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "cycle('period')", "Period", id="retro.period"),
        Binding("t", "cycle('team')", "Team", id="retro.team"),
        Binding("f", "cycle('format')", "Format", id="retro.format"),
        Binding("e", "talk", "Edit sections", id="retro.talk"),
        Binding("question_mark", "app.help", "Help", id="retro.help"),
        Binding("ctrl+s", "export", "Export", id="retro.export"),
        Binding("ctrl+t", "make_action", "Try → initiative", id="retro.action"),
        Binding("escape", "back", "Back", id="retro.back", show=False),
    ]
    AUTO_FOCUS = "#retro-period"

    DEFAULT_CSS = """
    RetroScreen .retro-bar { height: 1; padding: 0 1; }
    RetroScreen .retro-bar Label { width: auto; margin-right: 1; color: $text-muted; }
    RetroScreen .retro-bar Select { width: 16; margin-right: 2; }
    RetroScreen #retro-team { width: 20; }
    RetroScreen #retro-path { width: 1fr; margin-right: 1; }
    RetroScreen #retro-force { width: auto; margin-right: 1; }
    RetroScreen #retro-export { width: auto; min-width: 10; }
    RetroScreen #retro-where { width: 1fr; height: 1; padding: 0 1; background: $panel;
        color: $text-primary; }
    RetroScreen #retro-body { height: 1fr; }
    RetroScreen #retro-preview { width: 1fr; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="retro")
        self.initiatives: list[Initiative] = []
        self.choices: dict[str, list[str]] = {
            "period": list(KINDS),
            "team": [ALL_TEAMS],
            "format": list(export.FORMATS),
        }

    def compose(self) -> ComposeResult:
        app = host(self)
        today = app.clock.now().date()
        yield Header(icon="◆")
        with Horizontal(classes="retro-bar"):
            yield Label("Period")
            yield Select(
                [(k, k) for k in KINDS],
                value=SPRINT,
                allow_blank=False,
                compact=True,
                id="retro-period",
            )
            yield Label("Team")
            yield Select(
                [(Text("all teams"), ALL_TEAMS)],
                value=ALL_TEAMS,
                allow_blank=False,
                compact=True,
                id="retro-team",
            )
            yield Label("Format")
            yield Select(
                [(f, f) for f in export.FORMATS],
                value="md",
                allow_blank=False,
                compact=True,
                id="retro-format",
            )
        with Horizontal(classes="retro-bar"):
            yield Label("File")
            yield Input(f"retro-{today.isoformat()}.md", compact=True, id="retro-path")
            yield Tick("overwrite", compact=True, id="retro-force")
            yield Button("Export", compact=True, id="retro-export", action="screen.export")
        yield Label(Text("reading the register…"), id="retro-where")
        with Horizontal(id="retro-body"):
            yield self.talk
            with VerticalScroll(id="retro-preview"):
                yield Markdown(open_links=False, id="retro-markdown")
        yield Footer(compact=True, show_command_palette=False)  # ^p: the ◆ in the header

    def on_mount(self) -> None:
        self.reload()

    def on_store_reloaded(self, _: StoreReloaded) -> None:
        self.reload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group in ("retro-load", "retro-build"):
            said_if_unreadable(self, event)
        elif event.worker.group == "retro-save" and event.state is WorkerState.ERROR:
            self._unsaved(event.worker.error)

    @work(thread=True, exclusive=True, group="retro-load", exit_on_error=False)
    def reload(self) -> None:
        """Every initiative, archives included: a retro looks back at closed work."""
        found = host(self).register.initiatives(Filter())
        self.app.call_from_thread(self._loaded, found)

    def _loaded(self, found: list[Initiative]) -> None:
        self.initiatives = found
        teams = sorted({i.team for i in found if i.team}, key=str.lower)
        chooser = self.query_one("#retro-team", Select)
        chosen = chooser.value if chooser.value in teams else ALL_TEAMS
        self.choices["team"] = [ALL_TEAMS, *teams]
        with chooser.prevent(Select.Changed):  # the same choice: no build for another team
            chooser.set_options([(Text(t or "all teams"), t) for t in self.choices["team"]])
            chooser.value = chosen
        self.refresh_preview()

    def choice(self, name: str) -> str:
        return str(self.query_one(f"#retro-{name}", Select).value)

    def period(self) -> Period:
        app = host(self)
        now = app.clock.now()
        return Period.last(
            self.choice("period"), now.date(), app.config.sprint_days, now.tzinfo or UTC
        )

    def refresh_preview(self) -> None:
        """Build the retro for the current choices, then show it."""
        team = self.choice("team") or None
        self._build(self.period(), team)

    @work(thread=True, exclusive=True, group="retro-build", exit_on_error=False)
    def _build(self, period: Period, team: str | None) -> None:
        """The retro with the team's words and the last retro's actions, from the store."""
        app = host(self)
        today = app.clock.now().date()
        config = app.config
        retro = app.register.retrospective(
            period, team, today=today, share=config.slide_share, blocked_days=config.blocked_days
        )
        record = app.register.retro_record(team or "", period)
        text = markdown.render(retro, limit=PREVIEW_ROWS)
        self.app.call_from_thread(self._show, retro, record, text)

    def _show(self, retro: Retro, record: RetroRecord | None, text: str) -> None:
        if (retro.team, retro.period) != ((self.choice("team") or "").strip(), self.period()):
            return  # built for a choice since changed: the build for the new one follows
        self.retro = retro
        shown = len(retro.entries)
        where = f"{retro.period.label} · {retro.team or 'all teams'} · {shown} initiatives"
        self.query_one("#retro-where", Label).update(Text(where))
        self.query_one("#retro-markdown", Markdown).update(text)
        talk = self.talk
        key = (retro.team, retro.period)
        if key != self.talk_key:
            self.flush()  # what was typed belongs to the retro shown until now
            talk.given.clear()
            self.talk_key = key
        prefilled = {n: "\n".join(getattr(retro.talk, _FIELD[n])) for n in SECTIONS}
        stored = {n: record.section(n) if record else None for n in SECTIONS}
        texts = {n: prefilled[n] if stored[n] is None else str(stored[n]) for n in SECTIONS}
        talk.give(texts, retro.talk.edited)

    @on(Select.Changed, "#retro-period, #retro-team")
    def _choice_changed(self) -> None:
        if self.initiatives or self.retro is not None:
            self.flush()
            self.refresh_preview()

    @on(Select.Changed, "#retro-format")
    def _format_changed(self) -> None:
        """Keep the file's suffix in step with the format, when it is one of ours."""
        path_input = self.query_one("#retro-path", Input)
        path = Path(path_input.value)
        if path.suffix.lstrip(".") in export.FORMATS:
            path_input.value = str(path.with_suffix(export.SUFFIXES[self.choice("format")]))

    def action_cycle(self, name: str) -> None:
        chooser = self.query_one(f"#retro-{name}", Select)
        values = self.choices[name]
        now = str(chooser.value)
        chooser.value = (
            values[(values.index(now) + 1) % len(values)] if now in values else values[0]
        )

    def action_export(self) -> None:
        """Write the file and say where; a refusal or failure is said, never raised."""
        if self.retro is None:
            self.notify("the retro is still being read", severity="warning")
            return
        raw = self.query_one("#retro-path", Input).value.strip()
        if not raw:
            self.notify("give a file name to export to", severity="error")
            return
        force = self.query_one("#retro-force", Checkbox).value
        try:
            text = export.render(self.retro, self.choice("format"))
            store = host(self).register.store
            written = export.write(
                Path(raw), text, force=force, protected=lambda p: store.owns(p) or is_config(p)
            )
        except InputError as error:
            self.notify(error.in_app, severity="error", markup=False)
            return
        except OSError as error:
            self.notify(f"{raw}: cannot write ({error.strerror or error})", severity="error")
            return
        self.notify(f"Retro written to {written.resolve()}", title="Exported")

    def action_talk(self) -> None:
        """Into the team's words (went well first, after its last line; tab goes on to
        didn't and try)."""
        self.talk.enter("went_well")

    def action_make_action(self) -> None:
        """The try line under the try box's cursor becomes an initiative, from anywhere
        on the screen (so the key is in the footer and in help)."""
        self.talk.action_make_action()

    def action_back(self) -> None:
        self.dismiss(None)


#: A section's stored name to the `Talk` field that holds its lines.
_FIELD = {"went_well": "went_well", "didnt": "didnt", "try": "tries"}
