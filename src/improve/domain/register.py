"""The Continual Improvement Register: keys, filters and the rules for user text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from improve.domain import text_rule
from improve.domain.errors import InputError
from improve.domain.model import (
    Activity,
    Initiative,
    JourneyStage,
    Principle,
    Source,
    Stakeholder,
    StakeholderRole,
    Status,
)

MIN_KEY = 4
TITLE_MAX = 200
#: Vision, description, who benefits, a reason: an edit keeps the old and the new text in
#: the history, so a page pasted in would be copied into every edit of it.
TEXT_MAX = 2000
#: A note or a lesson is written once and never copied: room for a real write-up.
NOTE_MAX = 10_000
#: "What value means to them" is a few words, not a paragraph.
STAKE_MAX = 80


def short_keys(ids: Iterable[str]) -> dict[str, str]:
    """The shortest unique prefix of each id, at least four characters long."""
    ordered = sorted(set(ids))
    keys: dict[str, str] = {}
    for index, current in enumerate(ordered):
        need = MIN_KEY
        for neighbour in (index - 1, index + 1):
            if 0 <= neighbour < len(ordered):
                need = max(need, _common(current, ordered[neighbour]) + 1)
        keys[current] = current[:need]
    return keys


def keys_for(wanted: Iterable[str], ordered: Sequence[str]) -> dict[str, str]:
    """Short keys of a few ids among many already sorted: two neighbours each, by bisection."""
    keys: dict[str, str] = {}
    for record_id in wanted:
        at = bisect_left(ordered, record_id)
        need = MIN_KEY
        for neighbour in (at - 1, at + 1 if at < len(ordered) and ordered[at] == record_id else at):
            if 0 <= neighbour < len(ordered) and ordered[neighbour] != record_id:
                need = max(need, _common(record_id, ordered[neighbour]) + 1)
        keys[record_id] = record_id[:need]
    return keys


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def normalise_key(text: str) -> str:
    """What a user typed as an id, as we compare it: lower-case hex without dashes."""
    key = text.strip().lower().replace("-", "")
    if not key or any(c not in "0123456789abcdef" for c in key):
        raise InputError(
            f"bad id {text!r}",
            shell="use the key shown by `improve list` (hex, e.g. 3f2a)",
            app="use the key shown in the register's first column (hex, e.g. 3f2a)",
        )
    return key


def match_key(key: str, ids: Iterable[str]) -> str:
    """The one id that starts with `key`, or a clear error naming the candidates."""
    wanted = normalise_key(key)
    size = len(wanted)
    found = sorted([i for i in ids if i[:size] == wanted])  # 5x a startswith() call each
    if not found:
        raise InputError(
            f"no initiative with id {key!r}",
            shell="see `improve list --all`",
            app="it is no longer in the store (deleted, or its capture undone)",
        )
    if len(found) > 1:
        width = max(MIN_KEY, len(wanted) + 1)
        shown = ", ".join(f[:width] for f in found[:5]) + (", ..." if len(found) > 5 else "")
        raise InputError(f"ambiguous id {key!r} matches {len(found)} initiatives ({shown})")
    return found[0]


def clean_line(text: str, what: str = "title") -> str:
    """One line of user text: trimmed, no control characters, not empty."""
    cleaned = text.strip()
    if not cleaned:
        raise InputError(f"empty {what}: say what the improvement is")
    _reject_controls(cleaned, what, allowed="")
    if len(cleaned) > TITLE_MAX:
        raise InputError(f"{what} too long ({len(cleaned)} characters; at most {TITLE_MAX})")
    return cleaned


def clean_optional(text: str, what: str) -> str:
    """A one-line field that may be left out: empty stays empty, anything else is checked."""
    return clean_line(text, what) if text else ""


def clean_text(
    text: str, what: str = "text", *, allow_empty: bool = False, limit: int = TEXT_MAX
) -> str:
    """Free text (notes, vision): newlines and tabs allowed, other control characters not."""
    cleaned = text.strip()
    if not cleaned and not allow_empty:
        raise InputError(f"empty {what}")
    _reject_controls(cleaned, what, allowed="\n\t")
    if len(cleaned) > limit:
        raise InputError(
            f"{what} too long ({len(cleaned):,} characters; at most {limit:,}): "
            "say the gist here and link to the rest"
        )
    return cleaned


def _reject_controls(text: str, what: str, allowed: str) -> None:
    said = text_rule.problem(text, what, allowed)
    if said is not None:
        raise InputError(said)


def score(value: int | None, what: str) -> int | None:
    """Value and effort are 1 to 5."""
    if value is not None and not 1 <= value <= 5:
        raise InputError(f"{what} must be 1 to 5, not {value}")
    return value


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    result: list[str] = []
    for tag in tags:
        cleaned = clean_line(tag.lstrip("+"), "tag")
        if " " in cleaned:
            raise InputError(f"tag {tag!r} has a space; use - instead")
        if cleaned not in result:
            result.append(cleaned)
    return tuple(result)


def parse_stakeholder(text: str) -> Stakeholder:
    """`customer: answers within a day`: a role, then what value means to them."""
    role, _, value = text.partition(":")
    if not role.strip():
        raise InputError(f"bad stakeholder {text!r}: write ROLE:WHAT, e.g. customer:faster answers")
    return Stakeholder(StakeholderRole.parse(role), value.strip())


def clean_stakeholders(stakeholders: Iterable[Stakeholder]) -> tuple[Stakeholder, ...]:
    """Each once, its words checked like any one-line field and kept short."""
    result: list[Stakeholder] = []
    for who in stakeholders:
        value = clean_optional(who.value, "stakeholder value")
        if len(value) > STAKE_MAX:
            raise InputError(f"say what value means to {who.role} in a few words (≤{STAKE_MAX})")
        cleaned = Stakeholder(who.role, value)
        if cleaned not in result:
            result.append(cleaned)
    return tuple(result)


@dataclass(frozen=True)
class Filter:
    """What the register is narrowed to; empty fields match everything."""

    statuses: tuple[Status, ...] = ()
    principle: Principle | None = None
    owner: str = ""
    team: str = ""
    tag: str = ""
    text: str = ""
    stakeholder: StakeholderRole | None = None
    activity: Activity | None = None
    journey: JourneyStage | None = None
    source: Source | None = None
    due_before: date | None = None
    #: Closed work last touched before this day is not wanted (nor read: its archives stay shut).
    closed_since: date | None = None

    def matches(self, ini: Initiative, next_due: date | None = None) -> bool:
        checks = (
            not self.statuses or ini.status in self.statuses,
            self.principle is None
            or ini.principle is self.principle
            or self.principle in ini.principles,
            not self.owner or ini.owner.lower() == self.owner.lower(),
            not self.team or ini.team.lower() == self.team.lower(),
            not self.tag or self.tag.lstrip("+").lower() in (t.lower() for t in ini.tags),
            not self.text or self.text.lower() in searchable(ini),
            self.stakeholder is None or any(s.role is self.stakeholder for s in ini.stakeholders),
            self.activity is None or ini.activity is self.activity,
            self.journey is None or ini.journey is self.journey,
            self.source is None or ini.source is self.source,
            self.due_before is None or (next_due is not None and next_due <= self.due_before),
        )
        return all(checks)

    @property
    def closed_wanted(self) -> bool:
        """Whether archived (closed) initiatives may match, so they must be read."""
        return not self.statuses or any(s.closed for s in self.statuses)


def searchable(ini: Initiative) -> str:
    parts: Sequence[str] = (
        ini.title,
        ini.description,
        ini.vision,
        ini.owner,
        ini.team,
        *ini.tags,
        *(s.value for s in ini.stakeholders),
    )
    return " ".join(parts).lower()


OPEN = (Status.PROPOSED, Status.ACTIVE, Status.BLOCKED)
CLOSED = tuple(s for s in Status if s.closed)
