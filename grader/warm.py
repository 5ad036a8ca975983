"""Fast re-grading: a warm process that grades again and again without starting over.

Starting Python and importing torch, hypothesis and pytest takes seconds; a re-grade should take
a fraction of one. ``WarmGrader`` imports all of that (and each chapter's ``preload``) once and
rehearses one grading of the reference (to fill the caches a first grading fills). Then each run
calls the ordinary ``grader.runner.grade`` (there is no second way of grading):

- where the sandbox forks (Linux), in a child forked for the run, which sends the ``Report`` back
  through a pipe: every run starts from the same clean state, however pytest or hypothesis leave
  their globals;
- elsewhere (macOS's forkserver, Windows' spawn), in this process, with one sandbox kept for the
  whole session, so the next workers are already starting while the learner edits.

Either way learner code runs only in sandbox workers, loaded fresh for every run.
"""

from __future__ import annotations

import _thread
import contextlib
import gc
import importlib
import os
import pickle
import signal
import sys
import threading
import time
from typing import Callable, Iterable

from grader import catalogue, heap
from grader.catalogue import Exercise
from grader.results import CheckResult, Report
from grader.runner import Options, grade
from grader.sandbox import system
from grader.sandbox.backends import Sandbox, choose


class Cancelled(Exception):
    """The grading child was stopped because the caller asked (e.g. the learner pressed q)."""


class WarmGrader:
    """Grade by forking the warm process; ``grade`` has ``runner.grade``'s signature and result."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.warmed = False
        self.sandbox_name = choose(options.sandbox)
        self.forking = self.sandbox_name == "fork"
        """Each run in a forked child (else in this process, with ``self.sandbox`` kept warm)."""
        self.sandbox: Sandbox | None = None
        self._cancel = threading.Event()
        self._grading_here = False

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
        if not self.forking:
            preload = [m for chapter in cat.chapters for m in chapter.preload]
            self.sandbox = Sandbox(self.sandbox_name, preload)
            self.sandbox.expect(None)  # keep workers warm for the whole session
        self._rehearse(cat.exercises[:1])
        if self.forking:  # this process runs no autograd from here on: its children need not ask
            system.settle_fork_safety()
        # Everything imported so far lives as long as the process: move it out of the garbage
        # collector's sight, so collections in the children are quick and do not touch (and so
        # copy) the shared pages.
        gc.collect()
        gc.freeze()
        heap.resume_collections()  # held back by grader.cli.entry during the imports
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
            grade(exercises, Options(exercises=solutions, solutions=solutions,
                                     sandbox=self.sandbox_name), sandbox=self.sandbox)

    def cancel(self) -> None:
        """Stop the run in progress (from another thread, e.g. on a key press): ``grade`` raises
        Cancelled. Does nothing when no run is in progress."""
        self._cancel.set()
        if self._grading_here:
            _thread.interrupt_main()  # pytest ends the session; the checks' teardown stops workers

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close()
            self.sandbox = None

    def grade(self, exercises: Iterable[Exercise],
              progress: Callable[[CheckResult], None] | None = None) -> Report:
        """Grade; raises Cancelled when ``cancel()`` is called meanwhile."""
        chosen = list(exercises)
        if not self.warmed:
            self.warm()
        self._cancel.clear()
        report = self._grade_in_child(chosen, progress) if self.forking else self._grade_here(
            chosen, progress)
        if self._cancel.is_set():
            raise Cancelled()
        return report

    def _grade_here(self, chosen: list[Exercise],
                    progress: Callable[[CheckResult], None] | None) -> Report:
        self._grading_here = True
        try:
            return grade(chosen, self.options, progress=progress, sandbox=self.sandbox)
        except KeyboardInterrupt:
            if self._cancel.is_set():
                raise Cancelled() from None
            raise
        finally:
            self._grading_here = False

    def _grade_in_child(self, chosen: list[Exercise],
                        progress: Callable[[CheckResult], None] | None) -> Report:
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
            data = self._receive(read_fd)
        except BaseException:
            _stop(pid)
            raise
        finally:
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

    def _receive(self, fd: int) -> bytes:
        """The child's report, read by a thread while this one watches for ``cancel()``."""
        chunks: list[bytes] = []
        done = threading.Event()

        def read() -> None:
            try:
                while chunk := os.read(fd, 1 << 20):
                    chunks.append(chunk)
            finally:
                os.close(fd)
                done.set()

        threading.Thread(target=read, name="pytorch101-report", daemon=True).start()
        while not done.wait(0.05):
            if self._cancel.is_set():
                raise Cancelled()
        return b"".join(chunks)


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
