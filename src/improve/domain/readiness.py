"""What each step of the model still asks for, so the stepper can say what is missing.

Fields can be completed later; these functions say which, and what to answer next.
"""

from __future__ import annotations

from improve.domain.model import Initiative, NoteKind, Status, Step

NOT_TIED = "measure not tied to a vision/objective"


def _checks(ini: Initiative) -> list[tuple[Step, bool, str]]:
    """Each step's gaps as (step, is it missing, what to tell the user)."""
    m = ini.measure
    iterations, notes = ini.live_iterations(), ini.live_notes()
    since = m.baseline_at if m else None
    measured = any(since is None or r.at >= since for r in ini.live_measurements())
    lesson = any(n.kind is NoteKind.LESSON or n.step is Step.MOMENTUM for n in notes)
    return [
        (Step.VISION, not ini.vision.strip(), "no vision yet"),
        (Step.VISION, not ini.beneficiaries.strip(), "nobody named who benefits"),
        (Step.BASELINE, m is None, "no metric yet"),
        (Step.BASELINE, m is None or m.baseline is None, "no baseline measurement yet"),
        (Step.TARGET, m is None or m.target is None, "no target value yet"),
        (Step.TARGET, m is None or m.target_date is None, "no target date yet"),
        (Step.PLAN, not iterations, "no iterations planned"),
        (Step.ACT, not any(i.done for i in iterations), "no iteration done yet"),
        (Step.CHECK, not measured, "no measurement since the baseline"),
        (Step.MOMENTUM, not lesson, "no lesson learned recorded"),
    ]


def missing(ini: Initiative) -> list[tuple[Step, str]]:
    """Fields can be completed later; this says which, for every step reached so far."""
    reached = ini.step.number
    return [(s, text) for s, gap, text in _checks(ini) if gap and s.number <= reached]


def missing_through(ini: Initiative, last: Step) -> list[tuple[Step, str]]:
    """The gaps of every step up to `last`, wherever the initiative stands."""
    return [(s, text) for s, gap, text in _checks(ini) if gap and s.number <= last.number]


def step_done(ini: Initiative, step: Step) -> bool:
    """Passed, and what it asks for exists: a step jumped over is not done."""
    if step.number >= ini.step.number:
        return False
    return not any(gap for s, gap, _ in _checks(ini) if s is step)


#: `done` asks "did we get there?", so the steps up to the check are what it needs.
DONE_NEEDS = Step.CHECK


def left_behind(ini: Initiative) -> list[tuple[Step, str]]:
    """What the steps before the current one still lack: said after a jump over a step,
    which proceeds all the same (the team decides)."""
    return [(s, text) for s, text in missing(ini) if s is not ini.step]


def unfinished(ini: Initiative) -> list[tuple[Step, str]]:
    """What a `done` initiative lacks of the steps up to the check: said, not refused."""
    return missing_through(ini, DONE_NEEDS) if ini.status is Status.DONE else []


def gaps_words(gaps: list[tuple[Step, str]]) -> str:
    """`no vision yet (vision); no metric yet (baseline)`, as every view says it."""
    return "; ".join(f"{text} ({s.value})" for s, text in gaps)


def flags(ini: Initiative) -> list[str]:
    """Allowed but worth a nudge: measure things tied to business objectives."""
    return [NOT_TIED] if ini.measure is not None and not ini.vision.strip() else []


def open_question(ini: Initiative) -> str:
    """The one thing to answer next, so the step shows what would move it on."""
    gaps = [text for step, text in missing(ini) if step is ini.step]
    question = ini.step.question
    return f"{question} — {'; '.join(gaps)}" if gaps else question
