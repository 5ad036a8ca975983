"""The grading process's garbage collector (grader.heap): held back while torch is imported,
and on again before any learner code runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import SOLUTIONS, run_cli

from grader import catalogue

EXERCISE = catalogue.load().exercises[0]


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
