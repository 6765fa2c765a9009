"""The register as rows: everything a row shows, worked out once per load.

Computing progress, forecasts and due dates is the slow part of showing 10,000
initiatives, so it happens here, in the loading worker, and never while drawing,
filtering or sorting. Filtering then only compares precomputed lower-case strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from improve.domain import outcomes, progress, schedule, text_rule
from improve.domain.errors import InputError
from improve.domain.history import finished_at
from improve.domain.model import (
    Activity,
    Initiative,
    JourneyStage,
    Principle,
    Source,
    StakeholderRole,
    Status,
    Step,
)
from improve.domain.outcomes import Verdict
from improve.domain.progress import ForecastState
from improve.domain.register import CLOSED, OPEN

SPARK_POINTS = 8
_SCOPES = {"all": tuple(Status), "closed": CLOSED}
_STATUS_NAMES = {statuses: name for name, statuses in _SCOPES.items()}


def printable(text: str) -> str:
    """User text as it may be drawn: what the text rule refuses (a control character would
    move the terminal's cursor) shows as �; emoji joiners and selectors stay."""
    if text.isprintable():
        return text
    return "".join("�" if text_rule.refused(c) else c for c in text)


@dataclass(frozen=True, slots=True)
class Row:
    """One initiative as the register shows it, with its sort and search keys."""

    id: str
    key: str
    title: str
    principle: Principle | None
    principles: tuple[Principle, ...]
    step: Step
    status: Status
    owner: str
    team: str
    tags: tuple[str, ...]
    progress: float | None
    spark: tuple[float, ...]
    trend: float | None
    forecast: ForecastState
    due: date | None
    overdue: bool
    order: int
    search: str
    named: str
    #: Stakeholder roles, value chain activity, journey stage, source: `for:` `chain:`...
    roles: tuple[str, ...] = ()
    activity: str = ""
    journey: str = ""
    source: str = ""
    slid: bool = False
    #: When it was proposed (newest first sorts on it).
    created: datetime | None = None
    #: How done work ended against its target: met, accepted short or missed.
    verdict: Verdict | None = None


def build_rows(found: Iterable[Initiative], keys: dict[str, str], now: datetime) -> list[Row]:
    """Rows in value-first order (the order `found` comes in from the Register)."""
    today = now.date()
    return [_row(ini, keys.get(ini.id, ini.id[:4]), now, today, n) for n, ini in enumerate(found)]


def _row(ini: Initiative, key: str, now: datetime, today: date, order: int) -> Row:
    spark = tuple(progress.sparkline_values(ini, SPARK_POINTS))
    due = schedule.next_due(ini, now)
    title = printable(ini.title)
    owner, team = printable(ini.owner), printable(ini.team)
    tags = tuple(printable(t) for t in ini.tags)
    words = (key, title, ini.description, ini.vision, owner, team, *tags)
    return Row(
        id=ini.id,
        key=key,
        title=title,
        principle=ini.principle,
        principles=ini.principles,
        step=ini.step,
        status=ini.status,
        owner=owner,
        team=team,
        tags=tags,
        progress=progress.progress(ini),
        spark=spark,
        trend=_trend(ini, spark),
        forecast=progress.forecast(ini, today).state,
        due=due,
        overdue=due is not None and due < today,
        order=order,
        search=" ".join(words).lower(),
        named=title.lower(),
        roles=tuple(s.role.value for s in ini.stakeholders if s.role),
        activity=ini.activity.value if ini.activity else "",
        journey=ini.journey.value if ini.journey else "",
        source=ini.source.value if ini.source else "",
        slid=ini.status is Status.DONE and outcomes.slid_back(ini) is not None,
        created=ini.created,
        verdict=_verdict(ini),
    )


def _verdict(ini: Initiative) -> Verdict | None:
    finished = finished_at(ini)
    return outcomes.closing_verdict(ini, finished, ini.reason) if finished else None


def _trend(ini: Initiative, spark: tuple[float, ...]) -> float | None:
    """How far the recent readings moved towards the target, as a share of the whole way."""
    m = ini.measure
    if m is None or m.baseline is None or m.target is None or len(spark) < 2:
        return None
    if m.target == m.baseline:
        return None
    return (spark[-1] - spark[0]) / (m.target - m.baseline)


# --- filtering ---------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What the register is narrowed to. No statuses means the open register (proposed,
    active, blocked), as `improve list` shows it; `is:all` and `is:closed` reach the rest."""

    statuses: tuple[Status, ...] = ()
    principle: Principle | None = None
    owner: str = ""
    team: str = ""
    tag: str = ""
    words: tuple[str, ...] = ()
    role: str = ""
    chain: str = ""
    journey: str = ""
    source: str = ""

    @property
    def active(self) -> bool:
        return self != Query()

    @property
    def needs_closed(self) -> bool:
        """Whether closed work may match, so the archives must be read."""
        return any(s.closed for s in self.statuses)

    def matches(self, row: Row) -> bool:
        return (
            row.status in (self.statuses or OPEN)
            and (self.principle is None or _has(row, self.principle))
            and (not self.owner or row.owner.lower() == self.owner)
            and (not self.team or row.team.lower() == self.team)
            and (not self.tag or self.tag in (t.lower() for t in row.tags))
            and all(word in row.search for word in self.words)
            and (not self.role or self.role in row.roles)
            and (not self.chain or self.chain == row.activity)
            and (not self.journey or self.journey == row.journey)
            and (not self.source or self.source == row.source)
        )

    def apply(self, rows: list[Row]) -> list[Row]:
        return [row for row in rows if self.matches(row)]

    def describe(self) -> str:
        """The active filter in the same words a user types after `/`."""
        return " ".join(self.tokens())

    def tokens(self) -> list[str]:
        parts = []
        if self.statuses:
            parts.append(f"is:{_STATUS_NAMES.get(self.statuses, ','.join(self.statuses))}")
        if self.principle is not None:
            parts.append(f"#{self.principle.value}")
        parts += [f"@{self.owner}"] if self.owner else []
        parts += [f"team:{self.team}"] if self.team else []
        parts += [f"+{self.tag}"] if self.tag else []
        for name in PLACING:
            value = getattr(self, PLACING[name][0])
            parts += [f"{name}:{value}"] if value else []
        return parts + list(self.words)


def _has(row: Row, principle: Principle) -> bool:
    """The primary principle, or a secondary one, as the CLI's `list --principle` does."""
    return row.principle is principle or principle in row.principles


def parse_query(text: str) -> Query:
    """`/` text: `#principle @owner +tag team:x is:status` and free words, in any order.

    Raises `InputError` naming the token it could not read.
    """
    fields: dict[str, Any] = {"words": []}
    for token in text.lower().split():
        _read_token(token, fields)
    fields["words"] = tuple(fields["words"])
    return Query(**fields)


#: `for:customer`, `chain:engage`, `journey:onboard`, `source:feedback`: each token's
#: Query field and the parser that checks what follows it.
PLACING: dict[str, tuple[str, Callable[[str], str]]] = {
    "for": ("role", StakeholderRole.parse),
    "chain": ("chain", Activity.parse),
    "journey": ("journey", JourneyStage.parse),
    "source": ("source", Source.parse),
}


#: What `/` understands, said when a token is none of it.
KNOWN_TOKENS = (
    "is:open/all/closed/done, #principle, @owner, +tag, team:, for:, chain:, journey:, "
    "source:, or words of the title"
)


def _read_token(token: str, fields: dict[str, Any]) -> None:
    head, colon, rest = token.partition(":")
    if token in ("#", "@", "+") or (head in ("is", "status", "team", *PLACING) and not rest):
        return  # half typed: the next keystroke says what it is
    if colon and head.isalpha() and head not in ("is", "status", "team", *PLACING):
        raise InputError(f"{head}: is not a filter: use {KNOWN_TOKENS}")
    if rest and head in PLACING:
        name, parse = PLACING[head]
        fields[name] = str(parse(rest))
        return
    if token.startswith("#") and len(token) > 1:
        fields["principle"] = Principle.parse(token[1:])
    elif token.startswith("@") and len(token) > 1:
        fields["owner"] = token[1:]
    elif token.startswith("+") and len(token) > 1:
        fields["tag"] = token[1:]
    elif rest and head in ("is", "status"):
        fields["statuses"] = _statuses(rest)
    elif rest and head == "team":
        fields["team"] = rest
    else:
        fields["words"].append(token)


def _statuses(text: str) -> tuple[Status, ...]:
    if text == "open":
        return ()  # the register's own scope
    if text in _SCOPES:
        return _SCOPES[text]
    try:
        return tuple(Status.parse(part) for part in text.split(",") if part)
    except InputError:
        named = ", ".join(["open", *_SCOPES, *Status])
        raise InputError(f"unknown status {text!r}: use {named}") from None
