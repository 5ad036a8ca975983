"""`pytorch101 watch`: re-grades on save, moves on, polls where it must; the warm grader grades
exactly like `pytorch101 check` (it calls the same function)."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grader import catalogue, watching
from grader.runner import Options, grade
from grader.warm import WarmGrader

from conftest import EXERCISES, REPO, SOLUTIONS

CAT = catalogue.load()
FIRST = CAT.exercises[0]
SECOND = next(e for e in CAT.exercises if e.path != FIRST.path)
VERDICT = re.compile(r"^. (\w+): (passed|failed|todo|error|timeout|skipped) \(")


class Watch:
    """`pytorch101 watch` in a subprocess with a pipe for stdout (so: no keys, no colours)."""

    def __init__(self, folder: Path, *extra: str) -> None:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", "watch", "--poll", "--interval", "0.05",
             "--exercises", str(folder), "--solutions", str(SOLUTIONS), *extra],
            cwd=folder.parent, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def verdict(self, timeout: float = 180) -> tuple[str, str]:
        """The next verdict line: (exercise id, status)."""
        end = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(end - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError("no verdict; watch said:\n" + "".join(self.seen)) from None
            self.seen.append(line)
            found = VERDICT.match(line)
            if found:
                return found.group(1), found.group(2)

    def close(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        return self.process.wait(timeout=60)


@pytest.fixture
def learner(tmp_path: Path) -> Path:
    """Reference solutions everywhere except the first two files, which are stubs."""
    folder = tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, folder)
    for exercise in (FIRST, SECOND):
        shutil.copy(EXERCISES / exercise.path, folder / exercise.path)
    return folder


def test_watch_regrades_on_save_and_moves_on(learner: Path) -> None:
    before = {p: p.read_bytes() for p in learner.rglob("*.py")}
    watch = Watch(learner)
    try:
        assert watch.verdict() == (FIRST.id, "todo")
        # a wrong answer first: the verdict changes from todo to failed (or error)
        (learner / FIRST.path).write_text((EXERCISES / FIRST.path).read_text().replace(
            f'raise NotImplementedError("{FIRST.id}")', "return None"))
        exercise_id, status = watch.verdict()
        assert exercise_id == FIRST.id and status in ("failed", "error")
        shutil.copy(SOLUTIONS / FIRST.path, learner / FIRST.path)
        assert watch.verdict() == (FIRST.id, "passed")
        # it moves on by itself: the rest of FIRST's file passes, then SECOND is a stub
        while True:
            exercise_id, status = watch.verdict()
            if status != "passed":
                break
        assert (exercise_id, status) == (SECOND.id, "todo")
    finally:
        watch.close()
    text = "".join(watch.seen)
    assert f"Next up: {SECOND.id}" in text or SECOND.id in text
    assert "\033[" not in text  # not a terminal and NO_COLOR: plain
    progress = (learner.parent / ".pytorch101" / "progress.toml").read_text()
    assert f'{FIRST.id} = "passed"' in progress and f'{SECOND.id} = "todo"' in progress
    # it never wrote to the learner's files (only the test did, to FIRST's file)
    for path, data in before.items():
        if path != learner / FIRST.path:
            assert path.read_bytes() == data, path


def test_watch_once_reports_the_first_save_and_switches_to_the_saved_file(learner: Path) -> None:
    watch = Watch(learner, "--once")
    try:
        assert watch.verdict() == (FIRST.id, "todo")
        shutil.copy(SOLUTIONS / SECOND.path, learner / SECOND.path)  # save another exercise
        exercise_id, status = watch.verdict()
        assert (exercise_id, status) == (SECOND.id, "passed")
        assert watch.process.wait(timeout=60) == 0
    finally:
        watch.close()
    assert f"You saved {SECOND.path}" in "".join(watch.seen)


def test_the_warm_grader_gives_the_same_report_as_grade(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, folder)
    target = folder / FIRST.path
    target.write_text(target.read_text() + f"\n\ndef {FIRST.id}(*args, **kwargs):\n"
                      "    return 'not a tensor'\n")
    options = Options(exercises=str(folder), solutions=str(SOLUTIONS))
    chosen = [FIRST, SECOND]
    direct = grade(chosen, options)
    warm = WarmGrader(options).grade(chosen)
    assert warm.crashed is None and direct.crashed is None
    assert [(r.id, r.status, r.message) for r in warm.results] == [
        (r.id, r.status, r.message) for r in direct.results]
    assert warm.results[0].status == "failed"


def test_a_rehearsed_warm_grader_shrinks_to_the_same_inputs_as_a_cold_check(tmp_path: Path) -> None:
    """watch's parent process has graded once already (WarmGrader.warm rehearses): its children
    must still draw and shrink exactly the examples a fresh `pytorch101 check` does."""
    folder = tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, folder)
    wrong = {"reshape_rows": "def reshape_rows(t, width):\n    return t.reshape(-1, 1)\n",
             "add_into": "def add_into(x, y, out):\n    return out.add_(y)\n",  # forgets x
             # float64 values lose digits (an explicit example of the check shows it)
             "to_python_number": "def to_python_number(t):\n"
                                 "    if t.numel() != 1:\n"
                                 "        raise ValueError(t.numel())\n"
                                 "    return t.float().item() if t.dtype == torch.float64 "
                                 "else t.item()\n"}
    chosen = [CAT.exercise(i) for i in wrong]
    for exercise in chosen:
        target = folder / exercise.path
        target.write_text(target.read_text() + "\n\n" + wrong[exercise.id])
    options = Options(exercises=str(folder), solutions=str(SOLUTIONS))
    grader = WarmGrader(options)
    grader.warm()
    warm = grader.grade(chosen)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    cold = subprocess.run([sys.executable, "-m", "grader", "check", *wrong, "--exercises",
                           str(folder), "--solutions", str(SOLUTIONS), "--format", "json"],
                          env=env, capture_output=True, text=True, cwd=tmp_path)
    results = json.loads(cold.stdout)["results"]
    assert sorted((r["id"], r["status"], r["message"]) for r in results) == sorted(
        (r.id, r.status, r.message) for r in warm.results)
    assert [r.status for r in warm.results] == ["failed"] * 3
    assert "float64" in warm.results[2].message


def test_polling_is_chosen_where_file_events_do_not_arrive(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "version").write_text("Linux version 6.1 (gcc)")
    (proc / "mounts").write_text("/dev/vda / ext4 rw 0 0\n"
                                 "server:/home /home/me/share nfs4 rw 0 0\n"
                                 "C:\\134 /mnt/c 9p rw 0 0\n"
                                 "overlay /work\\040dir overlay rw 0 0\n")
    assert watching.polling_reason(Path("/home/me/share/kata/exercises"), proc) is not None
    assert "NFS" in watching.polling_reason(Path("/home/me/share/x"), proc)
    assert watching.polling_reason(Path("/mnt/c/Users/me/kata"), proc) is not None
    assert watching.polling_reason(Path("/work dir/kata"), proc) is not None
    assert watching.polling_reason(Path("/home/me/kata"), proc) is None
    (proc / "mounts").write_text("/dev/sdc / ext4 rw 0 0\nC: /mnt/c ext4 rw 0 0\n")
    assert watching.polling_reason(Path("/mnt/c/kata"), proc) is None
    (proc / "version").write_text("Linux version 5.15.90.1-microsoft-standard-WSL2")
    assert "WSL" in watching.polling_reason(Path("/mnt/c/kata"), proc)
    assert watching.polling_reason(Path("/home/me/kata"), proc) is None


def test_snapshots_see_saves_but_not_deletions(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n")
    before = watching.snapshot([a, b])
    b.write_text("y = 2\n")
    a.write_text("x = 10\n")
    after = watching.snapshot([a, b])
    assert watching.changed(before, after) == [a, b]
    a.unlink()
    assert watching.changed(after, watching.snapshot([a, b])) == []


def test_a_save_that_truncates_then_writes_is_graded_once(learner: Path) -> None:
    """Editors and Path.write_text truncate the file, then write it: in between it is empty.
    Watch must grade what was saved once, not the empty moment and then the save again."""
    watch = Watch(learner, FIRST.id, "--stay")
    try:
        assert watch.verdict() == (FIRST.id, "todo")
        with open(learner / FIRST.path, "wb") as file:  # truncated: empty from here...
            file.flush()
            time.sleep(0.3)  # ...for several polls (every 0.05 s), as a slow disk would leave it
            file.write((SOLUTIONS / FIRST.path).read_bytes())
        assert watch.verdict() == (FIRST.id, "passed")
        with pytest.raises(AssertionError, match="no verdict"):
            watch.verdict(timeout=3)  # and no second verdict for the same save
    finally:
        watch.close()
