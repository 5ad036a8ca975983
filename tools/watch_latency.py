"""Save → verdict latency of ``pytorch101 watch``, next to the cost of a fresh interpreter.

    python tools/watch_latency.py [--rounds 6] [--exercise ID] [--poll]

Starts ``pytorch101 watch ID --stay`` on a scratch copy of the reference solutions whose file for
ID is the stub, then saves the solution and the stub in turn (each save must flip the verdict:
passed, then todo) and times each save until the verdict line arrives on watch's stdout. In the
same run it times ``python -c "import torch, torchvision, hypothesis, pytest"`` (what any fresh
grading process pays before it grades anything) and one cold ``pytorch101 check ID``.
Medians are printed; the machine's load average is printed too, as it moves every number.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader import catalogue  # noqa: E402

IMPORTS = "import torch, torchvision, hypothesis, pytest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6, help="saves to time (default 6)")
    parser.add_argument("--exercise", default=None,
                        help="exercise id (default: the first of chapter 1)")
    parser.add_argument("--poll", action="store_true", help="make watch poll (every 0.02 s)")
    args = parser.parse_args()
    exercise = (catalogue.load().exercise(args.exercise) if args.exercise
                else catalogue.load().chapters[0].exercises[0])
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}

    floor = [_time([sys.executable, "-c", IMPORTS], env) for _ in range(3)]
    with tempfile.TemporaryDirectory(prefix="pytorch101-latency-") as tmp:
        folder = Path(tmp) / "exercises"
        shutil.copytree(REPO / "solutions", folder)
        stub = (REPO / "exercises" / exercise.path).read_bytes()
        solution = (REPO / "solutions" / exercise.path).read_bytes()
        target = folder / exercise.path
        target.write_bytes(stub)
        cold = _time([sys.executable, "-m", "grader", "check", exercise.id, "--exercises",
                      str(folder)], env, cwd=tmp)
        saves, grading, startup = time_saves(exercise.id, folder, target, stub, solution,
                                             args.rounds, args.poll, env, tmp)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"exercise: {exercise.id} ({exercise.path}); {os.cpu_count()} CPUs, "
          f"load average {load:.2f}")
    print(f"fresh `python -c \"{IMPORTS}\"`:  median {statistics.median(floor):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in floor)})")
    print(f"cold `pytorch101 check {exercise.id}` (new process): {cold:.2f} s")
    print(f"watch start-up to its first verdict: {startup:.2f} s")
    for status in ("passed", "todo"):
        times = [t for s, t in saves if s == status]
        spent = [g for s, g in grading if s == status]
        if times:
            print(f"watch: save -> '{status}' verdict: median {statistics.median(times):.3f} s "
                  f"(of which grading {statistics.median(spent):.3f} s; "
                  f"all: {', '.join(f'{t:.3f}' for t in times)})")
    return 0


def _time(command: list[str], env: dict[str, str], cwd: str | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def time_saves(exercise_id: str, folder: Path, target: Path, stub: bytes, solution: bytes,
               rounds: int, poll: bool, env: dict[str, str], cwd: str,
               pause: float = 0.3):  # type: ignore[no-untyped-def]
    """Save solution and stub in turn; ``pause``: seconds between a verdict and the next save
    (a learner reads the verdict and edits: backends that start workers ahead use that time)."""
    command = [sys.executable, "-m", "grader", "watch", exercise_id, "--stay", "--exercises",
               str(folder), "--solutions", str(REPO / "solutions")]
    command += ["--poll", "--interval", "0.02"] if poll else ["--no-poll"]
    verdict = re.compile(rf"^. {re.escape(exercise_id)}: (\w+) \((\d+\.\d+) s\)")
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def next_verdict(deadline: float = 120) -> tuple[float, str, float]:
        end = time.perf_counter() + deadline
        while True:
            arrived, line = lines.get(timeout=max(end - time.perf_counter(), 0.01))
            found = verdict.match(line)
            if found:
                return arrived, found.group(1), float(found.group(2))

    saves, grading = [], []
    try:
        arrived, status, _ = next_verdict()
        startup = arrived - started
        assert status == "todo", f"the stub should be todo, watch said {status}"
        time.sleep(1.5)  # let the file watcher settle before the first save
        for number in range(rounds):
            content, expected = (solution, "passed") if number % 2 == 0 else (stub, "todo")
            saved = time.perf_counter()
            target.write_bytes(content)
            arrived, status, spent = next_verdict()
            assert status == expected, f"expected {expected}, watch said {status}"
            saves.append((status, arrived - saved))
            grading.append((status, spent))
            time.sleep(pause)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return saves, grading, startup


if __name__ == "__main__":
    sys.exit(main())
