"""Known wrong answers (with the diagnosis they earn) and known right answers written differently.

Checks register mistakes beside themselves with ``@mistake``; the project's tests register
alternatives with ``@alternative``. Both are graded in place of the learner's code by the tests;
mistakes also name a learner's error when the learner's result equals theirs.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Variant:
    """One implementation of an exercise other than the reference."""

    exercise: str
    name: str
    source: str
    """Where it lives: an importable module name, or a .py file path."""
    qualname: str
    diagnosis: str | None = None
    covered_by: str | None = None
    """Another mistake of the same exercise whose diagnosis also describes this one (they give
    the same results on every input a check draws): it may be named for this one's code."""


MISTAKES: dict[str, list[Variant]] = defaultdict(list)
ALTERNATIVES: dict[str, list[Variant]] = defaultdict(list)


def mistake(exercise: str, diagnosis: str | None = None,
            covered_by: str | None = None) -> Callable[[T], T]:
    """Register a realistic wrong implementation of ``exercise``.

    ``diagnosis`` is shown to a learner whose results equal this mistake's on every input the
    check drew (``grader.diagnosis``): what went wrong and how to fix it. Without it the mistake
    is only a must-fail case for the project's tests; ``covered_by`` names another mistake whose
    diagnosis describes this one too.
    """
    return _register(MISTAKES, exercise, diagnosis, covered_by)


def alternative(exercise: str) -> Callable[[T], T]:
    """Register a correct implementation of ``exercise`` written differently: it must pass."""
    return _register(ALTERNATIVES, exercise, None)


def _register(table: dict[str, list[Variant]], exercise: str, diagnosis: str | None,
              covered_by: str | None = None) -> Callable[[T], T]:
    def decorate(obj: T) -> T:
        module = inspect.getmodule(obj)
        name = getattr(module, "__name__", "")
        source = name if name.startswith("grader.") else _source_file(obj)
        qualname: str = obj.__qualname__  # type: ignore[attr-defined]
        entry = Variant(exercise, qualname, source, qualname, diagnosis, covered_by)
        for other in (v for vs in table.values() for v in vs):
            if (other.source, other.qualname) == (source, qualname) and other.exercise != exercise:
                raise ValueError(f"{qualname} in {source} is registered for {other.exercise} and "
                                 f"{exercise}: variants are found by name, give each its own")
        if entry not in table[exercise]:
            table[exercise].append(entry)
        return obj

    return decorate


def _source_file(obj: object) -> str:
    """The .py file defining a function or class, also for a class whose module was run from a
    path without being put in sys.modules (inspect.getfile only finds those through it)."""
    try:
        return inspect.getfile(obj)  # type: ignore[arg-type]
    except TypeError:
        for member in vars(obj).values():
            code = getattr(member, "__code__", None)
            if code is not None:
                return code.co_filename
        raise


def as_override(variant: Variant) -> tuple[str, str, str]:
    """The worker's override triple for a variant: (exercise name, source, qualname)."""
    return (variant.exercise, variant.source, variant.qualname)
