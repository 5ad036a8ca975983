"""The realistic corpus (tests/corpus/) holds the grader to each entry's reviewed verdict.

Every right entry passes; every wrong entry that ``<chapter>/expected.json`` lists is caught and
named as reviewed there (null: caught, and no known mistake named: see tests/corpus). The
figures for all entries (caught, named, missed) are printed by ``python tools/corpus.py``. Minutes
of grading: marked ``corpus``, run by CI (.ci/run) and by ``pytest -m corpus``.
"""

from __future__ import annotations

import pytest
from corpus import entries, expected, grade_corpus

from grader import catalogue

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def graded() -> dict[str, dict]:
    return grade_corpus(entries({e.id for e in catalogue.load().exercises}), progress=False)


def test_every_right_entry_passes(graded):
    rejected = {k: f"[{r['status']}] {r['message'][:300]}" for k, r in graded.items()
                if r["kind"] == "right" and r["status"] not in ("passed", "skipped")}
    assert not rejected


def test_every_reviewed_wrong_entry_is_caught_and_named_as_reviewed(graded):
    reviewed = expected()
    assert set(reviewed) <= set(graded), "expected.json lists entries the corpus lacks"
    differ = {}
    for key, name in reviewed.items():
        result = graded[key]
        seen = (result["status"] in ("passed", "skipped"), result["named"] or None)
        if seen != (False, name):
            differ[key] = f"expected caught, named {name}; got [{result['status']}] {seen[1]}"
    assert not differ
