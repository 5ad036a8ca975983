"""`pytorch101 solution`: the reference stays hidden until the exercise passes (or --force)."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import catalogue, state
from grader.cli import main

from conftest import SOLUTIONS

CAT = catalogue.load()
FIRST = CAT.exercises[0]


def _reference_body() -> list[str]:
    """Lines only the reference has (its `# Why:` line and the code after it)."""
    text = (SOLUTIONS / FIRST.path).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip().startswith("# Why:")]


def test_a_stub_does_not_get_the_solution(stubs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solution", FIRST.id, "--exercises", str(stubs)]) == 1
    captured = capsys.readouterr()
    assert "does not pass yet (todo)" in captured.err and "--force" in captured.err
    assert not any(line in captured.out for line in _reference_body())
    assert state.load(stubs)["status"][FIRST.id] == "todo"  # it graded, and remembered


def test_force_shows_it_after_a_warning(stubs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solution", FIRST.id, "--force", "--exercises", str(stubs)]) == 0
    captured = capsys.readouterr()
    assert "warning" in captured.err
    assert "--- yours:" in captured.out and "+++ reference:" in captured.out
    assert f'-    raise NotImplementedError("{FIRST.id}")' in captured.out
    assert all(f"+{line}" in captured.out.replace("+    ", "+") for line in _reference_body())


def test_a_passing_exercise_gets_the_diff(stubs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = stubs / FIRST.path
    # the reference plus a comment of the learner's: it passes, and the diff shows the comment
    target.write_text((SOLUTIONS / FIRST.path).read_text() + "# my own note\n")
    assert main(["solution", FIRST.id, "--exercises", str(stubs)]) == 0
    out = capsys.readouterr().out
    assert "-# my own note" in out
    assert state.load(stubs)["status"][FIRST.id] == "passed"
    # now that it is recorded as passed, it is shown without grading again
    target.write_text((SOLUTIONS / FIRST.path).read_text())
    assert main(["solution", FIRST.id, "--exercises", str(stubs)]) == 0
    assert "identical to the reference" in capsys.readouterr().out
    assert main(["solution", FIRST.id, "--full", "--exercises", str(stubs)]) == 0
    assert capsys.readouterr().out.endswith((SOLUTIONS / FIRST.path).read_text())


def test_unknown_id_is_a_usage_error(stubs: Path) -> None:
    assert main(["solution", "no_such_exercise", "--exercises", str(stubs)]) == 2
