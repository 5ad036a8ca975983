"""How long grading takes, against the floor of merely importing its libraries.

    python tools/benchmark.py [--repeat N] [--sandbox spawn,forkserver]
    python tools/benchmark.py --throughput N [--throughput-targets 01_tensors]

Measured in one run, each as a fresh process started from here, as a learner would start it:
  floor      python -c "import torch, torchvision, hypothesis, pytest"   (best of 3)
  full       python -m grader check --exercises solutions                (every exercise)
  <chapter>  python -m grader check <chapter> --exercises solutions      (each chapter alone)
  one        python -m grader check <first id> --exercises solutions     (a single re-grade)
  watch      pytorch101 watch <first id>: median seconds from a save to the verdict (warm)
Each is printed in seconds (best of --repeat, default 1; the floor is always best of 3) and as a
ratio to the floor, with the exit status (0: every exercise passed or was skipped).

--throughput N: instead, class grading: N copies of the reference (one per student) graded by
`pytorch101 grade-class` at --jobs 1 and 2, in students per minute (--throughput-targets picks
the exercises, default 01_tensors). The default benchmark is unchanged without it.

--sandbox B[,B...]: then, in the same run, the full check, the single exercise and the watch
re-grade again under each named backend (PYTORCH101_SANDBOX=B), each as a ratio to the default
backend's time measured above (targets: full <= 1.5x, watch <= 2x).

Peak RSS: the largest resident set size reached by any ONE process of that command's tree — the
grading process or one of its sandbox workers — as the kernel accounts it for a waited-for child
(``os.wait4``'s rusage, i.e. what ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` reports for
this one child and the descendants it reaped). It is not the sum over processes: forked workers
share most of their pages with the grader, so a sum would count torch many times over.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from grader import catalogue

LEARNER_PAUSE = 3.0
"""Seconds between a verdict and the next save in the watch timing: a learner reads and edits
(spawn starts the next workers meanwhile; it changes nothing for fork)."""
FLOOR = [sys.executable, "-c", "import torch, torchvision, hypothesis, pytest"]
GRADER = [sys.executable, "-m", "grader", "check"]


def measure(command: list[str], sandbox: str | None = None) -> tuple[float, int, float]:
    """Run ``command``; return (seconds, exit status, peak RSS in MiB of its process tree)."""
    env = {**os.environ, "NO_COLOR": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    if sandbox:
        env["PYTORCH101_SANDBOX"] = sandbox
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, process.returncode, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def best(command: list[str], repeat: int,
         sandbox: str | None = None) -> tuple[float, int, float]:
    runs = [measure(command, sandbox) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each grading command; the best time is shown")
    parser.add_argument("--sandbox", default="",
                        help="also time these backends (comma-separated: spawn,forkserver)")
    parser.add_argument("--throughput", type=int, default=0, metavar="N",
                        help="measure grade-class throughput over N students instead")
    parser.add_argument("--throughput-targets", default="01_tensors", metavar="T[,T...]",
                        help="exercises each student hands in (default: 01_tensors)")
    args = parser.parse_args(argv)
    if args.throughput:
        return throughput(args.throughput, args.throughput_targets.split(","))
    cat = catalogue.load()
    one = cat.chapters[0].exercises[0].id
    rows = [("floor (import torch, torchvision, hypothesis, pytest)", FLOOR, 3),
            ("full check --exercises solutions", GRADER + ["--exercises", "solutions"],
             args.repeat)]
    rows += [(f"check {c.dir} ({len(c.exercises)} exercises)",
              GRADER + [c.dir, "--exercises", "solutions"], args.repeat) for c in cat.chapters]
    rows.append((f"check {one} (one exercise)", GRADER + [one, "--exercises", "solutions"],
                 args.repeat))
    load = os.getloadavg()
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {load[0]:.2f} at start")
    print(f"{'command':<58} {'seconds':>8} {'x floor':>8} {'peak RSS':>10} {'exit':>5}")
    floor = None
    failed = False
    timed: dict[str, float] = {}
    for label, command, repeat in rows:
        seconds, code, rss = best(command, repeat)
        floor = floor or seconds
        failed |= code != 0
        timed[label] = seconds
        print(f"{label:<58} {seconds:8.2f} {seconds / floor:8.1f} {rss:8.0f} MiB {code:5d}",
              flush=True)
    watch = watch_regrade(cat.chapters[0].exercises[0])
    print(f"{'watch: save -> verdict, ' + one + ' (median of 4 saves)':<58} {watch:8.2f} "
          f"{watch / floor:8.2f}")
    for sandbox in filter(None, args.sandbox.split(",")):
        failed |= compare_sandbox(sandbox, rows[1], rows[-1], timed, watch, args.repeat,
                                  cat.chapters[0].exercises[0])
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\nlargest single process over the whole benchmark (RUSAGE_CHILDREN ru_maxrss): "
          f"{children:.0f} MiB; load average {os.getloadavg()[0]:.2f} at the end")
    return 1 if failed else 0


def compare_sandbox(sandbox: str, full: tuple, single: tuple, timed: dict[str, float],
                    watch: float, repeat: int, exercise: catalogue.Exercise) -> bool:
    """Time the full check, one exercise and a watch re-grade under ``sandbox``; print each as a
    ratio to the default backend's time from this same run. True if a grading failed."""
    print(f"\nsandbox {sandbox} (ratios to the default backend's times above)")
    failed = False
    for label, command, _ in (full, single):
        seconds, code, rss = best(command, repeat, sandbox)
        failed |= code != 0
        print(f"{label + ' [' + sandbox + ']':<58} {seconds:8.2f} "
              f"{seconds / timed[label]:7.2f}x {rss:8.0f} MiB {code:5d}", flush=True)
    seconds = watch_regrade(exercise, sandbox)
    print(f"{'watch: save -> verdict [' + sandbox + ']':<58} {seconds:8.2f} {seconds / watch:7.2f}x")
    return failed


def throughput(students: int, targets: list[str], jobs: tuple[int, ...] = (1, 2)) -> int:
    """Students per minute of `grade-class` at each --jobs, over copies of the reference."""
    import shutil
    import tempfile

    from grader.commands.common import select

    chosen = select(targets)
    files = sorted({e.path for e in chosen})
    load = os.getloadavg()
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {load[0]:.2f} at start")
    print(f"grade-class: {students} students x {len(chosen)} exercises ({', '.join(targets)}), "
          "each student a copy of the reference")
    failed = False
    rates = {}
    with tempfile.TemporaryDirectory(prefix="pytorch101-bench-class-") as tmp:
        for n in range(students):
            for path in files:
                target = Path(tmp) / "class" / f"student{n:03d}" / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(REPO / "solutions" / path, target)
        for count in jobs:
            book = Path(tmp) / f"book-{count}.csv"
            command = [sys.executable, "-m", "grader", "grade-class", str(Path(tmp) / "class"),
                       "--output", str(book), "--jobs", str(count), "--only", *targets]
            seconds, code, rss = measure(command)
            rows = book.read_text().splitlines()[1:] if book.exists() else []
            full = all(row.split(",")[1] == row.split(",")[2] for row in rows)
            failed |= code != 0 or len(rows) != students or not full
            rates[count] = students * 60 / seconds
            print(f"--jobs {count}: {seconds:8.1f} s  {rates[count]:6.2f} students/min  "
                  f"peak RSS {rss:6.0f} MiB  exit {code}  "
                  f"{'all full marks' if full and len(rows) == students else 'NOT all graded'}",
                  flush=True)
    if len(rates) > 1:
        print(f"speed-up of --jobs {jobs[-1]} over --jobs {jobs[0]}: "
              f"{rates[jobs[-1]] / rates[jobs[0]]:.2f}x; load average {os.getloadavg()[0]:.2f} "
              "at the end")
    return 1 if failed else 0


def watch_regrade(exercise: catalogue.Exercise, sandbox: str | None = None) -> float:
    """Median seconds from a save to watch's verdict (tools/watch_latency.py does the saving)."""
    import statistics
    import shutil
    import tempfile

    from watch_latency import time_saves

    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    if sandbox:
        env["PYTORCH101_SANDBOX"] = sandbox
    with tempfile.TemporaryDirectory(prefix="pytorch101-bench-") as tmp:
        folder = Path(tmp) / "exercises"
        shutil.copytree(REPO / "solutions", folder)
        stub = (REPO / "exercises" / exercise.path).read_bytes()
        solution = (REPO / "solutions" / exercise.path).read_bytes()
        (folder / exercise.path).write_bytes(stub)
        saves, _, _ = time_saves(exercise.id, folder, folder / exercise.path, stub, solution, 4,
                                 False, env, tmp, pause=LEARNER_PAUSE)
    return statistics.median(seconds for _, seconds in saves)


if __name__ == "__main__":
    sys.exit(main())
