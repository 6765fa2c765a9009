"""The demo's cast and stories: who works on what, and how each initiative unfolds.

Plain data, kept apart from the code in `demo.py` that tells the stories.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from improve.domain.changes import Edit
from improve.domain.model import Initiative, Status, Step

Command = Callable[[Initiative, Edit], Initiative]
WEEKLY = "FREQ=WEEKLY;BYDAY=MO"
PEOPLE = (
    ("ana", "platform"),
    ("ben", "platform"),
    ("chloe", "platform"),
    ("dev", "service-desk"),
    ("eli", "service-desk"),
)


class Metric(NamedTuple):
    """A measure as `improve metric` takes it; `better` is "up" or "down"."""

    name: str
    unit: str
    better: str
    baseline: float
    target: float
    kind: str = "number"


class Idea(NamedTuple):
    """One row of the demo register; `plot` names how its story goes (see `PLOTS`)."""

    plot: str
    owner: str
    principle: str
    source: str
    activity: str
    tags: str
    title: str
    vision: str = ""
    beneficiaries: str = ""
    metric: Metric | None = None


class Plot(NamedTuple):
    """Where a story ends, and the shape of its iterations and measurements on the way."""

    status: Status
    step: Step
    fates: tuple[str, ...] = ()  # per iteration: on-time, late, overdue, today, future
    trend: tuple[str, float] = ("slope", 1.0)
    age: tuple[int, int] = (10, 60)  # created this many days before today
    span: tuple[int, int] | None = None  # closed this many days after creation


S, A, LONG = Status, Step, (50, 88)
# fmt: off
PLOTS = {
    "idea": Plot(S.PROPOSED, A.VISION, age=(1, 40)),
    "baseline": Plot(S.PROPOSED, A.BASELINE, age=(8, 45)),
    "proposed-target": Plot(S.PROPOSED, A.TARGET, age=(10, 40)),
    "target": Plot(S.ACTIVE, A.TARGET, age=(10, 40)),
    "plan": Plot(S.ACTIVE, A.PLAN, ("overdue", "today", "future"), age=(25, 50)),
    "on-track": Plot(S.ACTIVE, A.ACT, ("on-time", "on-time", "late", "future"), ("slope", 1.2),
                     LONG),
    "off-track": Plot(S.ACTIVE, A.ACT, ("late", "overdue", "overdue"), ("slope", 0.25), LONG),
    "overshoot": Plot(S.ACTIVE, A.CHECK, ("on-time", "on-time", "late"), ("reach", 1.3), LONG),
    "regress": Plot(S.ACTIVE, A.ACT, ("on-time", "late", "today"), ("arc", -0.4), LONG),
    "check": Plot(S.ACTIVE, A.CHECK, ("on-time", "late", "on-time"), ("slope", 1.3), LONG),
    "blocked": Plot(S.BLOCKED, A.ACT, ("on-time", "overdue"), ("slope", 0.5), LONG),
    "blocked-plan": Plot(S.BLOCKED, A.PLAN, ("overdue", "future"), age=(25, 50)),
    "done": Plot(S.DONE, A.MOMENTUM, ("on-time", "late", "on-time"), ("reach", 1.05), (60, 90),
                 (35, 55)),
    "dropped": Plot(S.DROPPED, A.VISION, age=(20, 85), span=(4, 15)),
    "dropped-baseline": Plot(S.DROPPED, A.BASELINE, age=(30, 85), span=(8, 20)),
    "dropped-act": Plot(S.DROPPED, A.ACT, ("on-time", "overdue"), ("slope", 0.05), (60, 90),
                        (35, 50)),
    "logged": Plot(S.DONE, A.MOMENTUM, age=(0, 20), span=(0, 0)),
}
# fmt: on

M = Metric
# fmt: off
IDEAS = (
    Idea("on-track", "ben", "automate", "team", "obtain-build", "ci deploy",
         "Cut deploy lead time with one pipeline", "Product teams ship a fix the day they write it",
         "product teams", M("Deploy lead time", "h", "down", 30, 6)),
    Idea("on-track", "dev", "value", "feedback", "deliver-support", "tickets backlog",
         "Bring the ticket backlog under 100", "Staff get an answer within a day, not a queue",
         "staff users", M("Open tickets", "tickets", "down", 340, 100)),
    Idea("on-track", "eli", "value", "feedback", "engage", "csat self-service",
         "Raise CSAT on password resets", "Locked-out staff are back at work in minutes",
         "staff users", M("CSAT", "%", "up", 71, 88, "csat")),
    Idea("on-track", "chloe", "iterate", "incident", "deliver-support", "on-call alerts",
         "Halve the out-of-hours pages", "On-call engineers sleep unless a customer is hurt",
         "on-call engineers", M("Out-of-hours pages", "pages/week", "down", 24, 8)),
    Idea("on-track", "ana", "collaborate", "retro", "improve", "visibility change",
         "Publish the change calendar to every team", "Nobody is surprised by a change",
         "service owners", M("Clashing changes", "changes/month", "down", 9, 2)),
    Idea("off-track", "ben", "holistic", "incident", "design-transition", "change releases",
         "Lower the change failure rate", "Releases land without rollback or customer noise",
         "customers", M("Change failure rate", "%", "down", 18, 8)),
    Idea("off-track", "dev", "start-where-you-are", "audit", "deliver-support", "knowledge",
         "Reuse the knowledge base for first-line fixes", "Agents fix common issues at once",
         "service desk agents", M("First-contact resolution", "%", "up", 52, 70)),
    Idea("off-track", "chloe", "automate", "team", "obtain-build", "onboarding",
         "Automate laptop and account set-up for joiners", "New joiners are productive on day one",
         "new joiners", M("Onboarding time", "days", "down", 6, 1.5)),
    Idea("overshoot", "eli", "simple", "feedback", "engage", "portal forms",
         "Shorten the service request form", "Requesting a service takes one screen, not four",
         "staff users", M("Form abandonment", "%", "down", 38, 20)),
    Idea("regress", "ana", "value", "feedback", "engage", "nps platform",
         "Lift the NPS of the developer platform", "Developers recommend the platform to peers",
         "product teams", M("Platform NPS", "", "up", 12, 35, "nps")),
    Idea("blocked", "ben", "automate", "team", "obtain-build", "ci runners",
         "Move CI to autoscaling runners", "Builds start at once, not after a queue",
         "product teams", M("Build queue time", "min", "down", 14, 3)),
    Idea("blocked", "eli", "holistic", "audit", "deliver-support", "major-incident comms",
         "Join up major-incident comms with the desk", "Customers hear about an outage from us",
         "customers", M("Time to first update", "min", "down", 55, 15)),
    Idea("blocked-plan", "chloe", "collaborate", "retro", "plan", "capacity network",
         "Shared capacity review with the network team", "No surprise saturation of shared links",
         "service owners", M("Capacity incidents", "incidents/month", "down", 5, 1)),
    Idea("check", "ana", "iterate", "retro", "improve", "mttr postmortem",
         "Cut MTTR with a first-15-minutes runbook", "Incidents are contained before users notice",
         "customers", M("MTTR", "min", "down", 95, 45)),
    Idea("check", "dev", "simple", "team", "deliver-support", "triage",
         "Drop the duplicate triage queue", "Tickets reach the right group on the first hop",
         "service desk agents", M("Reassignments per ticket", "hops", "down", 2.4, 1.3)),
    Idea("plan", "ben", "iterate", "retro", "design-transition", "canary releases",
         "Canary releases for the API gateway", "A bad release hurts 5% of traffic, not all of it",
         "customers", M("Release incidents", "incidents/month", "down", 4, 1)),
    Idea("plan", "eli", "value", "feedback", "engage", "self-service",
         "Self-service for standard software", "Staff install approved software without a ticket",
         "staff users", M("Software requests", "tickets/week", "down", 60, 20)),
    Idea("plan", "chloe", "start-where-you-are", "audit", "plan", "monitoring slo",
         "Use existing logs for an SLO dashboard", "Everyone sees the availability users see",
         "service owners", M("Services with an SLO", "services", "up", 3, 12)),
    Idea("plan", "dev", "collaborate", "team", "engage", "handover",
         "A written shift handover for the desk", "Nothing falls between the early and late shift",
         "service desk agents", M("Tickets idle at shift change", "tickets/day", "down", 15, 4)),
    Idea("target", "ana", "holistic", "retro", "plan", "cost cloud",
         "Tag every cloud resource with its service", "Each service owner knows what it costs",
         "service owners", M("Untagged spend", "%", "down", 41, 5)),
    Idea("target", "ben", "simple", "team", "obtain-build", "change pipeline",
         "No manual approval for low-risk changes", "Standard changes flow without waiting",
         "product teams", M("Standard change wait", "h", "down", 20, 2)),
    Idea("proposed-target", "eli", "iterate", "feedback", "engage", "csat survey",
         "Ask one CSAT question instead of ten", "More users tell us how we did",
         "staff users", M("Survey response rate", "%", "up", 9, 25)),
    Idea("baseline", "chloe", "start-where-you-are", "incident", "deliver-support", "backups",
         "Test a restore every month", "We know a restore works before we need it", "customers"),
    Idea("baseline", "dev", "value", "feedback", "deliver-support", "phone",
         "Shorter wait on the service desk phone line", "Callers reach a person within a minute",
         "staff users"),
    Idea("idea", "ana", "collaborate", "retro", "improve", "demo",
         "Monthly improvement demo for sponsors", "Sponsors see what changed and why it matters",
         "sponsors"),
    Idea("idea", "ben", "automate", "team", "deliver-support", "certificates",
         "Automate TLS certificate renewal", "No outage is caused by an expired certificate"),
    Idea("idea", "eli", "", "customer", "engage", "email",
         "One notification per ticket update, not three"),
    Idea("idea", "dev", "holistic", "audit", "design-transition", "access hr",
         "Leaver access review with HR", "Leavers lose access the day they leave", "auditors"),
    Idea("done", "ana", "iterate", "retro", "improve", "standup",
         "Fifteen-minute standup with the board on screen", "Everyone leaves knowing what blocks",
         "the team", M("Standup length", "min", "down", 32, 15)),
    Idea("done", "chloe", "automate", "incident", "deliver-support", "disk alerts",
         "Auto-expand disks before they fill", "No incident from a full disk again",
         "on-call engineers", M("Disk-full incidents", "incidents/month", "down", 6, 1)),
    Idea("done", "dev", "value", "feedback", "deliver-support", "sla p1",
         "Call back every P1 caller within 30 minutes", "P1 callers know someone is on it",
         "staff users", M("P1 callbacks in 30 min", "%", "up", 60, 95)),
    Idea("done", "ben", "start-where-you-are", "team", "obtain-build", "tests ci",
         "Quarantine the flaky tests we already know", "Developers trust a red build again",
         "product teams", M("Flaky build rate", "%", "down", 12, 3)),
    Idea("done", "eli", "collaborate", "feedback", "engage", "status-page",
         "Status page for the service desk tools", "Users check the status page before calling",
         "staff users", M("Calls during outages", "calls/h", "down", 80, 30)),
    Idea("dropped", "chloe", "automate", "team", "obtain-build", "chatops",
         "ChatOps bot for deployments", "Deploy from the team channel"),
    Idea("dropped-baseline", "ana", "value", "audit", "plan", "itsm tooling",
         "Replace the ticket tool", "One tool for requests, incidents and changes",
         "service desk agents"),
    Idea("dropped-act", "dev", "iterate", "feedback", "engage", "weekend chat",
         "Weekend chat support pilot", "Staff can get help on Saturday mornings", "staff users",
         M("Saturday chats answered", "chats/day", "up", 2, 15)),
    Idea("logged", "ben", "simple", "team", "obtain-build", "ci",
         "Removed three unused CI jobs", metric=M("Pipeline time", "min", "down", 22, 17)),
    Idea("logged", "eli", "value", "feedback", "engage", "portal mfa",
         "Added a 'reset my MFA' button to the portal"),
    Idea("logged", "chloe", "automate", "incident", "deliver-support", "storage",
         "Nightly clean-up of the temp share", metric=M("Temp share size", "GB", "down", 480, 60)),
    Idea("logged", "dev", "collaborate", "retro", "deliver-support", "on-call",
         "Pinned the on-call rota in the team channel"),
)
ITERATION_TITLES = (
    "Map the current process end to end", "Try it with one team for a week",
    "Remove the manual hand-off", "Write the runbook and share it",
    "Roll out to the remaining services", "Review the numbers with stakeholders",
    "Automate the weekly report", "Pair with the service desk on the change",
)
FEEDBACK = (
    "Service desk says the new way saves them a call or two a day",
    "Two product teams asked to join the pilot",
    "Users like it but want it in the portal, not by email",
    "Sponsor asked for the numbers at the monthly review",
)
LESSONS = (
    "Measure before changing anything: the baseline surprised us",
    "The smallest pilot told us more than the two-week design",
    "Asking the service desk first saved a sprint of rework",
    "Automating a bad process only made it fail faster; simplify first",
    "Weekly numbers on the standup screen kept it moving",
)
FOLLOW_UPS = (
    "Now in the runbook and the onboarding checklist",
    "Follow-up: apply the same pattern to the next service",
    "Embedded: the check runs every week without us",
)
BLOCKERS = (
    "Waiting for the security review of the new runners",
    "Needs the comms team's sign-off on the templates",
    "Network team has no capacity until next quarter",
)
DROPS = (
    "Superseded by the pipeline work: deploys from chat added little",
    "Replaced by the company-wide ITSM programme", "Demand too low to justify a weekend rota",
)
READING_NOTES = ("holiday week, low volume", "after the Tuesday release", "new dashboard query")
UPDATES = ("Progress shared at the standup", "Checked in with the stakeholders", "Next step agreed")
# fmt: on
