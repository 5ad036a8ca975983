"""A learner's first day: the rough edges a new learner met, each smoothed and kept so.

A fresh clone carries nobody's progress; a mistyped id gets a few close names (not the whole
catalogue); ``--version`` and ``--help`` answer without loading torch; hints are worded for what
was actually skipped; progress reads the same in ``list`` and ``watch`` after a reset and a
restore; ``watch``'s list fits a screen; finishing a chapter is celebrated.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from grader import __version__, catalogue, state
from grader.cli import main

from conftest import REPO, run_cli

CAT = catalogue.load()
FIRST = CAT.exercises[0]
LEARNER_STATE = (".pytorch101/", "checkpoints/", "runs/", "data/")


def test_the_repository_carries_no_learner_state() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert not [f for f in tracked if f.startswith(LEARNER_STATE)]
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert set(LEARNER_STATE) <= set(ignored)


@pytest.mark.parametrize("typed, meant", [("add_inot", "add_into"), ("01_tensor", "01_tensors"),
                                          ("01_tensors/03_inplace.py",
                                           "01_tensors/04_inplace.py")])
def test_a_mistyped_target_gets_a_few_close_names(typed: str, meant: str) -> None:
    result = run_cli("check", typed)
    assert result.returncode == 2
    assert f"Did you mean {meant}" in result.stderr or f", {meant}" in result.stderr
    assert len(result.stderr) < 400  # a few names, not the catalogue


def test_hint_for_a_mistyped_id_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hint", "add_inot"]) == 2
    assert "Did you mean add_into?" in capsys.readouterr().err


def test_version_and_help_answer_without_loading_torch() -> None:
    script = ("import sys; from grader.cli import main\n"
              "for argv in (['--version'], ['--help']):\n"
              "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
              "print('torch loaded:', 'torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=REPO, timeout=60, check=False)
    assert f"pytorch101 {__version__}" in result.stdout
    assert "torch loaded: False" in result.stdout


def test_hints_seen_in_order_never_say_you_skipped_ahead() -> None:
    from grader.commands.hint import render

    for level in range(1, len(FIRST.hints) + 1):
        assert "skipped ahead" not in render(FIRST, level, seen=level - 1)
    jumped = render(FIRST, 3, seen=1)
    assert "(you skipped ahead: hint 2 is there too" in jumped


def test_progress_after_reset_and_restore_reads_the_same_everywhere(
        submission: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    state.record_status(submission, {FIRST.id: "passed"})
    assert main(["reset", FIRST.id, "--yes", "--exercises", str(submission)]) == 0
    assert state.load(submission)["status"][FIRST.id] == "todo"
    assert main(["reset", "--restore", FIRST.id, "--yes", "--exercises", str(submission)]) == 0
    # the restored code is not graded yet: no status claims it passes or not
    assert FIRST.id not in state.load(submission)["status"]
    capsys.readouterr()
    assert main(["list", "--exercises", str(submission)]) == 0
    listed = capsys.readouterr().out
    line = next(line for line in listed.splitlines() if f" {FIRST.id} " in line)
    assert "todo" in line


def test_watch_s_list_fits_a_screen() -> None:
    from grader.commands.list import render_compact

    out = io.StringIO()
    current = CAT.chapters[1].exercises[0]
    render_compact({}, out, current)
    lines = out.getvalue().splitlines()
    assert len(lines) <= len(CAT.chapters) + len(CAT.chapter(current.chapter).exercises) + 2
    assert any(current.id in line for line in lines)
    assert not any(FIRST.id in line for line in lines)  # other chapters: one line each


def test_finishing_a_chapter_is_celebrated() -> None:
    from grader.commands.watch import chapter_complete

    chapter = CAT.chapters[0]
    last, following = chapter.exercises[-1], CAT.chapters[1].exercises[0]
    statuses = {e.id: "passed" for e in chapter.exercises}
    [line] = chapter_complete(CAT, last, following, statuses)
    assert f"Chapter {chapter.dir}" in line and CAT.chapters[1].dir in line
    statuses[chapter.exercises[0].id] = "failed"
    assert chapter_complete(CAT, last, following, statuses) == []
