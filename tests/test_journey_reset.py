"""`pytorch101 reset` and `reset --restore`: no path loses a learner's code."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from grader import catalogue, pristine, state
from grader.cli import main

from conftest import EXERCISES, SOLUTIONS

CAT = catalogue.load()
FIRST = CAT.exercises[0]
CHAPTER = CAT.chapters[0]
# Everything a byte-for-byte round trip can trip over: CRLF, a lone CR, tabs, trailing spaces,
# non-ASCII text, a form feed and no newline at the end.
AWKWARD = ("# mine\r\nimport torch\r\n\tx = 1   \r\n# café ∑ 🙂\x0c\rtail",
           "é\n" * 3 + "no newline at the end")


@pytest.fixture
def no_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def test_the_snapshot_of_stubs_matches_exercises() -> None:
    stale = pristine.stale_files(EXERCISES)
    assert not stale, ("grader/catalogue/stubs.json is out of date for " + ", ".join(stale)
                       + ": run `python -m grader.pristine --update`")


@pytest.mark.parametrize("mine", AWKWARD)
def test_reset_then_restore_gives_the_learners_bytes_back(submission: Path, mine: str,
                                                         no_tty: None) -> None:
    target = submission / FIRST.path
    data = mine.encode("utf-8")
    target.write_bytes(data)
    assert main(["reset", FIRST.id, "--yes", "--exercises", str(submission)]) == 0
    assert target.read_bytes() == pristine.original(FIRST.path)  # (== exercises/: tested above)
    assert state.load(submission)["status"][FIRST.id] == "todo"
    backups = list((submission.parent / ".pytorch101" / "backups").rglob(Path(FIRST.path).name))
    assert [b.read_bytes() for b in backups] == [data]
    assert main(["reset", "--restore", FIRST.id, "--yes", "--exercises", str(submission)]) == 0
    assert target.read_bytes() == data


def test_reset_without_yes_refuses_when_it_cannot_ask(submission: Path, no_tty: None,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = submission / FIRST.path
    before = target.read_bytes()
    assert main(["reset", FIRST.id, "--exercises", str(submission)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert not (submission.parent / ".pytorch101" / "backups").exists()


def test_reset_a_chapter_backs_up_every_changed_file(submission: Path, no_tty: None) -> None:
    files = sorted({e.path for e in CHAPTER.exercises})
    mine = {f: (submission / f).read_bytes() for f in files}
    assert main(["reset", CHAPTER.dir, "--yes", "--exercises", str(submission)]) == 0
    for f in files:
        assert (submission / f).read_bytes() == pristine.original(f), f
    stamps = list((submission.parent / ".pytorch101" / "backups").iterdir())
    assert len(stamps) == 1  # one reset, one folder
    for f in files:
        assert (stamps[0] / f).read_bytes() == mine[f], f
    statuses = state.load(submission)["status"]
    assert all(statuses[e.id] == "todo" for e in CHAPTER.exercises)
    # a second reset has nothing to do and backs up nothing
    assert main(["reset", CHAPTER.dir, "--yes", "--exercises", str(submission)]) == 0
    assert len(list((submission.parent / ".pytorch101" / "backups").iterdir())) == 1


def test_restore_keeps_what_it_replaces(submission: Path, no_tty: None) -> None:
    target = submission / FIRST.path
    first, second = b"# version one\n", b"# version two\n"
    target.write_bytes(first)
    assert main(["reset", FIRST.id, "--yes", "--exercises", str(submission)]) == 0
    target.write_bytes(second)  # the learner started again, then wants version one back
    assert main(["reset", "--restore", FIRST.id, "--yes", "--exercises", str(submission)]) == 0
    assert target.read_bytes() == first
    kept = {b.read_bytes() for b in (submission.parent / ".pytorch101" / "backups").rglob("*.py")}
    assert {first, second} <= kept


def test_restore_without_a_backup_says_so(submission: Path, no_tty: None,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset", "--restore", FIRST.id, "--yes", "--exercises", str(submission)]) == 1
    assert "no backup" in capsys.readouterr().err
    assert (submission / FIRST.path).read_bytes() == (SOLUTIONS / FIRST.path).read_bytes()


def test_the_pristine_stub_of_every_file_raises_for_each_of_its_exercises() -> None:
    for exercise in CAT.exercises:
        text = pristine.original(exercise.path).decode("utf-8")
        assert f'NotImplementedError("{exercise.id}")' in text, exercise.id
