"""A *try* line made an initiative from the Retro screen: a small form with what the
line says (capture's marks: `@owner #principle`) filled in, for the user to change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.text import Text

from improve.domain.capture import Capture
from improve.domain.model import Principle
from improve.domain.register import clean_line, clean_optional
from improve.tui.screens.forms import Field, FormScreen, Values

PRINCIPLES = ", ".join(p.value for p in Principle)


def action_form(
    line: str, capture: Capture, owner: str, submit: Callable[[Capture], object]
) -> FormScreen:
    """Title, owner and principle of the initiative a try line becomes (`source=retro`).

    `submit` gets the capture as changed in the form; it calls the service."""
    fields = [
        Field("title", "Initiative", capture.title),
        Field("owner", "Owner", capture.owner or owner),
        Field("principle", "Principle", capture.principle or "", placeholder=PRINCIPLES),
    ]

    def chosen(values: Values) -> object:
        principle = values["principle"].strip()
        return submit(
            replace(
                capture,
                title=clean_line(values["title"]),
                owner=clean_optional(values["owner"], "owner"),
                principle=Principle.parse(principle) if principle else None,
            )
        )

    intro = Text.assemble(("From the try line: ", "italic"), line, ("\nsource: retro", "italic"))
    return FormScreen("Make the try line an initiative", fields, chosen, intro=intro)
