"""A grading process whose autograd no longer survives fork (a notebook that compiled and trained
a model) still grades right: its workers start from a fresh process, and the report says why."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SOLUTIONS

from grader.sandbox import backends

SCRIPT = f"""
import json, torch
import grader.checks.ch06_pytorch2._warm  # torch.compile run here, as a notebook would
w = torch.zeros(2, requires_grad=True)
(w * 2).sum().backward()  # from now on, children forked from here cannot use autograd
from grader import catalogue
from grader.runner import Options, grade
report = grade([catalogue.load().exercise("fit_line_sgd")], Options(exercises={str(SOLUTIONS)!r}))
print(json.dumps({{"sandbox": report.sandbox, "notes": report.notes,
                   "results": [(r.id, r.status, r.message) for r in report.results]}}))
"""


@pytest.mark.skipif("fork" not in backends.available(), reason="fork is not this platform's")
def test_a_process_whose_autograd_breaks_in_forks_grades_with_fresh_workers() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          cwd=REPO, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert [status for _, status, _ in report["results"]] == ["passed"], report["results"]
    assert report["sandbox"] in ("forkserver", "spawn")
    assert any("forked from it" in note for note in report["notes"]), report["notes"]


@pytest.mark.skipif("fork" not in backends.available(), reason="fork is not this platform's")
def test_a_settled_answer_is_reused_without_forking_again(monkeypatch) -> None:
    from grader.sandbox import system

    monkeypatch.setattr(system, "_SETTLED_FORK_SAFETY", None)
    assert system.settle_fork_safety() is True  # this test process never ran autograd

    def no_more_forks() -> int:
        raise AssertionError("probed again: the settled answer was not reused")

    monkeypatch.setattr(system.os, "fork", no_more_forks)
    assert system.autograd_survives_fork() is True
