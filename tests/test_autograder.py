"""The Gradescope bundle: built, unzipped into a Gradescope-like root, run_autograder run on it.

Gradescope unzips the bundle into /autograder/source, puts the upload in /autograder/submission
and reads /autograder/results/results.json; here the root is a temporary folder
($PYTORCH101_AUTOGRADER_ROOT) and the interpreter this machine's (setup.sh installs Python and
the pinned packages from the network: it is not run here). Run as root, the learner's code runs
as an unprivileged user (`nobody` here: setup.sh creates `learner` on Gradescope).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest
from conftest import SOLUTIONS

from grader import catalogue
from grader.cli import main

IDS = ("to_python_number", "add_into", "accumulate_")
CAT = catalogue.load()
ITEM, INPLACE = (CAT.exercise(i).path for i in ("to_python_number", "add_into"))
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
LEARNER = "nobody"
"""An unprivileged user every Linux has (the bundle's own, `learner`, is made by setup.sh)."""
MARKER = "REFERENCE-ONLY-MARKER-7f3a"
"""Planted in the bundle's reference: it must never appear in a results.json."""
FAST = {"PYTORCH101_TIMEOUT_SCALE": "0.3"}


# -- Gradescope's documented results.json, as a checker -----------------------------------------
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}
TOP = {"score": "number", "execution_time": "number", "output": str, "output_format": FORMATS,
       "test_output_format": FORMATS, "test_name_format": FORMATS, "visibility": VISIBILITY,
       "stdout_visibility": VISIBILITY, "extra_data": dict, "tests": list, "leaderboard": list}
TEST = {"score": "number", "max_score": "number", "status": {"passed", "failed"}, "name": str,
        "name_format": FORMATS, "number": str, "output": str, "output_format": FORMATS,
        "tags": list, "visibility": VISIBILITY, "extra_data": dict}
LEADER = {"name": str, "value": (int, float, str), "order": {"asc", "desc"}}


def _field(where: str, value: Any, rule: Any) -> None:
    if rule == "number":
        assert isinstance(value, (int, float)) and not isinstance(value, bool), where
        assert math.isfinite(value), where
    elif isinstance(rule, set):
        assert value in rule, f"{where}: {value!r} is not one of {sorted(rule)}"
    else:
        assert isinstance(value, rule), f"{where}: {type(value).__name__}"


def check_results_json(text: str) -> dict[str, Any]:
    """Parse a results.json strictly (no NaN) and hold it to the fields and types of
    https://gradescope-autograders.readthedocs.io/en/latest/specs/ ; returns it."""
    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    data = json.loads(text, parse_constant=no_constants)
    assert isinstance(data, dict)
    assert not set(data) - set(TOP), f"undocumented fields {set(data) - set(TOP)}"
    for key, value in data.items():
        _field(key, value, TOP[key])
    tests = data.get("tests", [])
    assert "score" in data or all("score" in t for t in tests), "a score is required"
    for index, test in enumerate(tests):
        assert isinstance(test, dict) and not set(test) - set(TEST), test
        for key, value in test.items():
            _field(f"tests[{index}].{key}", value, TEST[key])
        assert all(isinstance(tag, str) for tag in test.get("tags", []))
        if "max_score" in test:
            assert 0 <= test["score"] <= test["max_score"], test
    for entry in data.get("leaderboard", []):
        assert {"name", "value"} <= set(entry) and not set(entry) - set(LEADER)
        for key, value in entry.items():
            _field(f"leaderboard.{key}", value, LEADER[key])
    return data


def test_the_checker_rejects_what_gradescope_does_not_document() -> None:
    good = {"score": 1, "tests": [{"score": 1, "max_score": 1, "status": "passed"}]}
    check_results_json(json.dumps(good))
    for bad in ({**good, "visibility": "sometimes"}, {**good, "scores": 1},
                {"tests": [{"max_score": 1}]}, {**good, "score": "1"},
                {"score": 1, "tests": [{"score": 2, "max_score": 1}]},
                {"score": 1, "tests": [{"score": 1, "status": "ok"}]}):
        with pytest.raises(AssertionError):
            check_results_json(json.dumps(bad))
    with pytest.raises(AssertionError):
        check_results_json('{"score": NaN}')


# -- the bundle ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    assert main(["autograder", "--output", str(path), "--only", *IDS]) == 0
    return path


@pytest.fixture
def root(bundle: Path) -> Iterator[Path]:
    """A Gradescope-like /autograder: source/ (the bundle unzipped), submission/, results/.

    Made in the system's temporary folder, readable by other users (pytest's own folders are
    not), so that only the bundle's permissions keep the reference from the learner's user."""
    top = Path(tempfile.mkdtemp(prefix="pytorch101-gradescope-"))
    top.chmod(0o755)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(top / "source")
    for path in [top / "source", *(top / "source").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for path in (top / "source" / "solutions").rglob("*.py"):
        path.write_text(f"# {MARKER}\n" + path.read_text())  # first: messages cut long text
    (top / "submission").mkdir()
    (top / "results").mkdir()
    yield top
    shutil.rmtree(top, ignore_errors=True)


def run_autograder(root: Path, **env: str) -> tuple[dict[str, Any], str]:
    """Run the bundle's run_autograder as Gradescope does (as this user); (results, stdout)."""
    full = {key: value for key, value in os.environ.items() if not key.startswith("PYTORCH101")}
    full.update({"PYTORCH101_AUTOGRADER_ROOT": str(root),
                 "PYTORCH101_AUTOGRADER_PYTHON": sys.executable, "NO_COLOR": "1",
                 "PYTORCH101_LEARNER_USER": LEARNER, **env})
    done = subprocess.run(["bash", str(root / "source" / "run_autograder")], cwd=root,
                          env=full, capture_output=True, text=True, timeout=600, check=False)
    text = (root / "results" / "results.json").read_text(encoding="utf-8")
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return check_results_json(text), done.stdout


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["extra_data"]["id"]: t for t in data["tests"] if "extra_data" in t}


def test_the_bundle_has_gradescope_layout_and_pins(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        infos = {info.filename: info for info in archive.infolist()}
        read = {name: archive.read(name).decode() for name in names
                if not name.startswith("grader/")}
    assert {"setup.sh", "run_autograder"} <= set(names)
    for script in ("setup.sh", "run_autograder"):
        assert stat.S_IMODE(infos[script].external_attr >> 16) & 0o111, script
        assert read[script].startswith("#!/usr/bin/env bash")
    assert "grader/gradescope.py" in names and "grader/checks/ch01_tensors/test_03_item.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert sorted(n for n in names if n.startswith("solutions/")) == [
        f"solutions/{ITEM}", f"solutions/{INPLACE}"]
    torch_pins = read["requirements-torch.txt"].splitlines()
    assert "--index-url https://download.pytorch.org/whl/cpu" in torch_pins
    assert {line.split("==")[0] for line in torch_pins if "==" in line} == {"torch",
                                                                          "torchvision"}
    pins = [line for line in read["requirements.txt"].splitlines()
            if line and not line.startswith("#")]
    assert all("==" in line for line in pins), pins
    assert {"hypothesis", "pytest", "numpy", "psutil"} <= {p.split("==")[0] for p in pins}
    assert not [p for p in pins if p.startswith(("nvidia-", "triton", "cuda-"))]
    config = json.loads(read["pytorch101-autograder.json"])
    assert config["targets"] == list(IDS) and config["learner_user"] == "learner"
    setup = read["setup.sh"]
    assert "requirements-torch.txt" in setup and "useradd" in setup
    assert f"python{sys.version_info.major}.{sys.version_info.minor}" in setup


def test_a_right_submission_in_the_kata_layout_gets_every_point(root: Path) -> None:
    for path in (ITEM, INPLACE):
        (root / "submission" / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SOLUTIONS / path, root / "submission" / path)
    data, stdout = run_autograder(root)
    assert f"grader {root / 'source' / 'grader'}" in stdout  # the bundle's grader, not ours
    assert data["score"] == 3 and [t["status"] for t in data["tests"]] == ["passed"] * 3
    assert [t["extra_data"]["id"] for t in data["tests"]] == list(IDS)
    assert all(t["visibility"] == "visible" for t in data["tests"])
    assert data["stdout_visibility"] == "hidden" and data["execution_time"] > 0
    assert data["output"].startswith("Files graded: 2 of 2 (chapter folders).")
    isolation = data["extra_data"]["isolation"]
    assert (f"runs as user {LEARNER!r}" in isolation) if AS_ROOT else (
        "folder guard only" in isolation)
    if AS_ROOT:  # the reference was made root's alone
        for path in [root / "source" / "solutions", *(root / "source" / "solutions").rglob("*")]:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_an_empty_submission_scores_zero_and_says_what_to_upload(root: Path) -> None:
    data, stdout = run_autograder(root)
    assert data["score"] == 0 and len(data["tests"]) == 3
    for test in data["tests"]:
        assert test["status"] == "failed" and test["max_score"] == 1
        assert "not submitted" in test["output"] and "at the top level" in test["output"]
    assert "None of the exercise files was found" in data["output"]
    assert "todo     to_python_number" in stdout


HOSTILE_ITEM = """
import subprocess


def to_python_number(t):
    # past Python: another program reads the reference (only a separate user stops this)
    done = subprocess.run(["cat", {reference!r}], capture_output=True, text=True)
    return done.stdout + done.stderr
"""
HOSTILE_ITEM_IN_PYTHON = """
def to_python_number(t):
    with open({reference!r}) as stream:  # in Python: the sandbox's folder guard refuses it
        return stream.read()
"""
HOSTILE_INPLACE = """
import torch


def add_into(x, y, out):
    return torch.add(x, y, out=out)


def accumulate_(acc, x):
    while True:
        pass
"""


def test_a_partly_hostile_flat_upload_costs_only_its_own_exercises(root: Path) -> None:
    """Reading the reference (from another program as root's grader runs the learner's code as
    another user; from Python otherwise), a link to it, an endless loop: each costs only its own
    exercise, and the reference never shows."""
    reference = root / "source" / "solutions" / ITEM
    hostile = HOSTILE_ITEM if AS_ROOT else HOSTILE_ITEM_IN_PYTHON
    (root / "submission" / "03_item.py").write_text(hostile.format(reference=str(reference)))
    (root / "submission" / "04_inplace.py").write_text(HOSTILE_INPLACE)
    (root / "submission" / "01_tensors").mkdir()
    os.symlink(reference, root / "submission" / ITEM)  # a link to the reference: never followed
    data, _ = run_autograder(root, **FAST)
    text = json.dumps(data)
    assert MARKER not in text
    tests = by_id(data)
    if AS_ROOT:
        assert tests["to_python_number"]["output"].startswith("[failed]")
        assert "Permission denied" in tests["to_python_number"]["output"]
    else:
        assert tests["to_python_number"]["output"].startswith("[error]")
        assert "off limits" in tests["to_python_number"]["output"]
    assert tests["add_into"]["status"] == "passed"
    assert tests["accumulate_"]["output"].startswith("[timeout]")
    assert data["score"] == 1
    assert any(f"{ITEM} is a link" in note for note in data["extra_data"]["notes"])
    assert not (root / "results" / "results.json").stat().st_mode & 0o002


@pytest.mark.skipif(not AS_ROOT, reason="shows what the separate user adds: needs root")
def test_without_the_separate_user_code_that_leaves_python_reads_the_reference(
        root: Path) -> None:
    """The documented limit of the in-process guard (docs/trust.md), and the proof that the
    test above can fail: the same file, graded without the separate user, leaks the marker."""
    reference = root / "source" / "solutions" / ITEM
    (root / "submission" / "03_item.py").write_text(HOSTILE_ITEM.format(reference=str(reference)))
    data, _ = run_autograder(root, PYTORCH101_LEARNER_USER="")
    assert "folder guard only" in data["extra_data"]["isolation"]
    assert MARKER in by_id(data)["to_python_number"]["output"]


def test_a_broken_autograder_says_so_in_a_visible_test(root: Path) -> None:
    config = root / "source" / "pytorch101-autograder.json"
    config.write_text(config.read_text().replace('"add_into"', '"no_such_exercise"'))
    shutil.copy(SOLUTIONS / ITEM, root / "submission" / "03_item.py")
    data, stdout = run_autograder(root)
    failed = [t for t in data["tests"] if t["name"] == "autograder failed"]
    assert len(failed) == 1 and failed[0]["visibility"] == "visible"
    assert "not with your code" in failed[0]["output"]
    assert "unknown exercise ids no_such_exercise" in failed[0]["output"]
    assert data["score"] == 0 and "autograder failed" in stdout


def test_a_python_that_cannot_start_still_leaves_a_results_json(root: Path) -> None:
    data, _ = run_autograder(root, PYTORCH101_AUTOGRADER_PYTHON=str(root / "no-python"))
    assert [t["name"] for t in data["tests"]] == ["autograder failed"]
    assert data["tests"][0]["visibility"] == "visible" and data["score"] == 0


def test_a_grading_run_that_breaks_midway_adds_the_visible_failed_test() -> None:
    from grader.course_reports import to_gradescope
    from grader.results import CheckResult, Report

    exercise = CAT.exercise("add_into")
    report = Report([CheckResult(exercise.id, exercise.chapter, exercise.path, "passed", "", 1.0)],
                    crashed="pytest exited with ExitCode.INTERNAL_ERROR")
    data = check_results_json(json.dumps(to_gradescope(report, "hidden")))
    assert [t["visibility"] for t in data["tests"]] == ["hidden", "visible"]
    assert data["tests"][1]["name"] == "autograder failed"
    assert "INTERNAL_ERROR" in data["tests"][1]["output"] and data["score"] == 1


def test_a_learner_user_that_cannot_be_used_stops_the_run_plainly(tmp_path: Path) -> None:
    from conftest import run_cli

    result = run_cli("check", "add_into", "--exercises", "solutions", "--format", "json",
                     env={"PYTORCH101_LEARNER_USER": "no-such-user-here"})
    data = json.loads(result.stdout)
    assert result.returncode == 1 and "no such user" in data["crashed"]
    assert "Traceback" not in result.stderr


def test_a_reference_without_the_chosen_files_is_refused(tmp_path: Path) -> None:
    from conftest import run_cli

    (tmp_path / "ref" / "01_tensors").mkdir(parents=True)
    shutil.copy(SOLUTIONS / ITEM, tmp_path / "ref" / ITEM)
    result = run_cli("autograder", "--output", str(tmp_path / "a.zip"), "--only", *IDS,
                     "--solutions", str(tmp_path / "ref"))
    assert result.returncode == 2 and f"lacks {INPLACE}" in result.stderr
    assert not (tmp_path / "a.zip").exists() and "Traceback" not in result.stderr
    result = run_cli("autograder", "--output", str(tmp_path / "a.zip"), "--chapters", "99_x")
    assert result.returncode == 2 and "unknown chapter '99_x'" in result.stderr
