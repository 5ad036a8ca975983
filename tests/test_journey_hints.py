"""`pytorch101 hint`: three levels or more everywhere, one at a time, the level remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import catalogue, state
from grader.cli import main

CAT = catalogue.load()
FIRST = CAT.exercises[0]


@pytest.mark.parametrize("exercise", CAT.exercises, ids=[e.id for e in CAT.exercises])
def test_every_exercise_has_three_distinct_hints(exercise: catalogue.Exercise) -> None:
    hints = [h.strip() for h in exercise.hints]
    assert len(hints) >= 3 and all(hints), exercise.id
    assert len(set(hints)) == len(hints), f"{exercise.id} repeats a hint"


def test_hints_come_one_level_at_a_time_and_the_level_is_remembered(
        stubs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    total = len(FIRST.hints)
    for level in range(1, total + 1):
        assert main(["hint", FIRST.id, "--exercises", str(stubs)]) == 0
        out = capsys.readouterr().out
        assert f"Hint {level}/{total}" in out
        assert FIRST.hints[level - 1].split()[0] in out
        if level > 1:  # only the new hint, not the ones already seen
            assert f"Hint {level - 1}/{total}" not in out
        assert state.load(stubs)["hints"][FIRST.id] == level
    assert main(["hint", FIRST.id, "--exercises", str(stubs)]) == 0  # stays on the last one
    assert f"Hint {total}/{total}" in capsys.readouterr().out
    assert main(["hint", FIRST.id, "--level", "1", "--exercises", str(stubs)]) == 0
    capsys.readouterr()
    assert state.load(stubs)["hints"][FIRST.id] == total  # looking back does not forget
    assert main(["hint", FIRST.id, "--all", "--exercises", str(stubs)]) == 0
    out = capsys.readouterr().out
    assert all(f"Hint {n}/{total}" in out for n in range(1, total + 1))


def test_hint_without_an_id_is_for_the_current_exercise(
        stubs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hint", "--exercises", str(stubs)]) == 0
    assert f"for {FIRST.id} " in capsys.readouterr().out
    state.record_status(stubs, {FIRST.id: "passed"})
    assert main(["hint", "--exercises", str(stubs)]) == 0
    assert f"for {CAT.exercises[1].id} " in capsys.readouterr().out


def test_bad_levels_and_ids_are_usage_errors(stubs: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hint", FIRST.id, "--level", "0", "--exercises", str(stubs)]) == 2
    assert main(["hint", FIRST.id, "--level", str(len(FIRST.hints) + 1),
                 "--exercises", str(stubs)]) == 2
    assert main(["hint", "no_such_exercise", "--exercises", str(stubs)]) == 2
    assert "unknown exercise 'no_such_exercise'" in capsys.readouterr().err
