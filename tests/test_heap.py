"""The grading process keeps what it imported out of the garbage collector's sight while checks
run (grader.plugin._freeze_heap) and leaves the collector as it found it."""

from __future__ import annotations

import gc

from conftest import SOLUTIONS

from grader import catalogue
from grader.runner import Options, grade

EXERCISE = catalogue.load().exercises[0]


def _freeze_counts_while_grading() -> list[int]:
    seen: list[int] = []
    report = grade([EXERCISE], Options(exercises=str(SOLUTIONS)),
                   progress=lambda result: seen.append(gc.get_freeze_count()))
    assert [r.status for r in report.results] == ["passed"]
    return seen


def test_a_run_freezes_the_heap_and_unfreezes_it_at_its_end() -> None:
    gc.unfreeze()
    seen = _freeze_counts_while_grading()
    assert seen and seen[0] > 0, "the heap was not frozen while the checks ran"
    assert gc.get_freeze_count() == 0, "the run left objects frozen: they could never be freed"


def test_a_heap_frozen_before_the_run_stays_frozen() -> None:
    """A warm grader (watch) froze its heap once for the whole session."""
    gc.freeze()
    try:
        _freeze_counts_while_grading()
        assert gc.get_freeze_count() > 0, "the run unfroze the warm grader's heap"
    finally:
        gc.unfreeze()
