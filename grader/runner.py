"""The programmatic API: grade exercises and get a ``Report`` back as data.

``grade`` runs pytest in this process over the checks of the selected exercises, driven by one
``KataPlugin`` that carries the run's settings; learner code only ever runs in the sandbox's
worker processes. Nothing is passed through argv but the check files and pytest's own switches.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pytest

from grader import settings as settings_module
from grader.catalogue import Exercise
from grader.plugin import KataPlugin
from grader.results import CheckResult, Report, merge
from grader.sandbox import system
from grader.sandbox.backends import Sandbox

CHECKS_DIR = Path(__file__).parent / "checks"
PYTEST_SWITCHES = ("-p", "pytest_timeout", "-p", "no:cacheprovider", "-p", "no:randomly",
                   "-p", "no:unraisableexception", "-p", "no:threadexception",
                   *(arg for name in ("doctest", "junitxml", "pastebin", "logging",
                                      "faulthandler", "setuponly", "setupplan", "stepwise",
                                      "subtests")
                     for arg in ("-p", f"no:{name}")),
                   "-q", "--no-header", "--tb=native", "-o", "addopts=",
                   "-W", "ignore::pytest.PytestAssertRewriteWarning")
"""Exactly the plugins grading needs; each one set up costs time on every run, which matters when
``pytorch101 watch`` re-grades on every save. Installed pytest11 plugins are not autoloaded
(``PYTEST_DISABLE_PLUGIN_AUTOLOAD``, understood by every pytest 8): the kata's own entry point would
otherwise add a second grading plugin. The unraisable- and thread-exception plugins run
gc.collect() five times at exit (about a second with torch loaded) to catch errors in this
process, where no learner code ever runs. --tb=native: the plugin replaces pytest's report of a
failed check with the learner's message anyway, and pytest's own traceback format parses the
source of every frame."""


@dataclass
class Options:
    """What to grade against what (folders by name or path)."""

    exercises: str | None = None
    solutions: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    """Exercise id → 'SOURCE:QUALNAME' graded in place of the learner's stub."""
    max_examples: int | None = None
    sandbox: str | None = None
    """fork, forkserver or spawn; None: $PYTORCH101_SANDBOX or the best this platform has."""


def grade(exercises: Iterable[Exercise], options: Options = Options(),
          progress: Callable[[CheckResult], None] | None = None,
          sandbox: Sandbox | None = None) -> Report:
    """Grade the given exercises; never raises for anything a learner's file does.

    ``sandbox``: workers to use (a warm grader keeps one across runs); by default a new one is
    made for this run and closed at its end.
    """
    chosen = list(exercises)
    try:  # workers to run as another user that cannot be: said plainly, before anything runs
        system.learner_user()
    except system.LearnerUserError as error:
        return Report(_complete(chosen, [], f"not graded: {error}"), crashed=str(error))
    chosen_settings = settings_module.build(
        options.exercises, options.solutions, options.overrides, options.max_examples,
        frozenset(e.id for e in chosen), options.sandbox)
    plugin = KataPlugin(chosen_settings, progress, sandbox)
    files = dict.fromkeys(str(CHECKS_DIR / f"ch{e.chapter}" / f"test_{Path(e.file).stem}.py")
                          for e in chosen)
    args = [*files, *PYTEST_SWITCHES, "--rootdir", str(CHECKS_DIR.parent.parent)]
    try:
        with _no_autoload(), contextlib.redirect_stdout(io.StringIO()) as captured:
            code = pytest.main(args, plugins=[plugin])
    except BaseException as exc:  # noqa: BLE001 - the report must be written whatever happens
        return Report(_complete(chosen, plugin.results, f"grading crashed: {exc!r}"),
                      crashed=repr(exc), sandbox=_name(plugin), notes=plugin.notes)
    crashed = None
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        crashed = f"pytest exited with {code!r}: {captured.getvalue()[-2000:]}"
    return Report(_complete(chosen, plugin.results, "no check ran for this exercise"), crashed,
                  sandbox=_name(plugin), notes=plugin.notes)


@contextlib.contextmanager
def _no_autoload() -> Iterator[None]:
    previous = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = previous


def _name(plugin: KataPlugin) -> str:
    return plugin.sandbox.name if plugin.sandbox is not None else ""


def _complete(chosen: list[Exercise], results: list[CheckResult],
              missing_message: str) -> list[CheckResult]:
    by_id = {r.id: r for r in merge(results)}
    return [by_id.get(e.id) or CheckResult(e.id, e.chapter, e.path, "error", missing_message, 0.0)
            for e in chosen]
