"""Shared helpers for the project's own tests: grading in-process and through the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import catalogue, paths
from grader.runner import Options, Report, grade

REPO = paths.REPO
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"


def grade_ids(ids: list[str] | None = None, **options: object) -> dict[str, object]:
    """Grade exercises in this process; results by id."""
    cat = catalogue.load()
    chosen = [cat.exercise(i) for i in ids] if ids else list(cat.exercises)
    report: Report = grade(chosen, Options(**options))  # type: ignore[arg-type]
    assert report.crashed is None, report.crashed
    return {r.id: r for r in report.results}


def run_cli(*args: str, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``python -m grader`` as a learner would; stdout and stderr captured."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True,
                          text=True, cwd=REPO, env=full_env, timeout=timeout, check=False)


def cli_json(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict]:
    result = run_cli("check", "--format", "json", *args, env=env)
    return result.returncode, json.loads(result.stdout)


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    """A learner's folder that starts as a copy of the reference solutions."""
    folder = tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, folder)
    return folder


@pytest.fixture
def stubs(tmp_path: Path) -> Path:
    """A learner's folder that starts as a copy of the pristine stubs."""
    folder = tmp_path / "exercises"
    shutil.copytree(EXERCISES, folder)
    return folder
