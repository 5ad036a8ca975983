"""Grading the same submission again gives the same verdicts and the same messages, word for word.

The submission is a copy of the reference with two realistic mistakes, one untouched stub and
one crash; it is graded ten times in this process and the JSON reports (durations left out) must
be identical. Inputs come from derandomized hypothesis, every call is seeded, and workers are
fresh processes, so nothing may vary from run to run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXERCISES

from grader import catalogue
from grader.report import to_json
from grader.runner import Options, grade

RUNS = 10
IDS = ("make_tensor", "new_from_data", "to_python_number", "add_into", "accumulate_")


def _replace(folder: Path, exercise_id: str, code: str) -> None:
    path = folder / catalogue.load().exercise(exercise_id).path
    path.write_text(path.read_text() + "\n\n" + code)


@pytest.mark.slow
def test_ten_gradings_of_one_submission_are_identical(submission: Path) -> None:
    cat = catalogue.load()
    stub = cat.exercise("make_tensor").path
    shutil.copy(EXERCISES / stub, submission / stub)  # not started: todo
    _replace(submission, "to_python_number", "def to_python_number(t):\n    return float(t)\n")
    _replace(submission, "add_into", "def add_into(x, y, out):\n    return x + y\n")
    _replace(submission, "accumulate_", "def accumulate_(*args, **kwargs):\n"
             "    import ctypes\n    return ctypes.string_at(0)\n")
    chosen = [cat.exercise(i) for i in IDS]
    reports = []
    for _ in range(RUNS):
        data = to_json(grade(chosen, Options(exercises=str(submission))))
        for result in data["results"]:
            del result["duration"]
        reports.append(data)
    statuses = {r["id"]: r["status"] for r in reports[0]["results"]}
    assert statuses == {"make_tensor": "todo", "new_from_data": "passed",
                        "to_python_number": "failed", "add_into": "failed",
                        "accumulate_": "error"}
    for run, report in enumerate(reports[1:], start=2):
        assert report == reports[0], f"run {run} differs from run 1"
