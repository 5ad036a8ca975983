"""``pytorch101 watch`` (and plain ``pytorch101``): re-grade the current exercise on every save.

The current exercise is the first one not passed yet, in catalogue order. Save its file and the
verdict appears; once it passes, the next one becomes current. Saving another exercise's file
switches to that file. Keys (when stdin is a terminal): h hint, n next, l list, c check all,
r re-grade, q quit. Without a terminal there are no keys, and it still re-grades on every save.

Grading is fast because this process imports torch, hypothesis, pytest and the grader once and
forks a child per re-grade (``grader.warm``). Saves are noticed through file events, or by
polling where events do not arrive (network and VM/container shares, WSL's Windows drives):
see ``grader.watching``. It never writes to your files; progress goes to ``.pytorch101/``.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import signal
import sys
import time
from pathlib import Path
from typing import Iterator, TextIO

from grader import catalogue, state
from grader import report as render
from grader.catalogue import Exercise
from grader.commands.common import UsageError, add_folder_options, folders, select, stub_line
from grader.commands.common import usage_error
from grader.results import CheckResult, Report, is_done
from grader.watching import (DEFAULT_POLL_INTERVAL, Watcher, changed, polling_reason, settled,
                             snapshot)

KEYS = "[h] hint  [n] next  [l] list  [c] check all  [r] re-grade  [q] quit"
QUIT_KEYS = {"q", "Q", "\x04", "\x1b"}


FAST_EXIT = True
"""This command grades here, through the plugin (``grader.heap``), and runs no learner code in
this process: it may exit without tearing torch down (``grader.cli.leave_now``)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", nargs="?", default=None, metavar="TARGET",
                        help="start at this exercise or chapter (default: the first one not "
                             "passed yet)")
    add_folder_options(parser)
    parser.add_argument("--poll", action="store_true", default=None,
                        help="poll for saves instead of waiting for file events (automatic on "
                             "network shares, VM/container mounts and WSL's Windows drives)")
    parser.add_argument("--no-poll", dest="poll", action="store_false",
                        help="use file events even where polling would be chosen")
    parser.add_argument("--interval", type=float, default=DEFAULT_POLL_INTERVAL, metavar="SECONDS",
                        help=f"seconds between polls (default {DEFAULT_POLL_INTERVAL})")
    parser.add_argument("--stay", action="store_true",
                        help="keep watching the same exercise after it passes (no moving on)")
    parser.add_argument("--once", action="store_true",
                        help="exit after the first re-grade caused by a save (exit status 0 if "
                             "it passed); for scripts and tests")


def run(args: argparse.Namespace) -> int:
    try:
        exercises_dir, solutions_dir = folders(args)
        start = _starting_point(select([args.target]), exercises_dir) if args.target else None
    except UsageError as error:
        return usage_error(str(error))
    if args.interval <= 0:
        return usage_error("--interval must be a positive number of seconds")
    session = Session(exercises_dir, solutions_dir, start, args)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        with session.terminal():
            return session.loop()
    except KeyboardInterrupt:
        session.say("\nBye! Your progress is saved; `pytorch101` picks up where you left off.")
        return 0
    finally:
        session.watcher.stop()
        session.grader.close()


class Session:
    """One watch session: the current exercise, the screen, the keys, the grading."""

    def __init__(self, exercises_dir: Path, solutions_dir: Path, start: Exercise | None,
                 args: argparse.Namespace) -> None:
        from grader.runner import Options
        from grader.warm import WarmGrader

        self.exercises_dir = exercises_dir
        self.cat = catalogue.load()
        self.out: TextIO = sys.stdout
        self.tty = self.out.isatty()
        self.color = render.use_color(self.out)
        self.keys = sys.stdin.isatty() and not args.once
        self.once = args.once
        self.advance = not (args.once or args.stay)
        self.statuses: dict[str, str] = state.load(exercises_dir)["status"]
        self.current = start or self._next_unfinished(None) or self.cat.exercises[0]
        self.last: CheckResult | None = None
        self.hints_shown: dict[str, int] = {}
        self.notes: list[str] = []
        reason = polling_reason(exercises_dir)
        poll = args.poll if args.poll is not None else reason is not None
        self.poll_reason = reason if args.poll is None and poll else None
        self.events: queue.Queue[tuple[str, str]] = queue.Queue()
        """Key presses and file-event wake-ups, from their threads, in arrival order."""
        self.watcher = Watcher(exercises_dir, poll=poll, interval=args.interval,
                               wake=lambda: self.events.put(("files", "")))
        self.grader = WarmGrader(Options(exercises=str(exercises_dir),
                                         solutions=str(solutions_dir)))
        self.files = {(exercises_dir / e.path).resolve(): e.path for e in self.cat.exercises}

    # -- the loop -----------------------------------------------------------------------------
    def loop(self) -> int:
        self.say("pytorch101 watch: getting ready (importing torch and the checks once)...")
        self.grader.warm()
        self.watcher.start()
        before = snapshot(self.files)
        self.say(f"Watching {render.relative(self.exercises_dir)} for saves ({self._mode()}).")
        passed = self.grade_current(advance=self.advance)
        while True:
            try:
                kind, keys = self.events.get(timeout=self.watcher.timeout)
            except queue.Empty:
                kind, keys = "", ""
            if kind == "keys" and self.on_key(keys):
                return 0
            if self.watcher.error:
                self.say(self.watcher.error)
                self.watcher.error = None
            after = snapshot(self.files)
            saved = changed(before, after)
            if saved:
                after = settled(self.files, after, saved)
            before = after
            if not saved:
                continue
            self.on_save(saved)
            passed = self.grade_current(advance=self.advance)
            if self.once:
                following = self._next_unfinished(self.current) if passed else None
                if following is not None:
                    self.say(f"Next up: {following.id}.")
                return 0 if passed else 1

    def on_save(self, saved: list[Path]) -> None:
        """Switch to the saved file's exercise when the save was not to the current file."""
        paths = [self.files[p] for p in saved if p in self.files]
        if not paths or self.current.path in paths:
            return
        in_file = [e for e in self.cat.exercises if e.path == paths[0]]
        self.current = next((e for e in in_file if self.statuses.get(e.id) != "passed"),
                            in_file[0])
        self.notes = [f"You saved {paths[0]}: watching {self.current.id} now."]

    def on_key(self, keys: str) -> bool:
        """Handle key presses; True means quit."""
        for key in keys:
            if key in QUIT_KEYS:
                self.say("Bye! Your progress is saved; `pytorch101` picks up where you left off.")
                return True
            if key == "h":
                self.show_hint()
            elif key == "n":
                self.current = self._following(self.current)
                self.notes = [f"Skipped ahead to {self.current.id}."]
                self.grade_current(advance=False)
            elif key == "r":
                self.grade_current(advance=self.advance)
            elif key == "l":
                from grader.commands.list import render_compact

                self.clear()
                self.statuses = state.load(self.exercises_dir)["status"]
                render_compact(self.statuses, self.out, current=self.current)
                self.say(f"\n{KEYS}   (save {self.current.path} to re-grade; "
                         "`pytorch101 list` shows every chapter in full)")
            elif key == "c":
                self.check_all()
        return False

    # -- grading ------------------------------------------------------------------------------
    def grade_current(self, advance: bool) -> bool:
        """Grade the current exercise and show the verdict; on a pass, move on (and grade the
        next one, which may already pass too). Returns whether the first grading passed."""
        first = True
        passed_first = False
        while True:
            result = self._grade(self.current)
            passed = result.status in ("passed", "skipped")
            passed_first = passed if first else passed_first
            first = False
            self.show(result)
            if not (passed and advance):
                return passed_first
            following = self._next_unfinished(self.current)
            if following is None:
                self.say(self._paint("\nEvery exercise passes. Well done! 🎉  Keep editing: "
                                     "saves are still re-graded.", "passed"))
                return passed_first
            self.notes = [f"✓ {self.current.id} passes. Next up: {following.id}."]
            self.notes += chapter_complete(self.cat, self.current, following, self.statuses)
            self.current = following

    def _grade(self, exercise: Exercise) -> CheckResult:
        from grader.warm import Cancelled

        self.status_line(f"grading {exercise.id} ...")
        started = time.perf_counter()
        try:
            report = self.grader.grade([exercise])
        except Cancelled:  # q while grading: stop it and quit
            raise KeyboardInterrupt() from None
        finally:
            self.status_line("")
        self._record(report)
        result = report.results[0]
        result.duration = time.perf_counter() - started
        return result

    def _keys_pressed(self, keys: str) -> None:
        """From the key-reading thread: q stops a grading in progress at once; every key is
        also queued for the loop."""
        if any(k in QUIT_KEYS for k in keys):
            self.grader.cancel()
        self.events.put(("keys", keys))

    def _record(self, report: Report) -> None:
        state.record(self.exercises_dir, report.results)
        self.statuses.update({r.id: r.status for r in report.results})

    def check_all(self) -> None:
        exercises = list(self.cat.exercises)
        self.clear()
        self.say(f"Grading all {len(exercises)} exercises (q stops)...")
        from grader.warm import Cancelled

        try:
            report = self.grader.grade(exercises, progress=render.stderr_progress(len(exercises)))
        except Cancelled:
            self._drop_queued_quit()
            self.say("Stopped.")
            return
        self._record(report)
        render.write_text(report, self.out)
        following = self._next_unfinished(None)
        if following is not None:
            self.current = following
        self.say(f"\n{KEYS}   (current: {self.current.id}; save its file to re-grade)")

    # -- screen -------------------------------------------------------------------------------
    def show(self, result: CheckResult) -> None:
        self.last = result
        self.clear()
        # The file is the truth: `pytorch101 reset` or `check` in another terminal changes it.
        self.statuses = {**state.load(self.exercises_dir)["status"], result.id: result.status}
        out = []
        done = sum(self.statuses.get(e.id) in ("passed", "skipped") for e in self.cat.exercises)
        chapter = self.cat.chapter(self.current.chapter)
        in_chapter = sum(self.statuses.get(e.id) in ("passed", "skipped")
                         for e in chapter.exercises)
        out.append(f"pytorch101 · {chapter.dir} {in_chapter}/{len(chapter.exercises)} · "
                   f"overall {done}/{len(self.cat.exercises)}")
        out += self.notes
        self.notes = []
        line = stub_line(self.exercises_dir, self.current)
        where = render.relative(self.exercises_dir / self.current.path) + (
            f":{line}" if line else "")
        mark = render.MARKS[result.status]
        out.append(self._paint(f"{mark} {result.id}: {result.status} "
                               f"({result.duration:.2f} s)", result.status) + f"   {where}"
                   + render.not_run_note(result))
        if result.message and result.status != "passed":
            out.append(_indent(result.message.rstrip(), 2))
        level = self.hints_shown.get(self.current.id)
        if level and result.status != "passed":
            from grader.commands.hint import render as render_hint

            text = render_hint(self.current, level, seen=level - 1).rstrip()
            if self.keys:
                text = text.replace(f"`pytorch101 hint {self.current.id}`", "press h")
            out.append("")
            out.append(_indent(text, 2))
        if result.status not in ("passed", "skipped"):
            total = len(self.current.hints)
            seen = state.load(self.exercises_dir)["hints"].get(self.current.id, 0)
            if self.keys:
                out.append(f"\n{KEYS}   (hints seen: {seen}/{total})")
            else:
                out.append(f"\nStuck? `pytorch101 hint {self.current.id}` "
                           f"(hints seen: {seen}/{total}). Save the file to re-grade.")
        if self.tty:  # the screen was cleared: say again what is going on
            out.append(f"(watching {render.relative(self.exercises_dir)} for saves: "
                       f"{self._mode()})")
        self.say("\n".join(out))

    def show_hint(self) -> None:
        progress = state.load(self.exercises_dir)["hints"]
        total = len(self.current.hints)
        level = min(int(progress.get(self.current.id, 0)) + 1, total)
        if self.hints_shown.get(self.current.id) == total:
            level = total
        state.record_hint(self.exercises_dir, self.current.id, level)
        self.hints_shown[self.current.id] = level
        if self.last is not None and self.last.id == self.current.id:
            self.show(self.last)
        else:
            from grader.commands.hint import render as render_hint

            self.say(render_hint(self.current, level, seen=level - 1))

    def clear(self) -> None:
        if self.tty:
            self.out.write("\033[2J\033[H")

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def status_line(self, text: str) -> None:
        """A transient line on a terminal ('grading ...'); nothing when not a terminal."""
        if self.tty:
            self.out.write("\r\033[K" + text)
            self.out.flush()

    def _paint(self, text: str, status: str) -> str:
        return render.paint(text, status, self.color)

    def _mode(self) -> str:
        if not self.watcher.poll:
            return "file events"
        why = f": {self.poll_reason}" if self.poll_reason else ""
        return f"polling every {self.watcher.interval:g} s{why}"

    # -- order --------------------------------------------------------------------------------
    def _next_unfinished(self, after: Exercise | None) -> Exercise | None:
        from grader.commands.list import next_unfinished

        return next_unfinished(self.statuses, after)

    def _following(self, exercise: Exercise) -> Exercise:
        exercises = list(self.cat.exercises)
        return exercises[(exercises.index(exercise) + 1) % len(exercises)]

    # -- terminal -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def terminal(self) -> Iterator[None]:
        """Single key presses without Enter while watching (``grader.keys``); the terminal is
        restored on exit."""
        if not self.keys:
            yield
            return
        from grader import keys

        with keys.reading(self._keys_pressed):
            yield

    def _drop_queued_quit(self) -> None:
        """The q that stopped "check all" is not also a request to quit watch."""
        kept = []
        while True:
            try:
                kind, keys = self.events.get_nowait()
            except queue.Empty:
                break
            keys = "".join(k for k in keys if k not in QUIT_KEYS)
            if keys or kind != "keys":
                kept.append((kind, keys))
        for event in kept:
            self.events.put(event)


def chapter_complete(cat: catalogue.Catalogue, done: Exercise, following: Exercise | None,
                     statuses: dict[str, str]) -> list[str]:
    """A line to celebrate when ``done`` finished its chapter (every exercise in it passes)."""
    chapter = cat.chapter(done.chapter)
    if not all(is_done(statuses.get(e.id)) for e in chapter.exercises):
        return []
    line = f"🎉 Chapter {chapter.dir} ({chapter.title}) complete: {len(chapter.exercises)}/"
    line += f"{len(chapter.exercises)} exercises pass."
    if following is not None and following.chapter != done.chapter:
        nxt = cat.chapter(following.chapter)
        line += f" Next chapter: {nxt.dir} — {nxt.title}."
    return [line]


def _starting_point(chosen: list[Exercise], exercises_dir: Path) -> Exercise:
    """Of the exercises a target names (a chapter, a file), the first not passed yet."""
    statuses = state.load(exercises_dir)["status"]
    return next((e for e in chosen if statuses.get(e.id) not in ("passed", "skipped")), chosen[0])


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt()


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.splitlines())
