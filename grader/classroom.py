"""Grade a class: every student's folder into one gradebook (``pytorch101 grade-class``).

Each sub-folder of the submissions folder is one student (its name is the student's), holding
their exercises in the kata's layout or flat (``grader/submissions.py`` lays it out). Students
are graded N at a time, each in a ``pytorch101 check --format json`` run of its own (a separate
process, with the sandbox's per-exercise workers and limits as always, or inside a container),
under an overall time limit per student. A student's run that hangs, crashes or floods its output
is stopped or reported on its own: it costs that student's exercises and nothing else.

The gradebook: a CSV (``student, score, max_score`` and one column per exercise id holding its
status) and a JSON file beside it with every message. Each finished student is added at once to
both (the JSON as one line of ``<json>.partial`` until the run ends), so an interrupted run
keeps what it graded, and ``resume`` skips the students already in the CSV.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from grader import course_reports, paths, submissions
from grader.catalogue import Exercise
from grader.results import CheckResult, Report
from grader.sandbox import system

JSON_FORMAT = 1
STARTUP_ALLOWANCE = 120.0
"""Seconds added to a student's time limit for starting the grader (importing torch on a busy
machine) and for the reference's side."""
OUTPUT_LIMIT = 16 << 20
"""Bytes a student's grading run may write to its stdout and stderr before it is stopped (the
sandbox already caps what the learner's code prints; this guards the run itself)."""
KEPT_OUTPUT = 4000
"""Characters of a broken run's output kept for its message."""
POLL = 0.2
CONTAINER_MOUNT = "/submission"
CONTAINER_REPORT = "/report"
CONTAINER_SOURCE = "/autograder/source"
"""Where the image built from the autograder bundle keeps the grader and the reference."""
CONTAINER_PYTHON = f"{CONTAINER_SOURCE}/.venv/bin/python"
DEFAULT_IMAGE = "pytorch101-grader"


class GradebookError(Exception):
    """The gradebook cannot be written or resumed as asked; the message says why."""


class ContainerUnavailable(Exception):
    """--container was asked for, and no engine can run one here; the message says why."""


@dataclass
class Container:
    """A container engine (docker or podman) and the image that grades."""

    engine: str
    """The engine's executable (a path, or a name on PATH)."""
    image: str = DEFAULT_IMAGE
    memory: str = "8g"
    cpus: str = "2"

    def command(self, name: str, exercises: Path, report: Path,
                targets: list[str]) -> list[str]:
        """``ENGINE run ...`` grading ``exercises`` into ``report/report.json``: no network,
        the submission read-only, the learner's code as the image's unprivileged user."""
        return [self.engine, "run", "--rm", "--name", name, "--network", "none",
                "--memory", self.memory, "--cpus", self.cpus, "--pids-limit", "1024",
                "--stop-timeout", "5",
                "-e", f"{system.LEARNER_USER_VARIABLE}=learner", "-e", "NO_COLOR=1",
                "-e", "OMP_NUM_THREADS=1", "-e", f"PYTHONPATH={CONTAINER_SOURCE}",
                "-v", f"{exercises}:{CONTAINER_MOUNT}:ro", "-v", f"{report}:{CONTAINER_REPORT}",
                "-w", CONTAINER_SOURCE, self.image,
                CONTAINER_PYTHON, "-m", "grader", "check", *targets, "--format", "json",
                "--exercises", CONTAINER_MOUNT, "--solutions", f"{CONTAINER_SOURCE}/solutions",
                "--output", f"{CONTAINER_REPORT}/report.json"]

    def stop(self, name: str) -> None:
        """Kill the container (killing the ``run`` client alone would leave it running)."""
        try:
            subprocess.run([self.engine, "kill", name], capture_output=True, timeout=30,
                           check=False)
        except (OSError, subprocess.SubprocessError):
            pass


def find_container(choice: str = "auto", image: str = DEFAULT_IMAGE,
                   which: Callable[[str], str | None] = shutil.which) -> Container:
    """The engine to use (``auto``: docker, else podman), checked to be running and to have
    ``image``; ContainerUnavailable with the reason and what to do otherwise."""
    names = ("docker", "podman") if choice == "auto" else (choice,)
    found = [(name, which(name)) for name in names]
    installed = [(name, path) for name, path in found if path]
    if not installed:
        which_one = "neither is" if len(names) > 1 else "it is not"
        raise ContainerUnavailable(
            f"--container needs {' or '.join(names)}, and {which_one} installed here: install "
            f"{'one' if len(names) > 1 else 'it'}, or grade without --container (the sandbox's "
            "workers alone)")
    problems = []
    for name, path in installed:
        ok, detail = _probe(path, ["info"])
        if not ok:
            problems.append(f"{name} is installed, but its engine is not running or not "
                            f"reachable ({detail})")
            continue
        ok, detail = _probe(path, ["image", "inspect", image])
        if not ok:
            raise ContainerUnavailable(
                f"{name} has no image {image!r}: build it from the autograder bundle (README, "
                "'For instructors'), or name yours with --image")
        return Container(path, image)
    raise ContainerUnavailable("; ".join(problems) + ". Start the engine (e.g. `sudo systemctl "
                               "start docker`), or grade without --container")


def _probe(executable: str, args: list[str]) -> tuple[bool, str]:
    try:
        done = subprocess.run([executable, *args], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return False, str(error)
    lines = (done.stderr or done.stdout or "").strip().splitlines()
    detail = next((line.strip() for line in lines if line.strip()),
                  f"exit status {done.returncode}")
    return done.returncode == 0, detail[:300]


@dataclass
class Student:
    name: str
    folder: Path


@dataclass
class Graded:
    """One student's grading: results by exercise and what happened to the run."""

    student: str
    results: list[CheckResult]
    seconds: float
    run: str = "graded"
    """"graded", "not submitted", "time limit" (stopped), "crashed" (no report)."""
    layout: str = ""
    files: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def points(self) -> tuple[float, float]:
        data = course_reports.to_gradescope(Report(self.results))
        return data["score"], sum(t["max_score"] for t in data["tests"])

    def record(self) -> dict[str, Any]:
        score, maximum = self.points
        return {"student": self.student, "score": score, "max_score": maximum,
                "run": self.run, "seconds": round(self.seconds, 2), "layout": self.layout,
                "files": self.files, "notes": self.notes,
                "results": [{"id": r.id, "file": r.file, "status": r.status,
                             "message": r.message, "duration": round(r.duration, 3)}
                            for r in self.results]}


def students(folder: Path) -> tuple[list[Student], list[str]]:
    """The students (sub-folders, by name) and notes on what was skipped."""
    found, notes = [], []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name == "__MACOSX":
            continue
        if entry.is_symlink():
            notes.append(f"{entry.name}: a link, not a folder: skipped")
        elif entry.is_dir():
            found.append(Student(entry.name, entry))
        else:
            notes.append(f"{entry.name}: a file, not a student's folder: skipped (unzip it into "
                         "a folder of its own)")
    return found, notes


def time_limit(chosen: list[Exercise]) -> float:
    """A student's overall limit: twice every exercise's own limit, plus the start."""
    try:
        scale = float(os.environ.get("PYTORCH101_TIMEOUT_SCALE", "1"))
    except ValueError:
        scale = 1.0
    return STARTUP_ALLOWANCE + 2 * scale * sum(e.timeout for e in chosen)


class Grader:
    """Grades students one run each; ``stop_all`` ends every run in flight (Ctrl-C)."""

    def __init__(self, chosen: list[Exercise], solutions: Path, limit: float,
                 container: Container | None = None) -> None:
        self.chosen = chosen
        self.solutions = solutions
        self.limit = limit
        self.container = container
        self._running: dict[int, tuple[subprocess.Popen[bytes], str | None]] = {}
        self._lock = threading.Lock()
        self._stopping = False
        """Set by ``stop_all``: runs in flight are stopped, and any starting later at once."""

    def grade(self, student: Student) -> Graded:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="pytorch101-class-") as tmp:
            work, private = Path(tmp) / "work", Path(tmp) / "report"
            private.mkdir(mode=0o700)
            layout = submissions.lay_out(student.folder, work / "exercises", self.chosen)
            graded = [e for e in self.chosen if e.path in layout.found]
            outcome: dict[str, CheckResult] = {}
            run = "not submitted"
            if graded:
                run, outcome = self._run(graded, work, private)
        results = [outcome.get(e.id) or CheckResult(
            e.id, e.chapter, e.path, "todo", layout.missing_message(e.path) or "not graded", 0.0)
            for e in self.chosen]
        return Graded(student.name, results, time.monotonic() - started, run, layout.style,
                      layout.found, layout.notes)

    def _run(self, graded: list[Exercise], work: Path,
             private: Path) -> tuple[str, dict[str, CheckResult]]:
        targets = [e.id for e in graded]
        report = private / "report.json"
        name = None
        if self.container is not None:
            name = f"pytorch101-{uuid.uuid4().hex[:12]}"
            os.chmod(work, 0o755)
            command = self.container.command(name, work / "exercises", private, targets)
            env = dict(os.environ)
        else:
            command = [sys.executable, "-m", "grader", "check", *targets, "--format", "json",
                       "--exercises", str(work / "exercises"), "--solutions",
                       str(self.solutions), "--output", str(report)]
            env = {**os.environ, "NO_COLOR": "1", "OMP_NUM_THREADS": "1",
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(paths.REPO),
                                                               os.environ.get("PYTHONPATH")]))}
        log = private / "output.log"
        with open(log, "wb") as output:
            status, stopped, why = self._wait(command, env, work, output, name)
        data = _read_report(report)
        by_id = {}
        for item in (data or {}).get("results", []):
            try:
                by_id[item["id"]] = CheckResult(item["id"], item["chapter"], item["file"],
                                                item["status"], item.get("message", ""),
                                                float(item.get("duration", 0.0)))
            except (KeyError, TypeError, ValueError):
                continue
        if stopped:  # what it graded before it was stopped stands; the rest is lost to it
            verdict = "timeout" if stopped == "time" else "error"
            run = "time limit" if stopped == "time" else "stopped"
        elif data is None or data.get("crashed"):
            verdict, run = "error", "crashed"
            tail = _tail(log)
            why = (f"the grading run ended with status {status} without a report" if data is None
                   else f"the grading run broke: {data.get('crashed')}")
            why += " (a problem with the grader, not with this code)"
            why += f"\n{tail}" if tail else ""
        else:
            return "graded", by_id
        for exercise in graded:
            result = by_id.get(exercise.id)
            if result is None or result.message.startswith("not graded:"):
                by_id[exercise.id] = CheckResult(exercise.id, exercise.chapter, exercise.path,
                                                 verdict, f"not graded: {why}", 0.0)
        return run, by_id

    def _wait(self, command: list[str], env: dict[str, str], cwd: Path, output: Any,
              name: str | None) -> tuple[int | None, str, str]:
        """Run ``command`` to its end, or stop it: (exit status, "" or why it was stopped in a
        word: time, output, interrupted, start; and in a sentence)."""
        popen: dict[str, Any] = {"start_new_session": True} if hasattr(os, "setsid") else {
            "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
        try:
            process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                       stdout=output, stderr=subprocess.STDOUT, **popen)
        except OSError as error:
            return None, "start", f"the grading run could not start: {error}"
        with self._lock:
            self._running[process.pid] = (process, name)
        deadline = time.monotonic() + self.limit
        stopped = why = ""
        try:
            while process.poll() is None:
                if time.monotonic() > deadline:
                    stopped, why = "time", (
                        f"this student's grading ran past its time limit of {self.limit:.0f} s "
                        "(all their exercises together) and was stopped")
                elif output.tell() > OUTPUT_LIMIT:
                    stopped, why = "output", (
                        f"the grading run wrote more than {OUTPUT_LIMIT >> 20} MiB of output "
                        "and was stopped")
                elif self._stopping:
                    stopped, why = "interrupted", "the grading run was interrupted"
                if stopped:
                    self._kill(process, name)
                    break
                time.sleep(POLL)
        finally:
            with self._lock:
                self._running.pop(process.pid, None)
        return process.returncode, stopped, why

    def _kill(self, process: subprocess.Popen[bytes], name: str | None) -> None:
        if name is not None and self.container is not None:
            self.container.stop(name)
        system.kill_tree(process.pid, own_group=hasattr(os, "setsid"))
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass

    def stop_all(self) -> None:
        with self._lock:
            self._stopping = True
            running = list(self._running.values())
        for process, name in running:
            self._kill(process, name)


def _read_report(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as stream:
            stream.seek(max(0, stream.seek(0, io.SEEK_END) - KEPT_OUTPUT))
            text = stream.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return course_reports._plain(text).strip()


# -- the gradebook --------------------------------------------------------------------------------
class Gradebook:
    """The CSV and the JSON beside it; rows added as students finish, sorted at the end."""

    def __init__(self, csv_path: Path, json_path: Path, chosen: list[Exercise],
                 resume: bool) -> None:
        self.csv_path, self.json_path = csv_path, json_path
        self.partial = json_path.with_name(json_path.name + ".partial")
        self.ids = [e.id for e in chosen]
        self.header = ["student", "score", "max_score", *self.ids]
        self.rows: dict[str, list[str]] = {}
        self.records: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        if resume:
            self._load()
        else:
            self.partial.unlink(missing_ok=True)
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        self._rewrite_csv()

    @property
    def done(self) -> set[str]:
        return set(self.rows)

    def _load(self) -> None:
        try:
            with open(self.csv_path, newline="", encoding="utf-8") as stream:
                rows = list(csv.reader(stream))
        except FileNotFoundError:
            rows = []
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise GradebookError(f"cannot resume from {self.csv_path}: {error}") from None
        if rows:
            if rows[0] != self.header:
                raise GradebookError(
                    f"cannot resume: {self.csv_path} grades other exercises "
                    f"({', '.join(rows[0][3:])}); choose the same exercises as the interrupted "
                    "run, or another --output")
            self.rows = {row[0]: row for row in rows[1:] if len(row) == len(self.header)}
        try:
            data = json.loads(self.json_path.read_text(encoding="utf-8"))
            self.records.update(data.get("students", {}))
        except (OSError, ValueError, AttributeError):
            pass
        try:
            for line in self.partial.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                    self.records[record["student"]] = record
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by the interruption
        except OSError:
            pass

    def add(self, graded: Graded) -> None:
        record = graded.record()
        row = [graded.student, f"{record['score']:g}", f"{record['max_score']:g}",
               *[r.status for r in graded.results]]
        with self._lock:
            with open(self.partial, "a", encoding="utf-8") as stream:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            new = not self.csv_path.exists()
            with open(self.csv_path, "a", newline="", encoding="utf-8") as stream:
                writer = csv.writer(stream)
                if new:
                    writer.writerow(self.header)
                writer.writerow(row)
            self.rows[graded.student] = row
            self.records[graded.student] = record

    def finish(self) -> None:
        """Sort the CSV, write the JSON whole, drop the partial file."""
        with self._lock:
            self._rewrite_csv()
            data = {"format": JSON_FORMAT, "exercises": self.ids,
                    "students": {name: self.records[name] for name in sorted(self.records)
                                 if name in self.rows}}
            _atomic(self.json_path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            self.partial.unlink(missing_ok=True)

    def _rewrite_csv(self) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.header)
        for name in sorted(self.rows):
            writer.writerow(self.rows[name])
        _atomic(self.csv_path, buffer.getvalue())


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    os.replace(tmp, path)


def grade_class(everyone: list[Student], grader: Grader, book: Gradebook, jobs: int,
                report: Callable[[Graded, int, int], None]) -> list[Graded]:
    """Grade the students not yet in the gradebook, ``jobs`` at a time; each is added as it
    finishes. Ctrl-C stops the runs in flight and keeps what is done."""
    todo = [s for s in everyone if s.name not in book.done]
    finished: list[Graded] = []
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="pytorch101-class")
    try:
        futures = [pool.submit(grader.grade, student) for student in todo]
        for future in as_completed(futures):
            graded = future.result()
            book.add(graded)
            finished.append(graded)
            report(graded, len(finished), len(todo))
    except BaseException:
        grader.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    book.finish()
    return finished
