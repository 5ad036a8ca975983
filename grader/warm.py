"""Fast re-grading: a warm process that forks one child per grading run.

Starting Python and importing torch, hypothesis and pytest takes seconds; a re-grade should take
a fraction of one. ``WarmGrader`` imports all of that (and each chapter's ``preload``) once,
rehearses one grading of the reference (to fill the caches a first grading fills), then
for every run forks a child that calls the ordinary ``grader.runner.grade`` (there is no second
way of grading) and sends the ``Report`` back through a pipe. The child starts from the same
clean state every time, however pytest or hypothesis leave their globals, and learner code still
runs only in the sandbox workers the checks fork from that child, loaded fresh each time.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import pickle
import select
import signal
import sys
import time
from typing import Callable, Iterable

from grader import catalogue
from grader.catalogue import Exercise
from grader.plugin import CheckResult
from grader.runner import Options, Report, grade


class Cancelled(Exception):
    """The grading child was stopped because the caller asked (e.g. the learner pressed q)."""


class WarmGrader:
    """Grade by forking the warm process; ``grade`` has ``runner.grade``'s signature and result."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.warmed = False

    def warm(self) -> float:
        """Import what grading needs, once; returns the seconds it took."""
        started = time.perf_counter()
        import hypothesis  # noqa: F401
        import pytest  # noqa: F401
        import torch  # noqa: F401

        import grader.kata  # noqa: F401
        import grader.plugin  # noqa: F401

        cat = catalogue.load()
        for chapter in cat.chapters:
            for module in chapter.preload:
                with contextlib.suppress(ImportError):
                    importlib.import_module(module)
        for name in ("pytest_timeout", "_pytest.timing"):
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
        # The checks themselves, under the names pytest gives them (grader/checks/... are
        # packages), so collection in each child finds them imported. They hold no bare asserts
        # to rewrite (the runner silences pytest's warning about that).
        for module in dict.fromkeys(e.check_module for e in cat.exercises):
            with contextlib.suppress(Exception):  # a broken check fails in the child, as usual
                importlib.import_module(module)
        self._rehearse(cat.exercises[:1])
        # Everything imported so far lives as long as the process: move it out of the garbage
        # collector's sight, so collections in the children are quick and do not touch (and so
        # copy) the shared pages.
        gc.collect()
        gc.freeze()
        self.warmed = True
        return time.perf_counter() - started

    def _rehearse(self, exercises: Iterable[Exercise]) -> None:
        """Grade these exercises' reference against itself, once, in this process.

        The first grading in a process fills caches (pytest's, hypothesis', torch's) that every
        child forked afterwards inherits instead of filling again: about 35 ms of each re-grade
        here. Only reference code runs, in workers as always; a failure only loses the gain.
        """
        from grader import paths

        solutions = str(paths.solutions_dir(self.options.solutions))
        with contextlib.suppress(Exception):
            grade(exercises, Options(exercises=solutions, solutions=solutions))

    def grade(self, exercises: Iterable[Exercise],
              progress: Callable[[CheckResult], None] | None = None,
              cancel_fds: Iterable[int] = (),
              cancel: Callable[[int], bool] | None = None) -> Report:
        """Grade in a forked child. ``cancel(fd)`` is asked when one of ``cancel_fds`` is readable
        while the child works; when it returns True the child is killed and Cancelled raised."""
        chosen = list(exercises)
        if not self.warmed:
            self.warm()
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: grade, send the report, leave without running any cleanup
            code = 0
            try:
                os.close(read_fd)
                _quiet_child()
                report = grade(chosen, self.options, progress=progress)
                _send(write_fd, report)
            except BaseException:  # noqa: BLE001 - never return into the parent's loop
                code = 70
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        os.close(write_fd)
        try:
            data = self._receive(read_fd, pid, list(cancel_fds), cancel)
        except BaseException:
            _stop(pid)
            raise
        finally:
            os.close(read_fd)
            _reap(pid)
        try:
            report = pickle.loads(data) if data else None
        except Exception:  # noqa: BLE001
            report = None
        if isinstance(report, Report):
            return report
        message = "the grading process ended without a report (it crashed)"
        return Report([CheckResult(e.id, e.chapter, e.path, "error", message, 0.0)
                       for e in chosen], crashed=message)

    def _receive(self, fd: int, pid: int, cancel_fds: list[int],
                 cancel: Callable[[int], bool] | None) -> bytes:
        chunks = []
        while True:
            try:
                ready, _, _ = select.select([fd, *cancel_fds], [], [])
            except InterruptedError:
                continue
            for other in ready:
                if other != fd and cancel is not None and cancel(other):
                    raise Cancelled()
            if fd in ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)


def _quiet_child() -> None:
    """The child must not read the learner's keys; Ctrl-C is the parent's to handle. SIGTERM
    becomes KeyboardInterrupt, so pytest ends the session and the checks' teardown stops the
    sandbox workers (they run in their own sessions: killing the child alone would orphan them)."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt()


def _stop(pid: int, grace: float = 3.0) -> None:
    """Ask the child to stop (SIGTERM: teardown runs), then kill it if it does not."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        time.sleep(0.02)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _send(fd: int, report: Report) -> None:
    data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.close(fd)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
