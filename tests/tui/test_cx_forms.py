"""The app's measure dialog takes responses for a CSAT, NPS or CES metric; the metric form
sets the kind."""

from __future__ import annotations

from datetime import date

from improve.clock import FixedClock
from improve.domain.cx import MetricKind
from improve.domain.model import (
    Activity,
    Direction,
    JourneyStage,
    Principle,
    Source,
    StakeholderRole,
)
from improve.service import Register
from improve.tui.screens.forms import FormScreen
from improve.tui.screens.initiative import InitiativeScreen
from tests.tui.harness import Harness
from tests.tui.test_initiative import text


def nps(register: Register) -> str:
    ini = register.add("Answer tickets the same day")
    register.set_metric(
        ini.id,
        "Support NPS",
        unit="",
        better=Direction.UP,
        baseline=10,
        target=40,
        by=date(2027, 3, 31),
        kind=MetricKind.NPS,
    )
    return ini.id


async def test_m_on_an_nps_metric_records_responses(register: Register, clock: FixedClock) -> None:
    ini_id = nps(register)
    app = Harness(register, clock, InitiativeScreen(ini_id))
    async with app.run_test(size=(100, 50)) as pilot:
        assert "NPS" in text(app, "#initiative-metric")
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.form_title.startswith("Pulse (NPS)")
        await pilot.press(*"9 10 11", "enter")
        assert "response 11 is outside the NPS scale 0-10" in text(app, "#modal-error")
        await pilot.press("backspace", "backspace", *"6 9x3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        metric = text(app, "#initiative-metric")
        # 9 10 6 9 9 9: 5 promoters, 1 detractor of 6 -> 66.7
        assert "latest 66.67" in metric
        assert "(n=6, thin)" in metric
    (reading,) = register.get(ini_id).live_measurements()
    assert reading.responses == ((6, 1), (9, 4), (10, 1))
    assert app.changed == [ini_id]


async def test_the_metric_form_sets_a_csat_kind(register: Register, clock: FixedClock) -> None:
    ini = register.add("Simpler sign-up")
    app = Harness(register, clock, InitiativeScreen(ini.id))
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("M", *"Sign-up CSAT", "tab", "tab", *["backspace"] * 2, "tab")
        await pilot.press("5", "5", "tab", "8", "0", "tab", "tab", "tab")
        await pilot.press(*["backspace"] * 6, *"csat", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen), text(app, "#modal-error")
        assert "CSAT" in text(app, "#initiative-metric")
    m = register.get(ini.id).measure
    assert m is not None
    assert (m.kind, m.unit, m.direction, m.baseline, m.target) == (
        MetricKind.CSAT,
        "%",
        Direction.UP,
        55,
        80,
    )


async def test_edit_sets_stakeholders_chain_journey_and_source(
    register: Register, clock: FixedClock
) -> None:
    ini = register.add("Clearer welcome mail", principle=Principle.VALUE)
    app = Harness(register, clock, InitiativeScreen(ini.id))
    async with app.run_test(size=(100, 50)) as pilot:
        assert "Who benefits, and how will they notice?" in text(app, "#initiative-vision")
        await pilot.press("e", *["tab"] * 9, *"customer: knows what to do next; team", "tab")
        await pilot.press(*"chain", "tab", *"boarding", "enter")
        assert "unknown value chain activity 'chain'" in text(app, "#modal-error")
        await pilot.press("shift+tab", *["backspace"] * 5, *"engage", "tab")
        await pilot.press(*["backspace"] * 8, *"onboard", "tab", *"feedback", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        vision = text(app, "#initiative-vision")
        assert "stakeholders customer: knows what to do next · team" in vision
        assert "value chain engage · journey onboard · idea from feedback" in vision
        await pilot.press("e", "tab", *["backspace"] * 5, "enter")
        await pilot.pause()
    saved = register.get(ini.id)
    assert [(s.role, s.value) for s in saved.stakeholders] == [
        (StakeholderRole.CUSTOMER, "knows what to do next"),
        (StakeholderRole.TEAM, ""),
    ]
    assert (saved.activity, saved.journey, saved.source) == (
        Activity.ENGAGE,
        JourneyStage.ONBOARD,
        Source.FEEDBACK,
    )
    assert saved.principle is None  # an emptied principle is none, not Focus on value
