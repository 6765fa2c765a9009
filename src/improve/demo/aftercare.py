"""After done: the demo's finished work goes on being measured for a while.

A team that watches its gains takes a few readings after done (the hold readings). Most
demo gains hold; one slides back, so the standup, the register, insights and the retro
have a gain that slipped to show. Its own dice (seeded by the record's id) keep the rest
of the demo exactly as it was.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta

from improve.domain import outcomes
from improve.domain.changes import Edit
from improve.domain.model import Direction, Initiative, Measurement

#: The demo's gain that slips after done: new flaky tests creep back in.
SLIDES_BACK = "Quarantine the flaky tests we already know"
#: Share of the gain given back by each reading after done, for the one that slides.
SLIDE = (0.45, 0.55, 0.6)


def _mondays_after(moment: datetime, until: datetime, count: int) -> list[datetime]:
    day = moment.date() + timedelta(days=7 - moment.weekday())
    found: list[datetime] = []
    while len(found) < count:
        at = datetime.combine(day, time(9, 40), moment.tzinfo)
        if at >= until:
            break
        found.append(at)
        day += timedelta(days=7)
    return found


def hold(ini: Initiative, now: datetime) -> Initiative:
    """Up to three readings after done, on the Mondays that followed it."""
    m, closed = ini.measure, outcomes.done_since(ini)
    slides = ini.title == SLIDES_BACK
    if m is None or m.baseline is None or closed is None or not (m.cadence or slides):
        return ini
    last = outcomes.points(ini)[-1].value
    rng = random.Random(ini.id)
    sign = 1 if m.direction is Direction.UP else -1
    gain = (last - m.baseline) * sign
    for n, at in enumerate(_mondays_after(closed, now, outcomes.HOLD_READINGS)):
        lost = SLIDE[n] if slides else rng.uniform(-0.05, 0.1)
        value = round(last - sign * lost * gain, 1)
        edit = Edit(uuid.UUID(int=rng.getrandbits(128)).hex, at, ini.owner, "measure")
        reading = Measurement(uuid.UUID(int=rng.getrandbits(128)).hex, at, value, ini.owner)
        ini = edit.add(ini, "measurements", reading)
    return ini
