"""The result model at the bottom of the grading pipeline: statuses, one exercise's result, a report.

Plain data, importable without pytest or torch, so that ``list``, ``hint``, the course reports
and any program reading the JSON can use it cheaply. The pipeline above it (the pytest plugin,
the runner, the sandbox) produces these objects; everything that shows or stores a verdict
consumes them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Status(str, enum.Enum):
    """A verdict. A ``str`` enum: ``Status.PASSED == "passed"`` and JSON writes the plain word."""

    PASSED = "passed"
    FAILED = "failed"
    TODO = "todo"
    ERROR = "error"
    TIMEOUT = "timeout"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return self.value

    @property
    def done(self) -> bool:
        """Nothing left to do: the learner moves on."""
        return self in DONE


STATUSES = tuple(s.value for s in Status)
"""Every status, in the order reports list them."""
DONE = frozenset({Status.PASSED, Status.SKIPPED})
"""Statuses that count as finished (a GPU-only check skipped for want of CUDA counts)."""
SEVERITY = (Status.SKIPPED, Status.PASSED, Status.TODO, Status.FAILED, Status.TIMEOUT,
            Status.ERROR)
"""From least to most severe: the checks of one exercise merge into the worst."""


def is_done(status: str | None) -> bool:
    """Whether a status (maybe a plain string from progress.toml, or None) counts as finished."""
    return status in DONE


@dataclass
class CheckResult:
    """The verdict on one exercise (or, before merging, on one check of it)."""

    id: str
    chapter: str
    file: str
    status: str
    message: str
    duration: float
    check: str = ""
    """The pytest node id of the check that produced this result."""
    not_run: tuple[str, ...] = ()
    """Parts that could not run here, e.g. ``("cuda",)`` on a machine without a CUDA GPU."""
    named: str = ""
    """The known mistake the message names (``exercise:mistake``), if any."""
    reached: tuple[str, ...] = ()
    """The corners (``grader.corners``) the check's drawn inputs reached."""


@dataclass
class Report:
    """The results of one grading run, in catalogue order."""

    results: list[CheckResult]
    crashed: str | None = None
    """Set when the grading run itself broke: what happened, for the report."""
    sandbox: str = ""
    """The sandbox backend the workers ran under (fork, forkserver or spawn)."""
    notes: list[str] = field(default_factory=list)
    """What this platform could not do, said once (a grader matter, never the learner's)."""

    @property
    def summary(self) -> dict[str, int]:
        counts = {"total": len(self.results)} | {status: 0 for status in STATUSES}
        for result in self.results:
            counts[str(result.status)] += 1
        return counts

    @property
    def ok(self) -> bool:
        return self.crashed is None and all(is_done(r.status) for r in self.results)


def merge(results: list[CheckResult]) -> list[CheckResult]:
    """One result per exercise: an exercise with several checks gets the worst verdict.

    A skipped check (a GPU part without CUDA) does not hide the others: when another part ran,
    the exercise keeps that part's verdict and records the skipped part under ``not_run``.
    """
    merged: dict[str, CheckResult] = {}
    for result in results:
        seen = merged.get(result.id)
        if seen is None:
            merged[result.id] = result
            continue
        merged[result.id] = _merge_two(seen, result)
    return list(merged.values())


def _merge_two(a: CheckResult, b: CheckResult) -> CheckResult:
    not_run = tuple(dict.fromkeys(a.not_run + b.not_run))
    ran = [r for r in (a, b) if r.status != Status.SKIPPED]
    if len(ran) == 1:  # one part skipped: the verdict is the part that ran
        kept = ran[0]
        skipped = b if kept is a else a
        not_run = tuple(dict.fromkeys(not_run + (skipped.not_run or ("cuda",))))
        return CheckResult(kept.id, kept.chapter, kept.file, kept.status, kept.message,
                           a.duration + b.duration, a.check, not_run, kept.named,
                           _union(a.reached, b.reached))
    worst = max(a, b, key=lambda r: SEVERITY.index(Status(r.status)))
    messages = [r.message for r in (a, b) if r.message and r.status != Status.PASSED]
    return CheckResult(a.id, a.chapter, a.file, worst.status, "\n".join(messages),
                       a.duration + b.duration, a.check, not_run, worst.named,
                       _union(a.reached, b.reached))


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(a) | set(b)))
