"""Course reports: Gradescope's results.json and JUnit XML, also when the run crashes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader import catalogue
from grader.cli import main

from conftest import EXERCISES

CAT = catalogue.load()
FIRST = CAT.exercises[0]
FILES = list(dict.fromkeys(e.path for e in CAT.chapters[0].exercises))[:3]
CHOSEN = [e for e in CAT.exercises if e.path in FILES]
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}


@pytest.fixture
def learner(submission: Path) -> Path:
    """Passes everything but FIRST's file, which is the stub."""
    shutil.copy(EXERCISES / FIRST.path, submission / FIRST.path)
    return submission


def _check(learner: Path, fmt: str, out: Path) -> int:
    return main(["check", *FILES, "--exercises", str(learner), "--format", fmt,
                 "--output", str(out)])


def _valid_gradescope(data: dict) -> None:
    """The fields and types of https://gradescope-autograders.readthedocs.io/en/latest/specs/"""
    assert isinstance(data["score"], (int, float))
    assert isinstance(data["output"], str) and data["visibility"] in VISIBILITY
    assert isinstance(data["execution_time"], (int, float))
    assert data["stdout_visibility"] in VISIBILITY
    for test in data["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert isinstance(test["score"], (int, float))
        assert isinstance(test["max_score"], (int, float))
        assert 0 <= test["score"] <= test["max_score"]
        assert test["status"] in ("passed", "failed") and test["visibility"] in VISIBILITY
    assert data["score"] == sum(t["score"] for t in data["tests"])


def test_gradescope_results_json(learner: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    assert _check(learner, "gradescope", out) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    _valid_gradescope(data)
    assert len(data["tests"]) == len(CHOSEN)
    by_name = {t["name"].split()[0]: t for t in data["tests"]}
    for exercise in CHOSEN:
        test = by_name[exercise.id]
        assert test["max_score"] == exercise.weight
        if exercise.path == FIRST.path:
            assert test["status"] == "failed" and test["score"] == 0
            assert "todo" in test["output"]
        else:
            assert test["status"] == "passed" and test["score"] == exercise.weight
    passed_points = sum(e.weight for e in CHOSEN if e.path != FIRST.path)
    assert data["score"] == passed_points
    assert not list(tmp_path.glob(".*.tmp"))  # written whole, then renamed


def test_a_crashed_run_still_writes_a_valid_report_saying_so(
        learner: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "results.json"
    seen_during_grading = {}

    def broken_grade(chosen, options, progress=None):  # type: ignore[no-untyped-def]
        seen_during_grading.update(json.loads(out.read_text()))  # a report exists already
        raise RuntimeError("the grader fell over")

    monkeypatch.setattr("grader.runner.grade", broken_grade)
    assert _check(learner, "gradescope", out) == 1
    _valid_gradescope(seen_during_grading)
    assert "did not finish" in seen_during_grading["output"]
    data = json.loads(out.read_text())
    _valid_gradescope(data)
    assert "grader fell over" in data["output"] and data["score"] == 0
    assert all(t["status"] == "failed" for t in data["tests"])

    junit = tmp_path / "junit.xml"
    assert _check(learner, "junit", junit) == 1
    root = ET.parse(junit).getroot()
    crash = root.find("testsuite[@name='grading run']/testcase/error")
    assert crash is not None and "grader fell over" in crash.text


def test_junit_xml(learner: Path, tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    assert _check(learner, "junit", out) == 1
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [CAT.chapters[0].dir]
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == [e.id for e in CHOSEN]
    failures = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failures == [e.id for e in CHOSEN if e.path == FIRST.path]
    assert suites[0].get("tests") == str(len(CHOSEN))
    assert suites[0].get("failures") == str(len(failures)) == root.get("failures")
    assert root.get("errors") == "0" and root.get("skipped") == "0"
    failure = cases[0].find("failure")
    assert failure.get("type") == "todo" and "NotImplementedError" in failure.text
    for case in cases:
        assert float(case.get("time")) >= 0 and case.get("classname").startswith(
            CAT.chapters[0].dir)


def test_junit_survives_control_characters_in_messages() -> None:
    from grader.course_reports import to_junit
    from grader.results import CheckResult
    from grader.results import Report

    nasty = "printed \x1b[31mred\x1b[0m and \x00\x07 bytes"
    report = Report([CheckResult(FIRST.id, FIRST.chapter, FIRST.path, "failed", nasty, 0.1)])
    text = ET.tostring(to_junit(report), encoding="unicode")
    parsed = ET.fromstring(text)
    assert "red" in parsed.find(".//failure").text and "\x1b" not in text
