"""The grading plugin: one object, holding one settings object, that pytest drives.

Each check in ``grader/checks`` is ``test_<exercise id>(kata)``. ``KataPlugin`` supplies the
``kata`` fixture, resolves each check's exercise once (at collection), turns every outcome into
one of six statuses, replaces pytest's traceback with the learner-facing message and collects a
``CheckResult`` per check. The runner creates it and passes it to ``pytest.main``; under plain
``pytest grader/checks`` the light entry point (``grader.pytest_entry``) creates it from the
``--kata-*`` options. Importing this module imports torch: only grading does.
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any, Callable, Generator

import pytest

from grader import catalogue, corners, heap, messages
from grader.kata import Kata
from grader.pytest_entry import GPU_MARKER
from grader.results import CheckResult, Status
from grader.sandbox import system
from grader.sandbox.backends import Sandbox
from grader.settings import Settings
from grader.verdicts import Mismatch, Verdict

SAFETY_MARGIN = 60.0
"""Seconds beyond an exercise's own limit after which pytest-timeout stops a stuck check (a
grader bug, never the learner's code: the sandbox enforces the learner's limits). Only where
SIGALRM exists; pytest-timeout's other method would kill the whole grading run."""
CUDA_MISSING = "needs a CUDA GPU: torch.cuda.is_available() is False on this machine"

EXERCISE = pytest.StashKey[catalogue.Exercise]()
REACHED = pytest.StashKey[tuple]()


class KataPlugin:
    """Grades the collected checks of the chosen exercises under one ``Settings``."""

    def __init__(self, settings: Settings,
                 progress: Callable[[CheckResult], None] | None = None,
                 sandbox: Sandbox | None = None) -> None:
        self.settings = settings
        self.progress = progress
        self.results: list[CheckResult] = []
        self.sandbox = sandbox
        self._own_sandbox = sandbox is None

    # -- hooks, in the order pytest calls them -------------------------------------------------
    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", GPU_MARKER)
        same_examples_everywhere()

    def pytest_report_header(self, config: pytest.Config) -> list[str]:
        return [f"pytorch101: grading {self.settings.exercises_dir} against "
                f"{self.settings.solutions_dir}"]

    def pytest_collection_modifyitems(self, config: pytest.Config,
                                      items: list[pytest.Item]) -> None:
        """Keep the chosen exercises' checks, each with its exercise; warm up; set safety nets."""
        kept = []
        for item in items:
            exercise = exercise_of(item)
            if exercise is None:
                continue
            if self.settings.only is not None and exercise.id not in self.settings.only:
                continue
            item.stash[EXERCISE] = exercise
            kept.append(item)
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
        chapters = sorted({item.stash[EXERCISE].chapter for item in kept})
        preload = _preload(chapters)
        if self.sandbox is None:
            self.sandbox = Sandbox(self.settings.sandbox, preload)
            self.sandbox.expect(len(kept) + 1)  # a learner's worker per check, one trusted
        heap.resume_collections()  # held while importing; on before any worker is forked
        for item in kept:
            if item.get_closest_marker("timeout") is None and hasattr(signal, "SIGALRM"):
                limit = item.stash[EXERCISE].timeout * 2 + SAFETY_MARGIN
                item.add_marker(pytest.mark.timeout(limit, method="signal"))

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        corners.take_reached()
        if item.get_closest_marker("gpu") is not None and not _cuda_available():
            pytest.skip(CUDA_MISSING)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, Any, Any]:
        """Record which corners the check's inputs reached (for docs/corners.md)."""
        try:
            return (yield)
        finally:
            item.stash[REACHED] = corners.take_reached()

    @pytest.fixture
    def kata(self, request: pytest.FixtureRequest, tmp_path: Path) -> Generator[Kata, None, None]:
        """The grading context of the exercise this check is named after."""
        exercise = request.node.stash.get(EXERCISE, None)
        if exercise is None:
            pytest.fail(f"{request.node.name} is not named test_<exercise id> of the catalogue")
        gpu = request.node.get_closest_marker("gpu") is not None
        with _scratch(tmp_path) as scratch:
            grading = Kata(exercise, self.settings, scratch, gpu=gpu, sandbox=self.sandbox)
            yield grading
            grading.close()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item,
                                  call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        """Turn the outcome into a status and the learner-facing message."""
        report = yield
        exercise = item.stash.get(EXERCISE, None)
        if exercise is None or (call.when != "call" and report.passed):
            return report
        status, message = _status(report, call)
        grading = getattr(item, "funcargs", {}).get("kata")
        if grading is not None and grading.warnings and status in (Status.PASSED, Status.FAILED):
            message = messages.warned(message, list(grading.warnings))
        if status in (Status.FAILED, Status.TODO, Status.ERROR, Status.TIMEOUT):
            report.longrepr = f"[{status}] {message}"
        if not any(r.check == item.nodeid for r in self.results):
            not_run = ("cuda",) if status == Status.SKIPPED and message == CUDA_MISSING else ()
            named = getattr(call.excinfo.value, "named", "") if call.excinfo else ""
            result = CheckResult(exercise.id, exercise.chapter, exercise.path, status.value,
                                 message, call.duration, item.nodeid, not_run, named,
                                 item.stash.get(REACHED, ()))
            self.results.append(result)
            if self.progress is not None:
                self.progress(result)
        return report

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self._own_sandbox and self.sandbox is not None:
            self.sandbox.close()

    @property
    def notes(self) -> list[str]:
        return list(self.sandbox.notes) if self.sandbox is not None else []


# -- helpers ------------------------------------------------------------------------------------
def exercise_of(item: pytest.Item) -> catalogue.Exercise | None:
    """The exercise a check grades: its name is ``test_<id>`` or ``test_<id>__<aspect>``."""
    name = getattr(item, "originalname", item.name)
    if not name.startswith("test_") or "grader/checks" not in str(item.path).replace("\\", "/"):
        return None
    exercise_id = name.removeprefix("test_").split("__")[0]
    try:
        return catalogue.load().exercise(exercise_id)
    except KeyError:
        return None


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


def _preload(chapters: list[str]) -> tuple[str, ...]:
    """Import what the chapters' code needs, so that workers forked later start warm; the same
    list is what spawned workers and the fork server import before their first exercise."""
    cat = catalogue.load()
    modules = tuple(dict.fromkeys(m for c in chapters for m in cat.chapter(c).preload))
    for module in modules:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    return modules


@contextlib.contextmanager
def _scratch(tmp_path: Path) -> Generator[Path, None, None]:
    """The folder a check lets the code under grading write in: pytest's ``tmp_path``, or, when
    learner workers run as another user ($PYTORCH101_LEARNER_USER), a folder of that user's own
    (pytest keeps its temporary folders to the grader's user)."""
    user = system.learner_user()
    if user is None:
        yield tmp_path
        return
    folder = tempfile.mkdtemp(prefix="pytorch101-scratch-")
    try:
        system.give_to(folder, user)
        yield Path(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _status(report: pytest.TestReport, call: pytest.CallInfo[None]) -> tuple[Status, str]:
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        return Status.SKIPPED, reason.removeprefix("Skipped: ")
    if report.passed:
        return Status.PASSED, ""
    excinfo = call.excinfo
    if excinfo is None:
        return Status.ERROR, str(report.longrepr)
    error = excinfo.value
    if isinstance(error, Verdict):
        return Status(error.status), error.message
    if isinstance(error, Mismatch):
        return Status.FAILED, str(error)
    if excinfo.typename == "Failed" and "Timeout" in str(error):
        return Status.TIMEOUT, "the check ran past its safety limit and was stopped"
    return Status.ERROR, f"grader problem while checking: {excinfo.typename}: {error}"


def _cuda_available() -> bool:
    import torch

    return bool(torch.cuda.is_available())
