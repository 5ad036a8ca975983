"""Reports for courses and CI: Gradescope's ``results.json`` and JUnit XML.

Gradescope (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a top-level
``score``, ``output``, ``visibility``, ``stdout_visibility``, ``execution_time``, ``extra_data``
and ``tests``, each test with ``name``, ``number``, ``score``, ``max_score``, ``status``
("passed"/"failed"), ``output``, ``tags``, ``visibility`` and ``extra_data``. Points per exercise
are the catalogue's ``weight``. A GPU check skipped for want of a GPU counts 0 out of 0: neither
lost nor given. A crashed run still yields a valid file that says so, with a visible "autograder
failed" test, and ``pytorch101 check`` writes one before grading starts and after every
exercise, so even a run killed by the platform's time limit leaves a report saying how far it
got. The autograder bundle (``grader/gradescope.py``) writes its results.json through the same
function.

JUnit XML (the format pytest, Jenkins, GitLab and GitHub test reporters read): ``testsuites`` /
one ``testsuite`` per chapter / one ``testcase`` per exercise, with ``failure`` (failed, todo),
``error`` (error, timeout) or ``skipped`` elements.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from grader import catalogue
from grader.catalogue import Exercise
from grader.results import CheckResult, Report

NOT_FINISHED = "the grading run did not finish (it was stopped, or ran out of time or memory)"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def placeholder(chosen: list[Exercise], done: list[CheckResult], reason: str = NOT_FINISHED
                ) -> Report:
    """The report of an unfinished run: what is graded so far, the rest as errors."""
    by_id = {r.id: r for r in done}
    results = [by_id.get(e.id) or CheckResult(e.id, e.chapter, e.path, "error",
                                              f"not graded: {reason}", 0.0) for e in chosen]
    return Report(results, crashed=reason)


# -- Gradescope ---------------------------------------------------------------------------------
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
"""Gradescope's visibility settings, for the whole result, its stdout and each test."""
AUTOGRADER_FAILED = "autograder failed"
"""The name of the test added, always visible, when the grading run itself broke."""


def to_gradescope(report: Report, visibility: str = "visible", *,
                  stdout_visibility: str = "hidden", execution_time: float | None = None,
                  preamble: str = "", extra_data: dict[str, Any] | None = None
                  ) -> dict[str, Any]:
    """Gradescope's results.json as a dict: one test per exercise (``visibility``), a summary,
    and, when the run broke, a visible "autograder failed" test saying so.

    ``execution_time``: seconds to report (default: the sum of the exercises' durations);
    ``preamble``: text put before the summary in the top-level output (what was submitted);
    ``extra_data``: stored by Gradescope with the result, never shown to the student.
    """
    cat = catalogue.load()
    tests = []
    for number, result in enumerate(report.results, 1):
        weight = _weight(cat, result.id)
        skipped = result.status == "skipped"
        passed = result.status in ("passed", "skipped")
        output = _plain(result.message) or ("passed" if passed else result.status)
        if skipped:
            output = f"skipped (not counted): {output}"
        elif not passed:
            output = f"[{result.status}] {output}"
        tests.append({
            "name": f"{result.id} ({result.file})",
            "number": f"{_chapter_number(result.chapter)}.{number}",
            "score": weight if result.status == "passed" else 0.0,
            "max_score": 0.0 if skipped else weight,
            "status": "passed" if passed else "failed",
            "output": output,
            "tags": [result.chapter],
            "visibility": visibility,
            "extra_data": {"id": result.id, "status": result.status,
                           "duration": round(result.duration, 3)},
        })
    score = sum(t["score"] for t in tests)
    maximum = sum(t["max_score"] for t in tests)
    summary = report.summary
    parts = ", ".join(f"{summary[s]} {s}" for s in ("passed", "failed", "todo", "error",
                                                    "timeout", "skipped") if summary[s])
    output = f"PyTorch101: {score:g} / {maximum:g} points ({parts or 'nothing graded'})."
    if preamble:
        output = f"{preamble.rstrip()}\n{output}"
    if report.crashed:
        output = (f"The grading run itself broke, so this score is incomplete: "
                  f"{_plain(report.crashed)}\n{output}")
        tests.append(failed_test(report.crashed))
    if execution_time is None:
        execution_time = sum(r.duration for r in report.results)
    data: dict[str, Any] = {
        "score": score,
        "output": output,
        "output_format": "text",
        "test_output_format": "text",
        "visibility": visibility,
        "stdout_visibility": stdout_visibility,
        "execution_time": round(execution_time, 3),
        "tests": tests,
    }
    if extra_data is not None:
        data["extra_data"] = extra_data
    return data


def failed_test(reason: str) -> dict[str, Any]:
    """The always-visible test that says the autograder itself broke (0 out of 0 points)."""
    return {
        "name": AUTOGRADER_FAILED,
        "number": "0",
        "score": 0.0,
        "max_score": 0.0,
        "status": "failed",
        "output": ("The autograder itself failed: this is a problem with the grader, not with "
                   "your code, and the score above may be incomplete. Please tell your "
                   f"instructor.\nWhat happened: {_plain(reason)}"),
        "tags": ["grader"],
        "visibility": "visible",
    }


def write_gradescope(report: Report, stream: Any, **options: Any) -> None:
    """Write ``to_gradescope(report, **options)`` as JSON."""
    json.dump(to_gradescope(report, **options), stream, indent=2, ensure_ascii=False,
              allow_nan=False)
    stream.write("\n")


# -- JUnit --------------------------------------------------------------------------------------
def to_junit(report: Report) -> ET.Element:
    cat = catalogue.load()
    root = ET.Element("testsuites", name="pytorch101")
    by_chapter: dict[str, list[CheckResult]] = {}
    for result in report.results:
        by_chapter.setdefault(result.chapter, []).append(result)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "time": 0.0}
    for chapter, results in by_chapter.items():
        suite = ET.SubElement(root, "testsuite", name=chapter)
        counts = {"tests": len(results), "failures": 0, "errors": 0, "skipped": 0,
                  "time": sum(r.duration for r in results)}
        for result in results:
            case = ET.SubElement(suite, "testcase", name=result.id,
                                 classname=f"{chapter}.{result.file.split('/')[-1][:-3]}",
                                 file=f"exercises/{result.file}", time=f"{result.duration:.3f}")
            properties = ET.SubElement(case, "properties")
            ET.SubElement(properties, "property", name="weight",
                          value=f"{_weight(cat, result.id):g}")
            ET.SubElement(properties, "property", name="status", value=result.status)
            message = _xml_text(result.message)
            first = message.splitlines()[0] if message else result.status
            if result.status in ("failed", "todo"):
                counts["failures"] += 1
                element = ET.SubElement(case, "failure", message=first, type=result.status)
                element.text = message
            elif result.status in ("error", "timeout"):
                counts["errors"] += 1
                element = ET.SubElement(case, "error", message=first, type=result.status)
                element.text = message
            elif result.status == "skipped":
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=first)
        for key, value in counts.items():
            suite.set(key, f"{value:.3f}" if key == "time" else str(value))
            totals[key] += value
    if report.crashed:
        suite = ET.SubElement(root, "testsuite", name="grading run", tests="1", failures="0",
                              errors="1", skipped="0", time="0.000")
        case = ET.SubElement(suite, "testcase", name="grading run", classname="pytorch101")
        crash = _xml_text(report.crashed)
        element = ET.SubElement(case, "error", message=crash.splitlines()[0] if crash else
                                "crashed", type="crashed")
        element.text = crash
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, f"{value:.3f}" if key == "time" else str(value))
    return root


def write_junit(report: Report, stream: Any) -> None:
    root = to_junit(report)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


# -- helpers ------------------------------------------------------------------------------------
def _weight(cat: catalogue.Catalogue, exercise_id: str) -> float:
    try:
        return cat.exercise(exercise_id).weight
    except KeyError:
        return 1.0


def _chapter_number(chapter: str) -> str:
    head = chapter.split("_", 1)[0]
    return str(int(head)) if head.isdigit() else head


def _plain(text: str | None) -> str:
    return _ANSI.sub("", text or "")


def _xml_text(text: str | None) -> str:
    """Text XML 1.0 can hold: no terminal colours, no control characters a learner printed."""
    return _INVALID_XML.sub("?", _plain(text))
