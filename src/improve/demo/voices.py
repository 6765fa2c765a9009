"""The demo's customers and users: whom each initiative is for, and what they answered.

Stakeholders come from the idea's beneficiaries (a role, and what value means to them
in the idea's own words); survey answers are drawn so that their score lands on the
reading the story wants, so the demo's NPS and CSAT are real tallies with real margins.
"""

from __future__ import annotations

import random

from improve.domain import cx
from improve.domain.model import JourneyStage, Stakeholder, StakeholderRole

R = StakeholderRole
#: The demo's beneficiaries, by role.
ROLES = {
    "product teams": R.USER,
    "staff users": R.USER,
    "new joiners": R.USER,
    "customers": R.CUSTOMER,
    "service owners": R.CUSTOMER,
    "on-call engineers": R.TEAM,
    "service desk agents": R.TEAM,
    "the team": R.TEAM,
    "sponsors": R.SPONSOR,
    "auditors": R.REGULATOR,
}
#: Who else often has a stake, and what they want from it.
OTHERS = (
    Stakeholder(R.SPONSOR, "sees the outcome at the monthly review"),
    Stakeholder(R.SUPPLIER, "fewer escalations from our side"),
    Stakeholder(R.PARTNER, "a clear hand-off with the network team"),
)
#: The stages an internal IT service's work serves; nothing is done for offer and agree
#: (the balance points at that gap).
STAGES = (JourneyStage.EXPLORE, JourneyStage.ENGAGE, JourneyStage.CO_CREATE, JourneyStage.REALISE)


def stakeholders(beneficiaries: str, vision: str, rng: random.Random) -> tuple[Stakeholder, ...]:
    """The idea's beneficiaries with what value means to them; sometimes one more."""
    role = ROLES.get(beneficiaries)
    if role is None:
        return ()
    wants = vision[0].lower() + vision[1:] if vision else beneficiaries
    found = [Stakeholder(role, wants)]
    if rng.random() < 0.35:
        found.append(rng.choice(OTHERS))
    return tuple(found)


def journey(found: tuple[Stakeholder, ...], tags: str, rng: random.Random) -> JourneyStage | None:
    """Work for users or customers serves a stage of their journey; team work none."""
    if not any(s.role in (R.USER, R.CUSTOMER) for s in found):
        return None
    return JourneyStage.ONBOARD if "onboarding" in tags.split() else rng.choice(STAGES)


def answers(kind: cx.MetricKind, score: float, rng: random.Random) -> cx.Tally:
    """A survey of 12 to 48 answers whose score is as near `score` as whole answers allow."""
    n = rng.randint(12, 48)
    groups: tuple[tuple[int, tuple[int, int]], ...]
    if kind is cx.MetricKind.NPS:
        net = max(-1.0, min(1.0, score / 100))
        passive = min(0.3, 1 - abs(net))
        promoters = round(n * (1 - passive + net) / 2)
        detractors = round(n * (1 - passive - net) / 2)
        groups = ((promoters, (9, 10)), (n - promoters - detractors, (7, 8)), (detractors, (3, 6)))
    elif kind is cx.MetricKind.CSAT:
        satisfied = round(n * max(0.0, min(100.0, score)) / 100)
        groups = ((satisfied, (4, 5)), (n - satisfied, (1, 3)))
    else:
        low = max(1, min(7, int(score)))
        groups = ((n, (low, min(7, low + 1))),)
    drawn: dict[int, int] = {}
    for count, (first, last) in groups:
        for _ in range(max(0, count)):
            answer = rng.randint(first, last)
            drawn[answer] = drawn.get(answer, 0) + 1
    return tuple(sorted(drawn.items()))
