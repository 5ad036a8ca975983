"""Every known mistake is failed and named, alone (never as another mistake); every alternative
passes.

The variants are data: ``@mistake`` entries beside the checks, ``@alternative`` entries in
``tests/alternatives``. Each is graded in place of the learner's stub, through the real grader.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

from grader import catalogue
from grader.mistakes import ALTERNATIVES, MISTAKES, Variant

from conftest import SOLUTIONS, grade_ids

for _exercise in catalogue.load().exercises:
    importlib.import_module(_exercise.check_module)
for _path in sorted((Path(__file__).parent / "alternatives").glob("*.py")):
    _spec = importlib.util.spec_from_file_location(f"alternatives_{_path.stem}", _path)
    assert _spec and _spec.loader
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = _module  # inspect.getfile needs it for alternatives that are classes
    _spec.loader.exec_module(_module)


def _rounds(table: dict[str, list[Variant]]) -> list[dict[str, Variant]]:
    """Round k grades the k-th variant of every exercise at once (one grading run per round)."""
    depth = max((len(v) for v in table.values()), default=0)
    return [{i: vs[k] for i, vs in table.items() if len(vs) > k} for k in range(depth)]


@pytest.mark.parametrize("variants", _rounds(MISTAKES), ids=lambda r: f"{len(r)} mistakes")
def test_every_mistake_is_failed_and_named(variants: dict[str, Variant]) -> None:
    overrides = {i: f"{v.source}:{v.qualname}" for i, v in variants.items()}
    results = grade_ids(list(variants), exercises=str(SOLUTIONS), overrides=overrides)
    problems = []
    for exercise_id, variant in variants.items():
        result = results[exercise_id]
        if result.status == "skipped":
            continue
        if result.status != "failed":
            problems.append(f"{exercise_id}:{variant.name} -> {result.status}: {result.message}")
            continue
        allowed = {f"{exercise_id}:{name}" for name in (variant.name, variant.covered_by) if name
                   and (name != variant.name or variant.diagnosis)}
        named = set(result.named.split("|")) - {""}
        if variant.diagnosis and named != {f"{exercise_id}:{variant.name}"}:
            problems.append(f"{exercise_id}:{variant.name} is not named alone (named: "
                            f"{result.named or 'nothing'}):\n{result.message}")
        elif not named <= allowed:
            problems.append(f"{exercise_id}:{variant.name} is named as another mistake "
                            f"({result.named}):\n{result.message}")
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("variants", _rounds(ALTERNATIVES), ids=lambda r: f"{len(r)} alternatives")
def test_every_alternative_passes(variants: dict[str, Variant]) -> None:
    overrides = {i: f"{v.source}:{v.qualname}" for i, v in variants.items()}
    results = grade_ids(list(variants), exercises=str(SOLUTIONS), overrides=overrides)
    bad = {f"{i}:{variants[i].name}": (r.status, r.message) for i, r in results.items()
           if r.status not in ("passed", "skipped")}
    assert not bad


def test_each_chapter_has_alternatives() -> None:
    chapters = {catalogue.load().exercise(i).chapter for i in ALTERNATIVES}
    assert chapters == {c.dir for c in catalogue.load().chapters}
