"""Every sandbox backend gives the verdicts and messages fork gives, word for word.

The reference (all pass), the pristine stubs (all todo) and every known mistake (failed, with its
diagnosis) are graded under fork and under each other backend this platform can run, and the
results compared (in CI, the first rounds of mistakes under forkserver only: see ROUNDS). Slow under
spawn (an interpreter start per check): marked ``backends``, run by
CI (.ci/run) and by ``pytest -m backends``, not by a plain ``pytest``.
"""

from __future__ import annotations

import importlib
import os
import re

import pytest
from conftest import EXERCISES, SOLUTIONS

from grader import catalogue
from grader.mistakes import MISTAKES, Variant
from grader.runner import Options, grade
from grader.sandbox import backends

TEMP_RUN = re.compile(r"pytest-\d+")
"""pytest numbers each grading run's temporary folder (shown in inputs such as root=...)."""
OTHERS = [name for name in backends.available() if name != "fork"]
pytestmark = [pytest.mark.backends, pytest.mark.slow,
              pytest.mark.skipif("fork" not in backends.available(),
                                 reason="compares with fork, which this platform cannot run")]

for _exercise in catalogue.load().exercises:
    importlib.import_module(_exercise.check_module)


def graded(ids: list[str], sandbox: str, **options: object) -> dict[str, tuple]:
    cat = catalogue.load()
    report = grade([cat.exercise(i) for i in ids], Options(sandbox=sandbox, **options))
    assert report.crashed is None, report.crashed
    assert report.sandbox == sandbox
    return {r.id: (r.status, TEMP_RUN.sub("pytest-N", r.message), r.not_run)
            for r in report.results}


def rounds() -> list[dict[str, Variant]]:
    """Round k holds the k-th known mistake of every exercise (one grading run per round)."""
    depth = max(len(v) for v in MISTAKES.values())
    return [{i: vs[k] for i, vs in MISTAKES.items() if len(vs) > k} for k in range(depth)]


@pytest.mark.parametrize("sandbox", OTHERS)
@pytest.mark.parametrize("folder", [SOLUTIONS, EXERCISES], ids=["reference", "stubs"])
def test_the_reference_and_the_stubs_get_fork_s_verdicts(sandbox: str, folder) -> None:
    ids = [e.id for e in catalogue.load().exercises]
    assert graded(ids, sandbox, exercises=str(folder)) == graded(ids, "fork",
                                                                 exercises=str(folder))


ROUNDS = {"forkserver": 2, "spawn": 0}
"""Rounds of mistakes each backend grades in CI (round k: the k-th mistake of every exercise that
has one): every round takes minutes, and CI has 90 of them. Every round under forkserver was
compared word for word on 2026-12-07 (rounds 3-16, 656 mistakes: three differed and were fixed);
spawn's interpreter starts make its rounds many times slower, so it is held to the reference and
the stubs. Every round, under every backend: PYTORCH101_PARITY_ROUNDS=all."""


def backend_rounds() -> list[tuple[str, dict[str, Variant]]]:
    every = rounds()
    everything = os.environ.get("PYTORCH101_PARITY_ROUNDS") == "all"
    return [(sandbox, variants) for sandbox in OTHERS
            for variants in (every if everything else every[:ROUNDS.get(sandbox, len(every))])]


@pytest.mark.parametrize(("sandbox", "variants"), backend_rounds(),
                         ids=lambda value: f"{len(value)} mistakes" if isinstance(value, dict)
                         else value)
def test_every_known_mistake_gets_fork_s_verdict_and_message(sandbox: str,
                                                             variants: dict[str, Variant]) -> None:
    overrides = {i: f"{v.source}:{v.qualname}" for i, v in variants.items()}
    options = {"exercises": str(SOLUTIONS), "overrides": overrides}
    assert graded(list(variants), sandbox, **options) == graded(list(variants), "fork",
                                                                **options)
