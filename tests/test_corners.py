"""Every check reaches the corners its exercise's docstring admits (the catalogue's ``corners``).

A corner (``grader.corners``) is reached when a check draws an input of that kind while grading
the reference; docs/corners.md is the table of what each check reaches, made by
``python tools/corners.py``.
"""

from __future__ import annotations

from conftest import SOLUTIONS, grade_ids

from grader import catalogue, corners


def test_the_catalogue_names_only_known_corners() -> None:
    unknown = {e.id: set(e.corners) - set(corners.ALL) for e in catalogue.load().exercises}
    assert not {i: u for i, u in unknown.items() if u}


def test_every_check_reaches_the_corners_its_docstring_admits() -> None:
    declared = {e.id: set(e.corners) for e in catalogue.load().exercises if e.corners}
    if not declared:
        return
    results = grade_ids(list(declared), exercises=str(SOLUTIONS))
    missing = {i: sorted(declared[i] - set(r.reached)) for i, r in results.items()
               if r.status == "passed" and declared[i] - set(r.reached)}
    assert not missing
