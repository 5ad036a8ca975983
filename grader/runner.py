"""The programmatic API: grade exercises and get results back as data.

``grade`` runs pytest in this process over the checks of the selected exercises, with the
plugin; learner code only ever runs in the sandbox workers the checks start.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pytest

from grader.catalogue import Exercise
from grader.plugin import RESULTS, CheckResult, merge
from grader.sandbox.host import reap_finished
from grader.verdicts import STATUSES

CHECKS_DIR = Path(__file__).parent / "checks"
PLUGIN_ARGS = ("--disable-plugin-autoload", "-p", "grader.plugin", "-p", "pytest_timeout",
               "-p", "no:cacheprovider", "-p", "no:randomly",
               "-p", "no:unraisableexception", "-p", "no:threadexception",
               *(arg for name in ("doctest", "junitxml", "pastebin", "logging", "faulthandler",
                                  "setuponly", "setupplan", "stepwise", "subtests")
                 for arg in ("-p", f"no:{name}")))
"""Exactly the plugins grading needs; each one set up costs time on every run, which matters when
``pytorch101 watch`` re-grades on every save. Autoloading every installed pytest11 plugin also
registers grader.plugin twice when the package is installed; the unraisable- and thread-exception
plugins run gc.collect() five times at exit (about a second with torch loaded) to catch errors in
this process, where no learner code ever runs."""


@dataclass
class Report:
    """The results of one grading run, in catalogue order."""

    results: list[CheckResult]
    crashed: str | None = None
    """Set when the grading run itself broke: what happened, for the report."""

    @property
    def summary(self) -> dict[str, int]:
        counts = {"total": len(self.results)} | {status: 0 for status in STATUSES}
        for result in self.results:
            counts[result.status] += 1
        return counts

    @property
    def ok(self) -> bool:
        return self.crashed is None and all(r.status in ("passed", "skipped") for r in self.results)


@dataclass
class Options:
    """What to grade against what."""

    exercises: str | None = None
    solutions: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    """Exercise id → 'SOURCE:QUALNAME' graded in place of the learner's stub."""
    max_examples: int | None = None


def grade(exercises: Iterable[Exercise], options: Options = Options(),
          progress: Callable[[CheckResult], None] | None = None) -> Report:
    """Grade the given exercises; never raises for anything a learner's file does."""
    chosen = list(exercises)
    collector = _Collector(progress)
    args = _pytest_args(chosen, options)
    try:
        with contextlib.redirect_stdout(io.StringIO()) as captured:
            code = pytest.main(args, plugins=[collector])
    except BaseException as exc:  # noqa: BLE001 - the report must be written whatever happens
        return Report(_complete(chosen, collector.results, f"grading crashed: {exc!r}"),
                      crashed=repr(exc))
    finally:
        reap_finished(block=True)  # no worker outlives the run, not even as a zombie
    crashed = None
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        crashed = f"pytest exited with {code!r}: {captured.getvalue()[-2000:]}"
    return Report(_complete(chosen, collector.results, "no check ran for this exercise"), crashed)


def _pytest_args(chosen: list[Exercise], options: Options) -> list[str]:
    # --tb=native: the plugin replaces pytest's report of a failed check with the learner's
    # message anyway, and pytest's own traceback format parses the source of every frame.
    files = dict.fromkeys(CHECKS_DIR / f"ch{e.chapter}" / f"test_{Path(e.file).stem}.py"
                          for e in chosen)
    nodes = [str(f) for f in files]
    args = [*nodes, "--kata-only", ",".join(e.id for e in chosen), *PLUGIN_ARGS,
            "-q", "--no-header", "--tb=native", "-o", "addopts=",
            "--rootdir", str(CHECKS_DIR.parent.parent),
            "-W", "ignore::pytest.PytestAssertRewriteWarning"]
    if options.exercises:
        args += ["--kata-target", options.exercises]
    if options.solutions:
        args += ["--kata-solutions", options.solutions]
    for exercise_id, where in options.overrides.items():
        args += ["--kata-override", f"{exercise_id}={where}"]
    if options.max_examples:
        args += ["--kata-max-examples", str(options.max_examples)]
    return args


def _complete(chosen: list[Exercise], results: list[CheckResult],
              missing_message: str) -> list[CheckResult]:
    by_id = {r.id: r for r in merge(results)}
    return [by_id.get(e.id) or CheckResult(e.id, e.chapter, e.path, "error", missing_message, 0.0)
            for e in chosen]


class _Collector:
    """A plugin object that receives results as they come (for progress and the report)."""

    def __init__(self, progress: Callable[[CheckResult], None] | None) -> None:
        self.progress = progress
        self.results: list[CheckResult] = []
        self._seen = 0

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logfinish(self, nodeid: str, location: tuple) -> None:
        config = self._config
        new = config.stash[RESULTS][self._seen:]
        self._seen += len(new)
        for result in new:
            self.results.append(result)
            if self.progress:
                self.progress(result)

    def pytest_configure(self, config: pytest.Config) -> None:
        self._config = config
