"""The grader on platforms other than Linux, simulated here (tests/platform_sim/sitecustomize.py).

Windows-like: no POSIX-only module, no fork, no process groups, no SIGKILL/SIGALRM, no select on
pipes, no parent-death signal. macOS-like: RLIMIT_AS refused, /proc and /sys unreadable, no
parent-death signal. Every command must run, and check's verdicts and messages must equal the
ones on Linux; what the platform lacks is said once, as the grader's limit.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, SOLUTIONS, run_cli

from grader import catalogue

SIM = REPO / "tests" / "platform_sim"
POSIX_ONLY = {"resource", "termios", "tty", "fcntl", "pwd", "grp", "pty", "posix", "crypt",
              "syslog", "nis", "spwd", "ossaudiodev", "_posixsubprocess"}
ON_LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"),
                              reason="simulates the other platforms on Linux")
IDS = ("make_tensor", "to_python_number", "add_into", "accumulate_", "take_column")


def simulated(platform: str, **extra: str) -> dict[str, str]:
    path = os.pathsep.join([str(SIM), str(REPO), os.environ.get("PYTHONPATH", "")])
    return {"PYTORCH101_SIMULATE": platform, "PYTHONPATH": path, **extra}


def graded(submission: Path, env: dict[str, str] | None = None) -> tuple[dict, dict]:
    """(results by id without durations, summary) of `check --format json` on IDS."""
    result = run_cli("check", *IDS, "--exercises", str(submission), "--format", "json", env=env)
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    results = {r["id"]: {k: v for k, v in r.items() if k != "duration"} for r in data["results"]}
    return results, {**data["summary"], "notes": data.get("notes", [])}


def with_mistakes(submission: Path) -> Path:
    """A submission with a wrong answer, an unstarted stub, a crash and a right answer."""
    cat = catalogue.load()
    stub = REPO / "exercises" / cat.exercise("make_tensor").path
    (submission / cat.exercise("make_tensor").path).write_text(stub.read_text())
    for exercise_id, code in {
        "to_python_number": "def to_python_number(t):\n    return float(t)\n",
        "add_into": "def add_into(x, y, out):\n    return x + y\n",
        "accumulate_": "def accumulate_(acc, x):\n    import ctypes\n    return ctypes.string_at(0)\n",
    }.items():
        path = submission / cat.exercise(exercise_id).path
        path.write_text(path.read_text() + "\n\n" + code)
    return submission


def test_no_grader_module_imports_a_posix_only_module_at_module_level() -> None:
    found = []
    for path in sorted((REPO / "grader").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found += [f"{path.relative_to(REPO)}: {n}" for n in names
                      if n.partition(".")[0] in POSIX_ONLY]
    assert not found


@pytest.mark.parametrize("platform", ["windows", "macos"])
@ON_LINUX
def test_every_command_runs(platform: str, stubs: Path) -> None:
    env = simulated(platform)
    first = catalogue.load().exercises[0].id
    for args in (["--help"], ["--version"], ["list", "--exercises", str(stubs)],
                 ["hint", first, "--exercises", str(stubs)], ["cheatsheet", "01_tensors"],
                 ["doctor", "--no-watch-test", "--exercises", str(stubs)]):
        result = run_cli(*args, env=env)
        assert result.returncode in (0, 1), (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr, (args, result.stderr)
    assert "Traceback" not in _watch_once(stubs, first, env)


def _watch_once(folder: Path, exercise_id: str, env: dict[str, str]) -> str:
    """Run `watch --once`, save the exercise's file once it watches, return all it printed."""
    full_env = {**os.environ, "NO_COLOR": "1", **env}
    watch = subprocess.Popen([sys.executable, "-m", "grader", "watch", exercise_id, "--once",
                              "--poll", "--interval", "0.1", "--exercises", str(folder)],
                             cwd=REPO, env=full_env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    path = folder / catalogue.load().exercise(exercise_id).path
    lines = []
    for line in watch.stdout:
        lines.append(line)
        if line.startswith("Watching"):
            time.sleep(0.3)
            path.write_text(path.read_text() + "\n# saved\n")
    watch.wait(timeout=300)
    text = "".join(lines)
    assert watch.returncode in (0, 1), text
    return text


@pytest.mark.slow
@pytest.mark.parametrize("platform", ["windows", "macos"])
@ON_LINUX
def test_verdicts_and_messages_equal_linux_ones(platform: str, submission: Path) -> None:
    with_mistakes(submission)
    linux, linux_summary = graded(submission)
    other, other_summary = graded(submission, simulated(platform))
    assert other == linux
    assert {i: r["status"] for i, r in linux.items()} == {
        "make_tensor": "todo", "to_python_number": "failed", "add_into": "failed",
        "accumulate_": "error", "take_column": "passed"}
    assert other_summary["sandbox"] == ("spawn" if platform == "windows" else "fork")
    notes = other_summary["notes"]
    assert len(notes) == 1 and "cannot cap a worker's address space" in notes[0]
    assert linux_summary["notes"] == []


@pytest.mark.slow
@ON_LINUX
def test_a_growing_allocation_is_stopped_at_the_limit_by_the_watchdog(submission: Path) -> None:
    """macOS refuses RLIMIT_AS: the grader watches the worker's memory and stops it instead."""
    victim = catalogue.load().exercise("to_python_number")
    path = submission / victim.path
    path.write_text(path.read_text() + "\n\ndef to_python_number(t):\n"
                    "    import torch\n    hoard = []\n    while True:\n"
                    "        hoard.append(torch.ones(1 << 25))\n")
    result = run_cli("check", victim.id, "--exercises", str(submission), "--format", "json",
                     env=simulated("macos", PYTORCH101_MEMORY_LIMIT="1"))
    data = json.loads(result.stdout)["results"][0]
    assert data["status"] == "error" and "ran out of memory" in data["message"], data


def _children_of(pid: int) -> list[int]:
    import psutil

    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


@pytest.mark.slow
@pytest.mark.parametrize("platform", ["windows", "macos"])
@ON_LINUX
def test_workers_die_with_the_grader_without_a_parent_death_signal(platform: str,
                                                                   submission: Path) -> None:
    """The grader is killed mid-check: its workers (and their children) must end on their own
    (their lifeline, the request pipe, closes), though nothing kills them."""
    import psutil

    victim = catalogue.load().exercise("to_python_number")
    path = submission / victim.path
    path.write_text(path.read_text() + "\n\ndef to_python_number(t):\n    while True:\n"
                    "        pass\n")
    env = {**os.environ, **simulated(platform), "NO_COLOR": "1"}
    grader = subprocess.Popen([sys.executable, "-m", "grader", "check", victim.id,
                               "--exercises", str(submission)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline:
        workers = _children_of(grader.pid)
        busy = [w for w in workers if _cpu_bound(w)]
        if busy:
            break
        time.sleep(0.2)
    assert workers, "no worker started"
    grader.kill()
    grader.wait()
    end = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < end:
        alive = [w for w in alive if _running(w)]
        time.sleep(0.1)
    for pid in alive:
        psutil.Process(pid).kill()
    assert not alive, "workers outlived the grader"


def _cpu_bound(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).cpu_percent(interval=0.2) > 50
    except psutil.Error:
        return False


def _running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


WINDOWS = ("\\", "/")


@pytest.mark.parametrize("path, expected", [
    ("C:\\Users\\ann\\kata\\solutions\\x.py", ["C:\\Users\\ann\\kata\\solutions\\x.py",
                                              "C:\\Users\\ann\\kata\\solutions",
                                              "C:\\Users\\ann\\kata", "C:\\Users\\ann",
                                              "C:\\Users", "C:\\"]),
    ("d:/kata/solutions", ["d:\\kata\\solutions", "d:\\kata", "d:\\"]),
    ("\\\\server\\share\\kata\\x", ["\\\\server\\share\\kata\\x", "\\\\server\\share\\kata",
                                     "\\\\server\\share\\"]),
    ("solutions\\..\\solutions\\x.py", ["solutions\\..\\solutions\\x.py",
                                        "solutions\\..\\solutions", "solutions\\..",
                                        "solutions"]),
])
def test_the_folder_guard_walks_windows_paths_up_to_their_root(path: str,
                                                               expected: list[str]) -> None:
    from grader.sandbox.worker import lineage

    assert lineage(path, WINDOWS) == expected


@pytest.mark.parametrize("path, absolute", [("C:\\x", True), ("c:/x", True), ("\\\\srv\\s", True),
                                            ("\\x", True), ("x\\y", False), ("C:x", False)])
def test_the_folder_guard_knows_absolute_windows_paths(path: str, absolute: bool) -> None:
    from grader.sandbox.worker import is_absolute

    assert is_absolute(path, WINDOWS) is absolute


def test_keys_are_read_from_a_windows_console(monkeypatch) -> None:
    """No termios there: msvcrt's kbhit/getwch deliver single keys, without Enter."""
    import queue
    import types

    from grader import keys

    pressed = list("hq")
    console = types.SimpleNamespace(kbhit=lambda: bool(pressed), getwch=lambda: pressed.pop(0))
    monkeypatch.setitem(sys.modules, "msvcrt", console)
    received: queue.Queue[str] = queue.Queue()
    with keys.reading(received.put):
        assert [received.get(timeout=5), received.get(timeout=5)] == ["h", "q"]


def test_an_unrelated_pytest_run_neither_imports_torch_nor_patches_hypothesis(
        tmp_path: Path) -> None:
    """The kata's pytest11 entry point is loaded by every pytest in the environment."""
    (tmp_path / "test_other.py").write_text(
        "import sys\n\n"
        "def test_nothing_heavy_was_loaded():\n"
        "    from hypothesis.internal.conjecture import providers\n"
        "    assert 'torch' not in sys.modules\n"
        "    assert 'grader.plugin' not in sys.modules\n"
        "    assert providers._get_local_constants.__module__ == providers.__name__\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             str(tmp_path)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pytorch101" in subprocess.run(
        [sys.executable, "-m", "pytest", "--help"], cwd=tmp_path, capture_output=True,
        text=True, timeout=120, check=False).stdout  # the options are there all the same
