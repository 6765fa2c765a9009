"""What the Standup screen's inline keys ask and write, kept apart from the drawing.

The forms hand what was typed to the `Register`, the only writer; an `InputError` is
shown inline by the form, which stays open for the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.screen import Screen

from improve.domain.model import Initiative, Status
from improve.service import number
from improve.tui.host import Host
from improve.tui.screens.forms import Field, Values

Form = tuple[str, Sequence[Field], Callable[[Values], object]]
Write = Callable[[], object]


def find(initiatives: Sequence[Initiative], initiative_id: str) -> Initiative | None:
    return next((i for i in initiatives if i.id == initiative_id), None)


def refreshed(initiatives: Sequence[Initiative], fresh: Initiative) -> list[Initiative]:
    """The list with one record replaced by what the store now holds."""
    return [fresh if i.id == fresh.id else i for i in initiatives]


def not_an_iteration(reading: bool) -> str:
    """What `space` says on a line it cannot tick: a reading or target date, or a line
    that only reports."""
    if reading:
        return "A reading, not an iteration: m records it"
    return "Not an iteration: space ticks those under Due and Next"


def measure_form(ini: Initiative, app: Host) -> Form:
    m = ini.measure
    hint = f"in {m.unit}, e.g. 42" if m and m.unit else "e.g. 42"

    def submit(values: Values) -> object:
        value = number(values["value"].strip(), "the value")
        return app.register.measure(ini.id, value, note=values["note"])

    fields = [
        Field("value", "Value", placeholder=hint),
        Field("note", "Note", placeholder="why it moved (optional)"),
    ]
    what = f"Measure {m.name}" if m else "Measure"
    return f"{what} · {ini.title}", fields, submit


def block_form(ini: Initiative, app: Host) -> Form:
    def submit(values: Values) -> object:
        return app.register.set_status(ini.id, Status.BLOCKED, values["reason"])

    fields = [Field("reason", "Blocked by", placeholder="what or who it waits for (optional)")]
    return f"Block · {ini.title}", fields, submit


def initiative_screen(initiative_id: str) -> Screen[None]:
    """The Initiative screen, imported when first asked for (it is the heavier screen)."""
    from improve.tui.screens.initiative import InitiativeScreen

    return InitiativeScreen(initiative_id)
