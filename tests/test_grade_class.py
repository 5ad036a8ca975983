"""`pytorch101 grade-class`: a folder of students into a CSV and JSON gradebook.

Five students graded two at a time on three exercises: a right one, a syntax error, one whose
code hangs and floods its output, one whose file kills its worker at import, and an empty
folder. Each costs only its own exercises; `--resume` grades only the newcomers; the overall time
limit stops a student's run; `--container` builds its command line right and says plainly when
no engine runs.
"""

from __future__ import annotations

import csv
import json
import shutil
import stat
from pathlib import Path

import psutil
import pytest
from conftest import SOLUTIONS, run_cli

from grader import catalogue
from grader.classroom import Container, ContainerUnavailable, find_container

IDS = ("to_python_number", "add_into", "accumulate_")
CAT = catalogue.load()
ITEM, INPLACE = (CAT.exercise(i).path for i in ("to_python_number", "add_into"))
FAST = {"PYTORCH101_TIMEOUT_SCALE": "0.3"}
"""Exercise limits x0.3 (10 s -> 3 s): the hanging student's exercise times out quickly."""

HANG_AND_FLOOD = """
import torch


def to_python_number(t):
    while True:
        pass


def add_into(x, y, out):
    import sys
    for _ in range(64):
        sys.stdout.write("spam " * 50_000 + "\\n")
    return torch.add(x, y, out=out)


def accumulate_(acc, x):
    return acc.add_(x)
"""


def put(folder: Path, relative: str, text: str | None = None, source: str | None = None) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else (SOLUTIONS / source).read_text())


@pytest.fixture
def klass(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    put(folder / "alice", ITEM, source=ITEM)  # right, in the kata's layout
    put(folder / "alice", INPLACE, source=INPLACE)
    put(folder / "bob", "03_item.py", source=ITEM)  # flat; a syntax error in the other file
    put(folder / "bob", "04_inplace.py", "def add_into(x, y, out):\n    return torch.add(x y)\n")
    put(folder / "carol" / "my-kata", ITEM, HANG_AND_FLOOD)  # hangs and floods, under a folder
    put(folder / "carol" / "my-kata", INPLACE, HANG_AND_FLOOD)
    put(folder / "dave", "03_item.py", "import os\nos._exit(9)\n")  # kills its worker at import
    put(folder / "dave", "04_inplace.py", source=INPLACE)
    (folder / "erin").mkdir()  # nothing handed in
    (folder / "frank.zip").write_bytes(b"PK")  # not a folder: skipped, said so
    return folder


def grade_class(folder: Path, out: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli("grade-class", str(folder), "--output", str(out), "--only", *IDS, *args,
                   env={**FAST, **(env or {})})


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_a_class_is_graded_into_a_gradebook(klass: Path, tmp_path: Path) -> None:
    out = tmp_path / "book" / "gradebook.csv"
    result = grade_class(klass, out, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "frank.zip: a file, not a student's folder" in result.stderr
    with open(out, newline="", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    assert header == ["student", "score", "max_score", *IDS]
    rows = {row["student"]: row for row in read_csv(out)}
    assert list(rows) == ["alice", "bob", "carol", "dave", "erin"]
    statuses = {name: [row[i] for i in IDS] for name, row in rows.items()}
    assert statuses == {
        "alice": ["passed", "passed", "passed"],
        "bob": ["passed", "error", "error"],
        "carol": ["timeout", "error", "passed"],
        "dave": ["error", "passed", "passed"],
        "erin": ["todo", "todo", "todo"],
    }
    assert {name: (row["score"], row["max_score"]) for name, row in rows.items()} == {
        "alice": ("3", "3"), "bob": ("1", "3"), "carol": ("1", "3"), "dave": ("2", "3"),
        "erin": ("0", "3")}

    book = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert book["exercises"] == list(IDS) and sorted(book["students"]) == list(rows)
    messages = {name: {r["id"]: r["message"] for r in record["results"]}
                for name, record in book["students"].items()}
    assert "invalid syntax" in messages["bob"]["add_into"]
    assert "did not finish within 3 s" in messages["carol"]["to_python_number"]
    assert "printed more than 1024 KiB" in messages["carol"]["add_into"]
    assert "exited with status 9" in messages["dave"]["to_python_number"]
    assert "not submitted" in messages["erin"]["accumulate_"]
    assert book["students"]["carol"]["files"] == {ITEM: f"my-kata/{ITEM}",
                                                  INPLACE: f"my-kata/{INPLACE}"}
    assert book["students"]["bob"]["layout"] == "flat"
    assert not list(out.parent.glob("*.partial")) and not list(out.parent.glob(".*.tmp"))

    # A newcomer, and a run resumed: only the newcomer is graded, the rest is kept as it was.
    put(klass / "gina", ITEM, source=ITEM)
    before = out.read_text(encoding="utf-8")
    again = grade_class(klass, out, "--resume")
    assert again.returncode == 0, again.stderr
    assert "grading 1 students (5 already in" in again.stderr
    rows_again = read_csv(out)
    assert [r["student"] for r in rows_again] == ["alice", "bob", "carol", "dave", "erin", "gina"]
    assert [r[i] for r in rows_again[-1:] for i in IDS] == ["passed", "todo", "todo"]
    assert out.read_text(encoding="utf-8").startswith(before)
    book = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert sorted(book["students"]) == [r["student"] for r in rows_again]
    assert "invalid syntax" in book["students"]["bob"]["results"][1]["message"]


def test_a_run_past_the_students_time_limit_is_stopped(klass: Path, tmp_path: Path) -> None:
    only_alice = tmp_path / "one"
    shutil.copytree(klass / "alice", only_alice / "alice")
    out = tmp_path / "book.csv"
    result = grade_class(only_alice, out, "--time-limit", "2")
    assert result.returncode == 0, result.stderr
    assert "[time limit]" in result.stderr
    row = read_csv(out)[0]
    assert [row[i] for i in IDS] == ["timeout"] * 3 and row["score"] == "0"
    record = json.loads(out.with_suffix(".json").read_text())["students"]["alice"]
    assert record["run"] == "time limit"
    assert "past its time limit of 2 s" in record["results"][0]["message"]
    leftovers = [p for p in psutil.process_iter(["cmdline"])
                 if any("pytorch101-class-" in part for part in p.info["cmdline"] or [])]
    assert not leftovers  # the student's run and its workers were all stopped


def test_resuming_a_gradebook_of_other_exercises_is_refused(klass: Path, tmp_path: Path) -> None:
    out = tmp_path / "book.csv"
    out.write_text("student,score,max_score,make_tensor\nzoe,1,1,passed\n")
    result = grade_class(klass, out, "--resume")
    assert result.returncode == 2 and "grades other exercises (make_tensor)" in result.stderr
    assert out.read_text().startswith("student,score,max_score,make_tensor")


def test_the_container_command_line() -> None:
    engine = Container("/usr/bin/podman", "course/grader:1")
    command = engine.command("pytorch101-abc", Path("/tmp/w/exercises"), Path("/tmp/r"),
                             ["add_into", "accumulate_"])
    assert command[:4] == ["/usr/bin/podman", "run", "--rm", "--name"]
    joined = " ".join(command)
    for part in ("--network none", "-v /tmp/w/exercises:/submission:ro", "-v /tmp/r:/report",
                 "-e PYTORCH101_LEARNER_USER=learner",
                 "course/grader:1 /autograder/source/.venv/bin/python -m grader check "
                 "add_into accumulate_ --format json --exercises /submission --solutions "
                 "/autograder/source/solutions --output /report/report.json"):
        assert part in joined, part


def fake_engine(folder: Path, name: str, script: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return folder


NO_DAEMON = ('case "$1" in info) echo "Cannot connect to the Docker daemon at '
             'unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1;; '
             'esac\nexit 0\n')
NO_IMAGE = 'case "$1" in image) echo "Error: No such image" >&2; exit 1;; esac\nexit 0\n'


def test_no_container_engine_is_said_plainly(klass: Path, tmp_path: Path) -> None:
    with pytest.raises(ContainerUnavailable, match="neither is installed"):
        find_container("auto", which=lambda name: None)
    bin_dir = fake_engine(tmp_path / "bin", "docker", NO_DAEMON)
    with pytest.raises(ContainerUnavailable, match="docker is installed, but its engine is "
                                                   "not running.*Cannot connect"):
        find_container("docker", which=lambda name: str(bin_dir / name)
                       if (bin_dir / name).exists() else None)
    other = fake_engine(tmp_path / "other", "podman", NO_IMAGE)
    with pytest.raises(ContainerUnavailable, match="podman has no image 'pytorch101-grader'"):
        find_container("auto", which=lambda name: str(other / name)
                       if (other / name).exists() else None)
    works = fake_engine(tmp_path / "works", "podman", "exit 0\n")
    found = find_container("auto", "img", which=lambda name: str(works / name)
                           if (works / name).exists() else None)
    assert found.engine == str(works / "podman") and found.image == "img"

    # Through the command line, with only the engine-less docker on PATH.
    result = run_cli("grade-class", str(klass), "--output", str(tmp_path / "b.csv"),
                     "--container", env={"PATH": str(bin_dir)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "docker is installed, but its engine is not running" in result.stderr
    assert "grade without --container" in result.stderr
    assert not (tmp_path / "b.csv").exists()


def test_check_json_to_a_file_is_written_before_and_during_grading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What lets grade-class keep the exercises graded before a student's run was stopped."""
    from grader.cli import main

    out = tmp_path / "report.json"
    seen = {}

    def broken_grade(chosen, options, progress=None):  # type: ignore[no-untyped-def]
        seen.update(json.loads(out.read_text()))
        raise RuntimeError("stopped here")

    monkeypatch.setattr("grader.runner.grade", broken_grade)
    assert main(["check", *IDS, "--exercises", "solutions", "--format", "json",
                 "--output", str(out)]) == 1
    assert seen["crashed"] and [r["status"] for r in seen["results"]] == ["error"] * 3
    assert all(r["message"].startswith("not graded:") for r in seen["results"])
    assert "stopped here" in json.loads(out.read_text())["crashed"]
