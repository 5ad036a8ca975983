"""Handed-in submissions laid out as an exercises folder: kata layout, flat, nested, odd files.

No grading here: ``grader.submissions.lay_out`` only finds and copies files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grader import catalogue
from grader.catalogue import Exercise
from grader.submissions import MAX_FILE_BYTES, lay_out

CAT = catalogue.load()
CHOSEN = [CAT.exercise(i) for i in ("to_python_number", "add_into", "accumulate_")]
ITEM, INPLACE = "01_tensors/03_item.py", "01_tensors/04_inplace.py"


def write(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_kata_layout_and_a_flat_upload_give_the_same_folder(tmp_path: Path) -> None:
    kata, flat = tmp_path / "kata", tmp_path / "flat"
    write(kata / ITEM, "item\n")
    write(kata / INPLACE, "inplace\n")
    write(flat / "03_item.py", "item\n")
    write(flat / "04_inplace.py", "inplace\n")
    for submission, style in ((kata, "kata"), (flat, "flat")):
        layout = lay_out(submission, tmp_path / f"out-{style}", CHOSEN)
        assert layout.style == style and not layout.missing and not layout.notes
        assert (layout.folder / ITEM).read_text() == "item\n"
        assert (layout.folder / INPLACE).read_text() == "inplace\n"


def test_a_submission_under_a_top_folder_is_found(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "my-kata-main" / "exercises" / ITEM)
    layout = lay_out(tmp_path / "sub", tmp_path / "out", CHOSEN)
    assert layout.found == {ITEM: f"my-kata-main/exercises/{ITEM}"}
    assert INPLACE in layout.missing and "not submitted" in layout.missing[INPLACE]
    assert "04_inplace.py at the top level" in layout.missing_message(INPLACE)


def test_an_empty_or_absent_submission_misses_everything(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "absent"):
        layout = lay_out(folder, tmp_path / "out", CHOSEN)
        assert layout.style == "empty" and not layout.found
        assert set(layout.missing) == {ITEM, INPLACE}
    assert "does not exist" in lay_out(tmp_path / "absent", tmp_path / "o", CHOSEN).notes[0]


def test_copies_prefer_the_chapter_folder_and_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "s" / "03_item.py", "flat\n")
    write(tmp_path / "s" / ITEM, "chapter\n")
    write(tmp_path / "s" / "__pycache__" / "04_inplace.py", "cache\n")
    write(tmp_path / "s" / ".git" / "04_inplace.py", "git\n")
    layout = lay_out(tmp_path / "s", tmp_path / "out", CHOSEN)
    assert (layout.folder / ITEM).read_text() == "chapter\n"
    assert layout.notes == [f"several copies of {ITEM}: graded {ITEM}, ignored 03_item.py"]
    assert INPLACE in layout.missing  # nothing taken from caches or hidden folders


def test_links_and_huge_files_are_not_graded(tmp_path: Path) -> None:
    secret = write(tmp_path / "elsewhere" / "reference.py", "SECRET\n")
    write(tmp_path / "s" / "placeholder.txt")
    os.symlink(secret, tmp_path / "s" / "03_item.py")
    write(tmp_path / "s" / "04_inplace.py", "#" * (MAX_FILE_BYTES + 1))
    layout = lay_out(tmp_path / "s", tmp_path / "out", CHOSEN)
    assert not layout.found and not list((tmp_path / "out").rglob("*.py"))
    assert any("03_item.py is a link" in note for note in layout.notes)
    assert "larger than 1024 KiB" in layout.missing[INPLACE]


def test_a_file_name_two_chapters_share_is_placed_by_what_it_defines(tmp_path: Path) -> None:
    """No two chapters share a file name today; the day they do, a flat upload stays right."""
    one = Exercise("first_thing", "01_alpha", "02_same.py", ())
    two = Exercise("second_thing", "02_beta", "02_same.py", ())
    write(tmp_path / "s" / "02_same.py", "def second_thing():\n    return 2\n")
    layout = lay_out(tmp_path / "s", tmp_path / "out", [one, two])
    assert layout.found == {"02_beta/02_same.py": "02_same.py"}
    assert "not submitted" in layout.missing["01_alpha/02_same.py"]

    write(tmp_path / "t" / "02_same.py", "def neither():\n    pass\n")
    layout = lay_out(tmp_path / "t", tmp_path / "out2", [one, two])
    assert not layout.found
    message = layout.missing["01_alpha/02_same.py"]
    assert "could be 01_alpha/02_same.py or 02_beta/02_same.py" in message
    assert "inside its chapter folder" in message

    write(tmp_path / "u" / "02_beta" / "02_same.py", "def neither():\n    pass\n")
    layout = lay_out(tmp_path / "u", tmp_path / "out3", [one, two])
    assert layout.found == {"02_beta/02_same.py": "02_beta/02_same.py"}


def test_the_catalogue_has_no_file_name_in_two_chapters() -> None:
    """Flat uploads are unambiguous today (the content rule above covers a future clash)."""
    names = [e.file for e in CAT.exercises]
    by_name = {}
    for exercise in CAT.exercises:
        by_name.setdefault(exercise.file, set()).add(exercise.chapter)
    assert {n: c for n, c in by_name.items() if len(c) > 1} == {}, names


@pytest.mark.parametrize("name", ["03_item.py", "notes.py", "README.md"])
def test_unrelated_files_are_ignored(tmp_path: Path, name: str) -> None:
    write(tmp_path / "s" / "misc" / "deep" / name)
    layout = lay_out(tmp_path / "s", tmp_path / "out", [CAT.exercise("add_into")])
    assert not layout.found and not layout.notes
