"""The ``pytest11`` entry point: light, so that an unrelated pytest run pays nothing for it.

Installing the kata registers this module with every pytest in the environment. It only adds the
``--kata-*`` options; the grading plugin (which imports torch and pins hypothesis) is loaded when
the kata is being graded: a ``--kata-*`` option is given, or the run collects ``grader/checks``.
That keeps the checks runnable as plain pytest, e.g. from an IDE's test panel:

    pytest grader/checks --kata-target=solutions
"""

from __future__ import annotations

import os

import pytest

TARGET_DESC = ("folder of the learner's exercises to grade: 'exercises' (default), 'solutions' "
               "or a path")
SOLUTIONS_DESC = "folder of the reference solutions (default: solutions/, or $PYTORCH101_SOLUTIONS)"
OVERRIDE_DESC = "ID=SOURCE:QUALNAME: grade this object in place of the learner's stub (for tests)"
ONLY_DESC = "comma-separated exercise ids: run only their checks"
MAX_EXAMPLES_DESC = "cap the hypothesis examples of every comparison (faster, weaker)"
SANDBOX_DESC = "sandbox backend: fork, forkserver or spawn (default: the best this platform has)"
GPU_MARKER = "gpu: the check needs a CUDA GPU (skipped without one)"
OPTIONS = ("kata_target", "kata_solutions", "kata_override", "kata_only", "kata_max_examples",
           "kata_sandbox")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("pytorch101")
    group.addoption("--kata-target", default=None, help=TARGET_DESC)
    group.addoption("--kata-solutions", default=None, help=SOLUTIONS_DESC)
    group.addoption("--kata-override", action="append", default=[], help=OVERRIDE_DESC)
    group.addoption("--kata-only", default=None, help=ONLY_DESC)
    group.addoption("--kata-max-examples", type=int, default=None, help=MAX_EXAMPLES_DESC)
    group.addoption("--kata-sandbox", default=None, help=SANDBOX_DESC)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", GPU_MARKER)
    if config.pluginmanager.has_plugin("pytorch101-kata") or not _grading(config):
        return
    from grader import settings
    from grader.plugin import KataPlugin

    overrides = {}
    for spec in config.getoption("kata_override"):
        exercise_id, _, where = spec.partition("=")
        overrides[exercise_id] = where
    only = config.getoption("kata_only")
    target = config.getoption("kata_target") or os.environ.get("PYTORCH101_EXERCISES")
    chosen = settings.build(target, config.getoption("kata_solutions"), overrides,
                            config.getoption("kata_max_examples"),
                            frozenset(only.split(",")) if only else None,
                            config.getoption("kata_sandbox"))
    plugin = KataPlugin(chosen)
    config.pluginmanager.register(plugin, "pytorch101-kata")  # pytest calls its configure hook


def _grading(config: pytest.Config) -> bool:
    """Whether this pytest run grades the kata (and not, say, some other project's tests)."""
    if any(config.getoption(name) for name in OPTIONS):
        return True
    checks = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checks")
    for arg in config.args:
        path = os.path.abspath(arg.split("::")[0])
        if path == checks or path.startswith(checks + os.sep):
            return True
    return False
