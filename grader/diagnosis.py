"""Naming a learner's mistake: only a known mistake that behaves like their code everywhere seen.

A check draws many inputs; the learner's code fails on some and passes on others. A known mistake
(``@mistake`` beside the check) is named only when, run on the same inputs, it reproduces the
learner's outcome on every failing input kept and agrees with it on the passing ones: one shrunk
input is too little evidence (many wrong answers coincide on ``tensor([0.])``). When several
mistakes fit, the message says so and gives each; when none fits, it names none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from grader.mistakes import Variant

FAILING_KEPT = 6
"""Failing inputs kept besides the shrunk one (the first ones met: shrinking meets hundreds)."""
PASSING_KEPT = 8
"""Passing inputs kept (the first ones met)."""


@dataclass
class Seen:
    """One input of a check and the learner's outcome on it."""

    kwargs: dict[str, Any]
    outcome: Any
    failed: bool


@dataclass
class Evidence:
    """The learner's outcomes on the inputs a check drew, kept for naming a mistake."""

    failing: list[Seen] = field(default_factory=list)
    passing: list[Seen] = field(default_factory=list)

    def add(self, kwargs: dict[str, Any], outcome: Any, failed: bool) -> None:
        kept = self.failing if failed else self.passing
        if len(kept) < (FAILING_KEPT if failed else PASSING_KEPT):
            kept.append(Seen(kwargs, outcome, failed))

    def to_check(self, final: Seen) -> list[Seen]:
        """The shrunk failing input first (it rejects most candidates at once), then the rest."""
        others = [s for s in self.failing if s.kwargs is not final.kwargs]
        return [final, *others, *self.passing]


@dataclass(frozen=True)
class Finding:
    """The known mistakes that behave like the learner's code (one, or several that all fit)."""

    variants: tuple[Variant, ...]

    @property
    def named(self) -> str:
        return "|".join(f"{v.exercise}:{v.name}" for v in self.variants)

    @property
    def diagnoses(self) -> list[str]:
        return list(dict.fromkeys(v.diagnosis for v in self.variants if v.diagnosis))


def diagnose(candidates: list[Variant], evidence: list[Seen],
             behaves_alike: Callable[[Variant, Seen], bool]) -> Finding | None:
    """The candidates that behave like the learner's code on every input of ``evidence``.

    ``behaves_alike(variant, seen)``: runs the variant on ``seen.kwargs`` and tells whether its
    outcome equals the learner's (``seen.outcome``).
    """
    fitting = [v for v in candidates if v.diagnosis is not None]
    for seen in evidence:
        fitting = [v for v in fitting if behaves_alike(v, seen)]
        if not fitting:
            return None
    return Finding(tuple(fitting)) if fitting else None
