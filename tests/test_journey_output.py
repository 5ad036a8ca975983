"""Output: colour only on a terminal and never with NO_COLOR; list, cheatsheet and doctor."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from grader import catalogue, state
from grader.cli import main
from grader.results import CheckResult
from grader.report import write_text
from grader.results import Report

CAT = catalogue.load()
FIRST = CAT.exercises[0]
COLOR = re.compile(r"\x1b\[(3\d|9\d|38;)")  # a foreground colour


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return Terminal()


def _report() -> Report:
    return Report([CheckResult(FIRST.id, FIRST.chapter, FIRST.path, "failed", "wrong", 0.1)])


def test_check_output_is_coloured_on_a_terminal_unless_no_color(
        terminal: Terminal, monkeypatch: pytest.MonkeyPatch) -> None:
    write_text(_report(), terminal)
    assert COLOR.search(terminal.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    write_text(_report(), plain)
    assert "\x1b[" not in plain.getvalue() and FIRST.id in plain.getvalue()
    piped = io.StringIO()
    monkeypatch.delenv("NO_COLOR")
    write_text(_report(), piped)
    assert "\x1b[" not in piped.getvalue()


@pytest.mark.parametrize("command", [["list"], ["cheatsheet", CAT.chapters[0].dir],
                                     ["hint", FIRST.id, "--level", "1"]])
def test_no_color_is_honoured_by_every_command(command: list[str], stubs: Path,
                                               terminal: Terminal,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", terminal)  # here: capturing replaces it between phases
    state.record_status(stubs, {FIRST.id: "failed"})
    args = [*command] + (["--exercises", str(stubs)] if command[0] != "cheatsheet" else [])
    assert main(args) == 0
    coloured = terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    terminal.seek(0)
    terminal.truncate()
    assert main(args) == 0
    assert not COLOR.search(terminal.getvalue()), command
    if command[0] != "hint":  # hints are bold, never coloured
        assert COLOR.search(coloured), command


def test_list_shows_progress_per_chapter_and_overall(stubs: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    state.record_status(stubs, {FIRST.id: "passed"})
    assert main(["list", "--exercises", str(stubs)]) == 0
    out = capsys.readouterr().out
    chapter = CAT.chapters[0]
    assert f"{chapter.dir}  {chapter.title}  [" in out
    assert f"] 1/{len(chapter.exercises)}" in out
    assert "Overall [" in out and f"] 1/{len(CAT.exercises)}" in out
    assert f"Next up: {CAT.exercises[1].id}" in out and "\x1b[" not in out
    assert main(["list", "1", "--exercises", str(stubs)]) == 0
    assert CAT.chapters[1].dir not in capsys.readouterr().out


def test_cheatsheet_is_a_markdown_table_when_not_a_terminal(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cheatsheet"]) == 0
    out = capsys.readouterr().out
    for chapter in CAT.chapters:
        if chapter.cheatsheet:
            assert f"## {chapter.dir}: {chapter.title}" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "TensorFlow" not in line]
    assert len(rows) == sum(len(c.cheatsheet) for c in CAT.chapters)
    assert all(line.count(" | ") >= 2 for line in rows)
    assert main(["cheatsheet", "nope"]) == 2


def test_doctor_reports_each_part_with_a_fix(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    code = main(["doctor", "--no-watch-test", "--data", str(tmp_path)])
    out = capsys.readouterr().out
    for name in ("python", "torch", "torchvision", "cuda", "threads", "sandbox", "exercises",
                 "solutions", "watch", "MNIST", "CIFAR-10"):
        assert re.search(rf"^. {re.escape(name)}: ", out, re.M), name
    assert "how: python -c" in out  # the missing datasets come with how to get them
    assert code in (0, 1) and ("problem(s) to fix" in out) == (code == 1)


@pytest.mark.parametrize("command", [["hint", FIRST.id, "--level", "1"], ["list"],
                                     ["cheatsheet", "1"], ["reset", FIRST.id, "--yes"]])
def test_quick_commands_start_without_importing_torch(command: list[str], stubs: Path) -> None:
    import subprocess
    import sys

    from conftest import REPO

    extra = [] if command[0] == "cheatsheet" else ["--exercises", str(stubs)]
    code = ("import sys; from grader.cli import main; code = main(sys.argv[1:]); "
            "assert 'torch' not in sys.modules, 'imported torch'; sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, *command, *extra], cwd=REPO,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
