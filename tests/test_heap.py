"""The grading process's garbage collector (grader.heap): held back while torch is imported,
the imports frozen while checks run, everything as it was after the run, and the learner's code
always run with the collector on."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

from conftest import SOLUTIONS, run_cli

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


def test_collections_held_by_the_command_are_on_again_before_learner_code_runs(
        tmp_path: Path) -> None:
    """``pytorch101 check`` holds collections while it imports; a learner's function that
    needs the collector on (to free its reference cycles) must find it on in its worker."""
    folder = tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, folder)
    learner = folder / EXERCISE.path
    source = learner.read_text(encoding="utf-8")
    learner.write_text(source + "\n\nimport gc as _gc\n_right = make_tensor\n\n\n"
                       "def make_tensor(*args, **kwargs):\n"
                       "    assert _gc.isenabled(), 'the collector is off'\n"
                       "    return _right(*args, **kwargs)\n", encoding="utf-8")
    result = run_cli("check", EXERCISE.id, "--format", "json", "--exercises", str(folder))
    statuses = [(r["status"], r["message"][:300]) for r in json.loads(result.stdout)["results"]]
    assert statuses == [("passed", "")], statuses
