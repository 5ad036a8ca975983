"""pytest plugin: grade the kata's checks against the learner's files (or the reference).

Each check in ``grader/checks`` is ``test_<exercise id>(kata)``. This plugin supplies the ``kata``
fixture, turns every outcome into one of six statuses (passed, failed, todo, error, timeout,
skipped), replaces pytest's traceback with the learner-facing message, and keeps the results in
``config.stash`` for the command line. Works under plain ``pytest`` too (IDE test panels):

    pytest grader/checks --kata-target=solutions
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generator

import pytest

from grader import catalogue, paths
from grader.kata import Kata, Settings
from grader.verdicts import Mismatch, Verdict

TARGET_DESC = "folder of the learner's exercises to grade: 'exercises' (default), 'solutions' or a path"
SOLUTIONS_DESC = "folder of the reference solutions (default: solutions/, or $PYTORCH101_SOLUTIONS)"
OVERRIDE_DESC = "ID=SOURCE:QUALNAME: grade this object in place of the learner's stub (for tests)"
ONLY_DESC = "comma-separated exercise ids: run only their checks"
MAX_EXAMPLES_DESC = "cap the hypothesis examples of every comparison (faster, weaker)"
SEVERITY = ("skipped", "passed", "todo", "failed", "timeout", "error")
"""Statuses from least to most severe, to merge the checks of one exercise."""
SAFETY_MARGIN = 60.0
"""Seconds beyond an exercise's own limit after which pytest-timeout stops a stuck check."""

RESULTS = pytest.StashKey[list["CheckResult"]]()
SETTINGS = pytest.StashKey[Settings]()


@dataclass
class CheckResult:
    """The verdict on one exercise."""

    id: str
    chapter: str
    file: str
    status: str
    message: str
    duration: float
    check: str = ""
    """The pytest node id of the check that produced this result."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the --kata-* options."""
    group = parser.getgroup("pytorch101")
    group.addoption("--kata-target", default=None, help=TARGET_DESC)
    group.addoption("--kata-solutions", default=None, help=SOLUTIONS_DESC)
    group.addoption("--kata-override", action="append", default=[], help=OVERRIDE_DESC)
    group.addoption("--kata-only", default=None, help=ONLY_DESC)
    group.addoption("--kata-max-examples", type=int, default=None, help=MAX_EXAMPLES_DESC)


def pytest_configure(config: pytest.Config) -> None:
    """Register the gpu marker and build the grading settings."""
    config.addinivalue_line("markers", "gpu: the check needs a CUDA GPU (skipped without one)")
    config.stash[RESULTS] = []
    config.stash[SETTINGS] = _settings(config)
    same_examples_everywhere()


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Say what is graded against what."""
    settings = config.stash[SETTINGS]
    return [f"pytorch101: grading {settings.exercises_dir} against {settings.solutions_dir}"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep only the chosen exercises' checks; give each a safety-net timeout."""
    only = config.getoption("--kata-only")
    if only:
        wanted = set(only.split(","))
        kept = [i for i in items if (e := _exercise(i)) is not None and e.id in wanted]
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
    _preload({e.chapter for i in items if (e := _exercise(i)) is not None})
    for item in items:
        exercise = _exercise(item)
        if exercise is not None and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(exercise.timeout * 2 + SAFETY_MARGIN,
                                                method="signal"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip GPU checks, with the reason, when CUDA is absent."""
    if item.get_closest_marker("gpu") is not None and not _cuda_available():
        pytest.skip("needs a CUDA GPU: torch.cuda.is_available() is False on this machine")


@pytest.fixture
def kata(request: pytest.FixtureRequest, tmp_path: Path) -> Generator[Kata, None, None]:
    """The grading context of the exercise this check is named after."""
    exercise = _exercise(request.node)
    if exercise is None:
        pytest.fail(f"{request.node.name} is not named test_<exercise id> of the catalogue")
    gpu = request.node.get_closest_marker("gpu") is not None
    grading = Kata(exercise, request.config.stash[SETTINGS], tmp_path, gpu=gpu)
    yield grading
    grading.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Turn the outcome into a status and the learner-facing message."""
    report = yield
    exercise = _exercise(item)
    if exercise is None or (call.when != "call" and report.passed):
        return report
    status, message = _status(report, call)
    if status in ("failed", "todo", "error", "timeout"):
        report.longrepr = f"[{status}] {message}"
    if call.when == "call" or not report.passed:
        results = item.config.stash[RESULTS]
        if not any(r.check == item.nodeid for r in results):
            results.append(CheckResult(exercise.id, exercise.chapter, exercise.path, status,
                                       message, call.duration, item.nodeid))
    return report


def merge(results: list[CheckResult]) -> list[CheckResult]:
    """One result per exercise: an exercise with several checks gets the worst verdict.

    A skipped check (a GPU part without CUDA) does not hide the others; when every other part
    passed, the message says which part was skipped.
    """
    merged: dict[str, CheckResult] = {}
    for result in results:
        seen = merged.get(result.id)
        if seen is None:
            merged[result.id] = result
            continue
        worst = max(seen, result, key=lambda r: SEVERITY.index(r.status))
        messages = [r.message for r in (seen, result) if r.message and r.status != "passed"]
        merged[result.id] = CheckResult(result.id, result.chapter, result.file, worst.status,
                                        "\n".join(messages), seen.duration + result.duration,
                                        seen.check)
    return list(merged.values())


# -- helpers ------------------------------------------------------------------------------------
def same_examples_everywhere() -> None:
    """Make the drawn examples independent of which grader modules this process imported.

    Hypothesis (6.131+) mixes in constants found in the process's "local" (non site-packages)
    modules, i.e. the grader's own, and caches them at the first draw. The examples of a check
    would then differ between ``pytorch101 check``, ``watch`` and the project's tests, so a
    verdict could too. Pin that pool to empty (hypothesis's global constants still apply).
    """
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants
    except ImportError:  # a hypothesis without local constants: nothing to pin
        return
    if hasattr(providers, "_get_local_constants"):
        empty = Constants()
        providers._get_local_constants = lambda: empty


def _preload(chapters: set[str]) -> None:
    """Import what the chapters' code needs, so that workers forked later start warm."""
    cat = catalogue.load()
    for chapter in sorted(chapters):
        for module in cat.chapter(chapter).preload:
            try:
                importlib.import_module(module)
            except ImportError:
                pass


def _settings(config: pytest.Config) -> Settings:
    target = config.getoption("--kata-target") or os.environ.get("PYTORCH101_EXERCISES")
    exercises = paths.exercises_dir(target)
    solutions = paths.solutions_dir(config.getoption("--kata-solutions"))
    overrides = {}
    for spec in config.getoption("--kata-override"):
        exercise_id, _, where = spec.partition("=")
        source, _, qualname = where.rpartition(":")
        overrides[exercise_id] = (exercise_id, source, qualname)
    forbidden = () if exercises.resolve() == solutions.resolve() else paths.forbidden(
        solutions, exercises)
    return Settings(exercises, solutions, overrides, forbidden,
                    max_examples=config.getoption("--kata-max-examples"),
                    display_root=Path.cwd())


def _exercise(item: pytest.Item) -> catalogue.Exercise | None:
    name = getattr(item, "originalname", item.name)
    if not name.startswith("test_") or "grader/checks" not in str(item.path).replace(os.sep, "/"):
        return None
    exercise_id = name.removeprefix("test_").split("__")[0]
    try:
        return catalogue.load().exercise(exercise_id)
    except KeyError:
        return None


def _status(report: pytest.TestReport, call: pytest.CallInfo[None]) -> tuple[str, str]:
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        return "skipped", reason.removeprefix("Skipped: ")
    if report.passed:
        return "passed", ""
    excinfo = call.excinfo
    if excinfo is None:
        return "error", str(report.longrepr)
    error = excinfo.value
    if isinstance(error, Verdict):
        return error.status, error.message
    if isinstance(error, Mismatch):
        return "failed", str(error)
    if excinfo.typename == "Failed" and "Timeout" in str(error):
        return "timeout", "the check ran past its safety limit and was stopped"
    return "error", f"grader problem while checking: {excinfo.typename}: {error}"


def _cuda_available() -> bool:
    import torch

    return bool(torch.cuda.is_available())
