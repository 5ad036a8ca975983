"""`pytorch101 watch` driven by key presses in a real pseudo-terminal: h shows the hint levels one
after the other, n skips ahead, l lists, r re-grades, q quits (also in the middle of a grading),
and the terminal is left as it was found."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="a pseudo-terminal is POSIX only (Windows: see "
                                        "test_platforms' console test)")
termios = pytest.importorskip("termios")

from grader import catalogue

from conftest import EXERCISES, REPO, SOLUTIONS

CAT = catalogue.load()
FIRST = CAT.exercises[0]
FOLLOWING = CAT.exercises[1]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class TerminalWatch:
    """`pytorch101 watch` whose stdin, stdout and stderr are a pseudo-terminal we type into."""

    def __init__(self, folder: Path) -> None:
        self.master, slave = pty.openpty()
        self.slave_modes = termios.tcgetattr(slave)
        env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO), "TERM": "dumb"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", "watch", "--poll", "--interval", "0.05",
             "--exercises", str(folder), "--solutions", str(SOLUTIONS)],
            cwd=folder.parent, env=env, stdin=slave, stdout=slave, stderr=slave,
            start_new_session=True)
        self.slave = slave
        self.text = ""
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 4096)
            except OSError:  # EIO: the last process holding the terminal is gone
                return
            if not data:
                return
            with self._lock:
                self.text += ANSI.sub("", data.decode("utf-8", "replace"))

    def wait_for(self, pattern: str, after: int = 0, timeout: float = 180) -> int:
        """Wait until ``pattern`` appears past offset ``after``; returns the offset past it."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                found = re.search(pattern, self.text[after:])
                if found:
                    return after + found.end()
            if self.process.poll() is not None:
                time.sleep(0.2)  # let the reader take the last output
                with self._lock:
                    found = re.search(pattern, self.text[after:])
                if found:
                    return after + found.end()
                break
            time.sleep(0.02)
        raise AssertionError(f"{pattern!r} did not appear; the terminal shows:\n{self.text}")

    def press(self, key: str) -> int:
        """Type a key; returns the output offset at that moment."""
        with self._lock:
            offset = len(self.text)
        os.write(self.master, key.encode())
        return offset

    def close(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait(timeout=60)
        os.close(self.slave)
        os.close(self.master)
        return code


@pytest.fixture
def learner(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, folder)
    shutil.copy(EXERCISES / FIRST.path, folder / FIRST.path)  # the first file is a stub again
    return folder


def test_keys_in_a_terminal(learner: Path) -> None:
    watch = TerminalWatch(learner)
    try:
        watch.wait_for(rf"{FIRST.id}: todo")
        assert "[h] hint" in watch.text  # keys are offered on a terminal
        for level in (1, 2):  # each h shows the next level, remembered in the progress file
            watch.wait_for(rf"hints seen: {level}/{len(FIRST.hints)}", watch.press("h"))
        assert "Hint 2/" in watch.text or "2/3" in watch.text
        words = " ".join(watch.text.split())  # the hint is wrapped to the terminal's width
        assert " ".join(FIRST.hints[1].split()[:6]) in words
        at = watch.wait_for(rf"Skipped ahead to {FOLLOWING.id}", watch.press("n"))
        watch.wait_for(rf"{FOLLOWING.id}: (passed|todo|failed)", at)
        watch.wait_for(r"overall|\d+/\d+", watch.press("l"))
        watch.wait_for(rf"{FOLLOWING.id}: \w+ \(", watch.press("r"))
        watch.wait_for(r"Bye!", watch.press("q"))
        assert watch.process.wait(timeout=30) == 0
        # cbreak mode was undone: the terminal is back in its original (line) mode
        assert termios.tcgetattr(watch.slave)[3] == watch.slave_modes[3]
    finally:
        watch.close()
    progress = (learner.parent / ".pytorch101" / "progress.toml").read_text()
    assert re.search(rf"{FIRST.id} = 2\b", progress), progress


def test_q_stops_a_grading_in_progress(learner: Path) -> None:
    watch = TerminalWatch(learner)
    try:
        watch.wait_for(rf"{FIRST.id}: todo")
        watch.wait_for(r"Grading all \d+ exercises", watch.press("c"))  # many seconds
        started = time.monotonic()
        watch.wait_for(r"Stopped\.", watch.press("q"))  # back to the current exercise
        assert time.monotonic() - started < 15
        watch.wait_for(r"Bye!", watch.press("q"))
        assert watch.process.wait(timeout=30) == 0
    finally:
        watch.close()
