"""The demo's last retrospective: the sprint before the one under review, what the team
said, and the try lines it made initiatives, which now stand in several states (one
done, two moving, one not started), so the next retro opens with them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from improve.domain.changes import stamp
from improve.domain.model import Initiative
from improve.domain.period import SPRINT, Period
from improve.domain.retro_record import Action, RetroRecord, retro_id

#: The try lines the last retro made initiatives: the initiative's title, and the line.
ACTIONS = (
    ("Fifteen-minute standup with the board on screen", "Fifteen-minute standup @ana #simple"),
    ("Canary releases for the API gateway", "Canary releases for the API gateway @ben #iterate"),
    ("Shared capacity review with the network team", "Capacity review with network @chloe"),
    ("Monthly improvement demo for sponsors", "Monthly demo for sponsors @ana #collaborate"),
)
WENT_WELL = "Deploys on Fridays without anyone staying late\nThe flaky-test list is short now"
DIDNT = "Standups ran to 30 minutes\nThe network team heard about our capacity plans last"
LEAD = "ana"


def last_retro(
    initiatives: Sequence[Initiative], today: date, sprint_days: int, tz: tzinfo
) -> RetroRecord:
    """The record of the retro held at the end of the sprint before this one."""
    before = Period.last(SPRINT, today - timedelta(days=sprint_days), sprint_days, tz)
    held = datetime.combine(before.until, time(16), tz)
    by_title = {ini.title: ini for ini in initiatives}
    actions = tuple(
        Action(f"demo-action-{n}", held, line, by_title[title].id, LEAD)
        for n, (title, line) in enumerate(ACTIONS, 1)
    )
    tries = "\n".join(line for _, line in ACTIONS)
    sections = {"went_well": WENT_WELL, "didnt": DIDNT, "try": tries}
    return RetroRecord(
        retro_id("", before.since, before.until),
        "",
        before.since,
        before.until,
        held,
        held,
        written=held,
        went_well=WENT_WELL,
        didnt=DIDNT,
        tries=tries,
        actions=actions,
        stamps={name: stamp(held, LEAD) for name in sections},
    )
