"""Measuring an initiative: its metric (steps 2 and 3), readings, and customers' answers.

A reading dated before the baseline moves the baseline's date back to it (see
`domain.baseline`); a CX metric's reading is the score of its responses, so progress,
trend and forecast read it like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from improve.domain import cx
from improve.domain.baseline import settled
from improve.domain.changes import Edit
from improve.domain.errors import InputError
from improve.domain.model import Direction, Initiative, Measure, Measurement, Step
from improve.domain.register import NOTE_MAX, clean_line, clean_optional, clean_text
from improve.service.base import new_id
from improve.service.transfer import Transfers


class Measuring(Transfers):
    """The register's measuring use cases."""

    def set_metric(
        self,
        key: str,
        name: str,
        *,
        unit: str,
        better: Direction,
        baseline: float,
        target: float,
        by: date | None = None,
        every: str | None = None,
        kind: cx.MetricKind = cx.MetricKind.NUMBER,
        min_responses: int | None = None,
        baseline_at: datetime | None = None,
    ) -> Initiative:
        """Steps 2 and 3: what we measure, where we are, and where we want to be.

        For a CX kind the baseline and target are scores (NPS -100..100, CSAT 0..100 %,
        CES 1..7), and readings come from `pulse`. The baseline is dated `baseline_at`
        (default now; an unchanged baseline keeps its date), and never later than the
        earliest reading (see `domain.baseline`).
        """
        cx.check_score(kind, baseline, "baseline")
        cx.check_score(kind, target, "target")
        least = cx.DEFAULT_MIN_RESPONSES if min_responses is None else min_responses
        if least < 1:
            raise InputError(f"the minimum of responses must be at least 1, not {least}")
        if baseline == target:
            raise InputError("target equals baseline: a target must be a change")
        if (target > baseline) != (better is Direction.UP):
            raise InputError(
                f"target {target:g} is not better than baseline {baseline:g} "
                f"when {better.value} is better"
            )
        now = self.clock.now()
        if baseline_at is not None and baseline_at > now:
            raise InputError(f"the baseline cannot be dated in the future ({baseline_at:%Y-%m-%d})")
        measure = Measure(
            clean_line(name, "metric name"),
            clean_optional(unit, "unit"),
            better,
            baseline,
            baseline_at or now,
            target,
            by,
            every,
            kind,
            least,
        )

        if by is not None and by < now.date():
            raise InputError(f"target date {by.isoformat()} is in the past")

        def change(ini: Initiative, edit: Edit) -> Initiative:
            old = ini.measure
            kept = old is not None and old.baseline == baseline and old.baseline_at is not None
            same_date = kept and old is not None and baseline_at is None
            dated = replace(measure, baseline_at=old.baseline_at) if same_date and old else measure
            was = (old.name, old.unit, old.kind) if old else None
            if was is not None and was != (measure.name, measure.unit, measure.kind):
                for reading in ini.live_measurements():  # another metric: a new series
                    ini = edit.remove(ini, "measurements", reading.id)
            readings = (r.at for r in ini.live_measurements())
            ini = edit.set(ini, "measure", settled(dated, readings))
            if ini.step.number < Step.TARGET.number:
                ini = edit.set(ini, "step", Step.TARGET)
            return ini

        return self._update(key, "metric on {title!r}", change)

    def measure(
        self, key: str, value: float, *, at: datetime | None = None, note: str = ""
    ) -> Initiative:
        """Record a reading; one dated before the baseline moves the baseline's date to it."""

        def change(ini: Initiative, edit: Edit) -> Initiative:
            metric = _measured(ini, at, edit.at)
            if metric.kind.surveyed:
                raise InputError(
                    f"{ini.title!r} is measured by {metric.kind.label} responses",
                    shell="record them with `improve pulse KEY RESPONSE...`",
                    app="open it with enter and press m there to record the responses",
                )
            reading = Measurement(
                new_id(),
                edit.happened,
                value,
                self.who,
                clean_text(note, "note", allow_empty=True, limit=NOTE_MAX),
            )
            ini = edit.add(ini, "measurements", reading)
            return edit.set(ini, "measure", settled(metric, [reading.at]))

        return self._update(key, f"measure {value:g} on {{title!r}}", change, at)

    def pulse(
        self, key: str, responses: Iterable[str], *, at: datetime | None = None, note: str = ""
    ) -> Initiative:
        """Record what customers answered to a CSAT, NPS or CES metric; the reading's value
        is their score, so progress, trend and forecast read it like any other."""
        words = tuple(responses)

        def change(ini: Initiative, edit: Edit) -> Initiative:
            metric = _measured(ini, at, edit.at)
            kind = metric.kind
            if not kind.surveyed:
                raise InputError(
                    f"{ini.title!r} has a plain number metric",
                    shell="record it with `improve measure`"
                    " (or make it csat/nps/ces with `improve metric --kind`)",
                    app="press escape, then m to record a number (or M to change the Kind)",
                )
            tally = cx.parse_responses(kind, words)
            reading = Measurement(
                new_id(),
                edit.happened,
                cx.score(kind, tally).value,
                self.who,
                clean_text(note, "note", allow_empty=True, limit=NOTE_MAX),
                responses=tally,
            )
            ini = edit.add(ini, "measurements", reading)
            return edit.set(ini, "measure", settled(metric, [reading.at]))

        return self._update(key, f"pulse of {len(words)} on {{title!r}}", change, at)


def _measured(ini: Initiative, at: datetime | None, now: datetime) -> Measure:
    """The metric a reading is for; a reading cannot be in the future."""
    if ini.measure is None:
        raise InputError(
            f"{ini.title!r} has no metric yet",
            shell="set one with `improve metric`",
            app="set one first with M on its Initiative screen",
        )
    if at is not None and at > now:
        raise InputError(f"a measurement cannot be in the future ({at:%Y-%m-%d %H:%M})")
    return ini.measure
