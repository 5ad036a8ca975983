"""A hostile learner's file costs only its own exercises, and the report is always written.

Each test grades a copy of the reference solutions in which ONE file of chapter 1 was changed to
misbehave (exit, crash, flood the output, exhaust memory, never return...). The changed file's
exercise must get ``error`` or ``timeout`` with the cause in plain words; the exercises of the
other files, graded in the same run, must keep their true verdict (``passed``); no process the
learner's code started may outlive the grading.
"""

from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path

import pytest
from conftest import grade_ids, run_cli

from grader import catalogue

VICTIM = "to_python_number"
"""The one stub of 01_tensors/03_item.py: the exercise the hostile code replaces."""
NEIGHBOURS = ("new_from_data", "add_into")
"""Exercises of other chapter-1 files graded in the same run: they must still pass."""
FAST = {"PYTORCH101_TIMEOUT_SCALE": "0.3"}
"""Exercise time limits x0.3 (10 s -> 3 s) where a test waits for a timeout."""


def hostile(submission: Path, exercise_id: str, code: str) -> Path:
    """Append ``code`` to the file holding ``exercise_id`` (a later ``def`` replaces the stub)."""
    path = submission / catalogue.load().exercise(exercise_id).path
    path.write_text(path.read_text() + "\n\n" + textwrap.dedent(code).strip() + "\n")
    return path


def own_children() -> list[int]:
    """Live (not zombie) processes whose parent is this test process."""
    import psutil

    return [child.pid for child in psutil.Process().children() if running(child.pid)]


# (name, code appended to 03_item.py, expected status, words the message must contain)
CASES = [
    ("sys_exit_at_import", """
        import sys
        sys.exit(3)
     """, "error", ["sys.exit()", "while loading"]),
    ("os_exit_at_import", """
        import os
        os._exit(5)
     """, "error", ["exited with status 5"]),
    ("endless_loop_at_import", """
        while True:
            pass
     """, "timeout", ["did not finish within 3 s"]),
    ("os_exit_in_function", """
        def to_python_number(t):
            import os
            os._exit(7)
     """, "error", ["exited with status 7"]),
    ("segfault", """
        def to_python_number(t):
            import ctypes
            return ctypes.string_at(0)
     """, "error", ["segmentation fault"]),
    ("keyboard_interrupt_in_function", """
        def to_python_number(t):
            raise KeyboardInterrupt
     """, "error", ["raised KeyboardInterrupt", "must return a value"]),
    ("system_exit_in_function", """
        def to_python_number(t):
            raise SystemExit(4)
     """, "error", ["raised SystemExit", "must return a value"]),
    ("prints_megabytes", """
        def to_python_number(t):
            import sys
            for _ in range(64):
                sys.stdout.write("spam " * 50_000 + "\\n")
            return t.item()
     """, "error", ["printed more than 1024 KiB", "spam spam"]),
    ("allocates_a_terabyte_tensor", """
        def to_python_number(t):
            import torch
            return torch.empty(10**12).sum().item()
     """, "error", ["ran out of memory"]),
    ("thread_that_never_ends", """
        def to_python_number(t):
            import threading

            def spin():
                while True:
                    pass

            worker = threading.Thread(target=spin)
            worker.start()
            worker.join()
     """, "timeout", ["did not finish within 3 s"]),
    ("endless_loop", """
        def to_python_number(t):
            while True:
                pass
     """, "timeout", ["did not finish within 3 s", "endless loop"]),
]


@pytest.mark.parametrize("name, code, status, words", CASES, ids=[c[0] for c in CASES])
def test_a_hostile_file_costs_only_its_own_exercise(submission: Path, monkeypatch, name: str,
                                                    code: str, status: str,
                                                    words: list[str]) -> None:
    for key, value in FAST.items():
        monkeypatch.setenv(key, value)
    hostile(submission, VICTIM, code)
    before = own_children()
    results = grade_ids([VICTIM, *NEIGHBOURS], exercises=str(submission))
    victim = results[VICTIM]
    assert victim.status == status, victim.message
    for word in words:
        assert word in victim.message, victim.message
    assert {i: results[i].status for i in NEIGHBOURS} == dict.fromkeys(NEIGHBOURS, "passed")
    assert set(own_children()) <= set(before)  # every worker (and what it started) is gone


def test_a_thread_spinning_from_import_does_not_stall_grading(submission: Path) -> None:
    hostile(submission, VICTIM, """
        import threading

        def _spin():
            while True:
                pass

        threading.Thread(target=_spin).start()
    """)
    before = own_children()
    results = grade_ids([VICTIM, *NEIGHBOURS], exercises=str(submission))
    assert {i: r.status for i, r in results.items()} == dict.fromkeys(results, "passed")
    assert set(own_children()) <= set(before)


def running(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the learner's code forks (POSIX only)")
def test_a_process_that_leaves_the_group_dies_with_its_worker(submission: Path) -> None:
    marker = submission / "orphan.pid"
    hostile(submission, VICTIM, f"""
        def to_python_number(t):
            import os, time
            if os.fork() == 0:
                os.setsid()  # out of the worker's process group: killpg no longer reaches it
                with open({str(marker)!r} + ".tmp", "w") as f:
                    f.write(str(os.getpid()))
                os.rename({str(marker)!r} + ".tmp", {str(marker)!r})
                while True:
                    pass
            while not os.path.exists({str(marker)!r}):
                time.sleep(0.01)
            return "not a number"
    """)
    results = grade_ids([VICTIM], exercises=str(submission))
    assert results[VICTIM].status == "failed"
    orphan = int(marker.read_text())
    deadline = time.monotonic() + 5
    while running(orphan) and time.monotonic() < deadline:
        time.sleep(0.05)
    survived = running(orphan)
    if survived:
        os.kill(orphan, 9)
    assert not survived, "a process started by the learner's code outlived the grading"


def test_the_json_report_is_written_whatever_the_files_do(submission: Path,
                                                          tmp_path: Path) -> None:
    """Several hostile files at once, graded by the CLI: each costs only its own exercises."""
    hostile(submission, "make_tensor", """
        def make_tensor(*args, **kwargs):
            import os, signal
            os.kill(os.getppid(), signal.SIGKILL)  # try to kill the grader itself
            return None
    """)
    hostile(submission, "new_like", "import sys\nsys.exit(0)")
    hostile(submission, VICTIM, """
        def to_python_number(t):
            import ctypes
            return ctypes.string_at(0)
    """)
    hostile(submission, "add_into", """
        def add_into(x, y, out):
            print("spam\\n" * 1_000_000)
    """)
    hostile(submission, "take_column", """
        def take_column(*args, **kwargs):
            while True:
                pass
    """)
    expected = {"make_tensor": "failed", "new_like": "error", "new_from_data": "error",
                VICTIM: "error", "add_into": "error", "accumulate_": "passed",
                "take_column": "timeout", "reshape_rows": "passed"}
    report = tmp_path / "report.json"
    result = run_cli("check", *expected, "--exercises", str(submission), "--format", "json",
                     "--output", str(report), env=FAST)
    assert result.returncode == 1, result.stderr
    data = json.loads(report.read_text())
    statuses = {r["id"]: r["status"] for r in data["results"]}
    assert statuses == expected, data
    messages = {r["id"]: r["message"] for r in data["results"]}
    assert "may only signal its own processes" in messages["make_tensor"]
    assert "sys.exit()" in messages["new_like"]
    assert "segmentation fault" in messages[VICTIM]
    assert "printed more than" in messages["add_into"]
    assert "did not finish" in messages["take_column"]
    assert data["summary"]["total"] == len(expected)
