"""Capture: one line, from any screen, to a proposed initiative (or, with `is:done`, a
small improvement already done, logged as `improve log` logs it).

The preview shows what the line will become before `enter` saves it, so the syntax is
learnt by typing, not by reading a manual.
"""

from __future__ import annotations

from dataclasses import replace

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from improve.domain.capture import Capture, parse_capture
from improve.domain.errors import InputError
from improve.domain.model import Initiative, Principle
from improve.errors import StoreError
from improve.tui.host import host
from improve.tui.messages import InitiativeChanged, ThemeChanged
from improve.tui.screens.forms import ModalBase
from improve.tui.trouble import unwritable
from improve.tui.widgets.muted import MutedStatic

EXAMPLE = "Cut deploy time #automate @sam +ci v4 e2"
HINT = (
    "#principle @owner +tag team:x v1-5 value e1-5 effort "
    "chain:engage journey:onboard source:feedback for:customer · is:done logs done work · "
    "\\v2 is title text"
)


def preview(capture: Capture, muted: Style) -> Text:
    """What the line says, field by field, names muted; user text stays literal."""
    status = "done already: logged at the momentum step" if capture.done else "proposed"
    rows: list[tuple[str, Text]] = [
        ("title", Text(capture.title, style="bold")),
        ("status", Text(status)),
        ("principle", _principle(capture.principle, muted)),
        ("owner", _maybe(capture.owner, muted)),
        ("team", _maybe(capture.team, muted)),
        ("tags", _maybe(" ".join("+" + t for t in capture.tags), muted)),
        ("value", _maybe(str(capture.value or ""), muted)),
        ("effort", _maybe(str(capture.effort or ""), muted)),
        ("where", _maybe(_where(capture), muted)),
    ]
    return Text("\n").join(Text.assemble((f"{name:<11}", muted), shown) for name, shown in rows)


def _principle(given: Principle | None, muted: Style) -> Text:
    if given is None:
        return Text("none yet (#value, #simple, ...)", style=muted)
    return Text(given.label)


def _where(capture: Capture) -> str:
    """Value chain, journey, source and who it is for, on one line."""
    parts = [
        f"chain {capture.activity}" if capture.activity else "",
        f"journey {capture.journey}" if capture.journey else "",
        f"from {capture.source}" if capture.source else "",
        "for " + ", ".join(str(s) for s in capture.stakeholders) if capture.stakeholders else "",
    ]
    return " · ".join(p for p in parts if p)


def _maybe(text: str, muted: Style) -> Text:
    return Text(text) if text else Text("-", style=muted)


class CaptureScreen(ModalBase[str | None]):
    """One line to a proposed initiative; dismissed with its id, or None on escape.

    Opened during someone's turn at the standup, the idea is theirs (`owner`) and their
    team's, unless the line names another `@owner` or `team:`.
    """

    DEFAULT_CSS = """
    CaptureScreen #capture-preview { height: auto; min-height: 8; margin-top: 1; }
    CaptureScreen #capture-hint { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, owner: str = "", team: str = "") -> None:
        super().__init__()
        self.owner, self.team = owner, team

    def compose(self) -> ComposeResult:
        whose = f" for {self.owner}" if self.owner else ""
        with Vertical(classes="modal-box"):
            yield Label(Text(f"Capture an improvement{whose}"), classes="modal-title")
            yield Input(placeholder=EXAMPLE + whose, id="capture-line", select_on_focus=False)
            yield Static(id="modal-error", classes="modal-error")
            yield MutedStatic(id="capture-preview")
            yield Static(Text(HINT), id="capture-hint")
            yield Label(Text("enter save · escape cancel"), classes="modal-keys")

    def on_mount(self) -> None:
        self._show("")

    def on_theme_changed(self, _: ThemeChanged) -> None:
        self._show(self.query_one("#capture-line", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, line: str) -> None:
        shown = self.query_one("#capture-preview", MutedStatic)
        if not line.strip():
            shown.update(Text(f"e.g. {EXAMPLE}", style=shown.muted))
            self.show_error("")
            return
        try:
            shown.update(preview(self._parse(line), shown.muted))
            self.show_error("")
        except InputError as error:
            shown.update(Text(""))
            self.show_error(error.in_app)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            capture = self._parse(event.value)
            ini = (
                self._log(capture)
                if capture.done
                else host(self).register.add(
                    capture.title,
                    principle=capture.principle,
                    owner=capture.owner,
                    team=capture.team,
                    value=capture.value,
                    effort=capture.effort,
                    tags=capture.tags,
                    activity=capture.activity,
                    journey=capture.journey,
                    source=capture.source,
                    stakeholders=capture.stakeholders,
                )
            )
        except InputError as error:
            self.show_error(error.in_app)
            return
        except StoreError as error:
            self.show_error(unwritable(error))
            return
        self.app.post_message(InitiativeChanged(ini.id))
        self.dismiss(ini.id)

    def _parse(self, line: str) -> Capture:
        capture = parse_capture(line)
        return replace(capture, owner=capture.owner or self.owner, team=capture.team or self.team)

    def _log(self, capture: Capture) -> Initiative:
        """Work already done: title, principle, owner, team and tags, as `improve log`."""
        extra = [
            word
            for word, given in (
                ("v1-5", capture.value),
                ("e1-5", capture.effort),
                ("chain:", capture.activity),
                ("journey:", capture.journey),
                ("source:", capture.source),
                ("for:", capture.stakeholders),
            )
            if given
        ]
        if extra:
            raise InputError(
                f"is:done logs the title, #principle, @owner, team: and +tags; drop "
                f"{', '.join(extra)} here and press e on the initiative to add them"
            )
        return host(self).register.log(
            capture.title,
            principle=capture.principle,
            owner=capture.owner,
            team=capture.team,
            tags=capture.tags,
        )
