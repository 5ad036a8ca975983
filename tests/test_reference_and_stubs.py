"""The reference passes every CPU check; the pristine stubs are all `todo`."""

from __future__ import annotations

from grader import catalogue
from grader.sandbox import system

from conftest import EXERCISES, SOLUTIONS, grade_ids


def test_the_reference_passes_every_check_and_skips_only_gpu_checks() -> None:
    results = grade_ids(exercises=str(SOLUTIONS))
    bad = {i: (r.status, r.message) for i, r in results.items()
           if r.status not in ("passed", "skipped")}
    assert not bad
    for result in results.values():
        if result.status == "skipped":
            assert "CUDA" in result.message
    # A check that runs a backward pass in the grader's own process (after torch.compile ran
    # there, as chapter 6's preload does) breaks autograd in every worker forked after it.
    assert system.autograd_survives_fork(), "a check ran autograd in the grader's process"


def test_the_pristine_stubs_are_all_todo() -> None:
    results = grade_ids(exercises=str(EXERCISES))
    assert len(results) == len(catalogue.load().exercises)
    bad = {i: (r.status, r.message) for i, r in results.items()
           if r.status not in ("todo", "skipped")}
    assert not bad
