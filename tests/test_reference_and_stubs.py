"""The reference passes every CPU check; the pristine stubs are all `todo`."""

from __future__ import annotations

from grader import catalogue

from conftest import EXERCISES, SOLUTIONS, grade_ids


def test_the_reference_passes_every_check_and_skips_only_gpu_checks() -> None:
    results = grade_ids(exercises=str(SOLUTIONS))
    bad = {i: (r.status, r.message) for i, r in results.items()
           if r.status not in ("passed", "skipped")}
    assert not bad
    for result in results.values():
        if result.status == "skipped":
            assert "CUDA" in result.message


def test_the_pristine_stubs_are_all_todo() -> None:
    results = grade_ids(exercises=str(EXERCISES))
    assert len(results) == len(catalogue.load().exercises)
    bad = {i: (r.status, r.message) for i, r in results.items()
           if r.status not in ("todo", "skipped")}
    assert not bad
