"""How worker processes are started: three backends behind one seam.

- ``fork``: the grading process forks each worker. Fast (the worker starts with torch loaded)
  and the default wherever forking a process that loaded torch is safe (Linux, WSL).
- ``forkserver``: a clean server process imports torch once, then forks each worker on request.
  As fast as fork after its start; the default where fork exists but is unsafe to use from the
  grading process (macOS).
- ``spawn``: each worker is a fresh interpreter. Works everywhere (the only way on Windows); a
  pool keeps the next interpreters starting while the current ones grade.

Every backend hands the host the same thing, a ``Process``: its pid and three pipes (requests in,
replies out, the learner's output out). The worker inside is the same code whichever way it was
started (``grader.sandbox.worker.serve``), so verdicts do not depend on the backend. Which one
runs is probed (``choose``), or forced with ``PYTORCH101_SANDBOX=fork|forkserver|spawn``.
"""

from __future__ import annotations

import collections
import os
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Iterable

from grader.sandbox import system

VARIABLE = "PYTORCH101_SANDBOX"
NAMES = ("fork", "forkserver", "spawn")
WORKER_BROKEN = 70
"""Exit status of a worker process whose own setup failed (EX_SOFTWARE)."""
WARM_SPAWNED = 2
"""Spawned workers kept starting ahead of need in a session with no end in sight (watch): the
exercise being edited and one spare. A run of known length (check) keeps more where there are
cores and memory to start them on (``warm_for_a_run``)."""
MOST_WARM_SPAWNED = 4
SPAWNED_WORKER_MEMORY = 1 << 30
"""Bytes of memory to count per worker kept warm: a spawned worker that imported torch and
TorchDynamo peaks at about 665 MiB here (resident, shared libraries included)."""


class Unavailable(Exception):
    """The backend asked for cannot run on this platform; the message says why and what can."""


@dataclass
class Process:
    """A started worker process, as the grader sees it."""

    pid: int
    requests: int
    """Descriptor the grader writes requests to."""
    replies: int
    """Descriptor the grader reads replies from."""
    output: int
    """Descriptor the grader reads the worker's stdout and stderr from."""
    backend: Backend = field(repr=False)

    def kill(self) -> None:
        """Kill the worker and everything it started, without waiting."""
        system.kill_tree(self.pid, own_group=True)

    def exit(self, wait: float) -> system.Exit | None:
        """How the worker ended, waiting up to ``wait`` seconds to know; None if still unknown."""
        return self.backend.exit_of(self, wait)

    def release(self) -> None:
        """The grader is done with it: reap it now or later, so no zombie is left."""
        self.backend.release(self)


class Backend:
    """Starts worker processes; subclasses differ only in how."""

    name = ""

    def start(self, preload: tuple[str, ...] = ()) -> Process:
        """A worker process; ``preload``: the modules it will import (a backend that starts
        workers ahead of need starts them with these)."""
        raise NotImplementedError

    def expect(self, count: int | None) -> None:
        """About how many more workers this run will start (None: no end in sight, as in watch):
        a backend that starts workers ahead of need starts no more than that."""

    def exit_of(self, process: Process, wait: float) -> system.Exit | None:
        raise NotImplementedError

    def release(self, process: Process) -> None:
        """Default: nothing to do (someone else reaps)."""

    def close(self) -> None:
        """Stop what the backend keeps running (a pool, a server) and reap what it can."""


# -- fork -------------------------------------------------------------------------------------
class ForkBackend(Backend):
    """Fork the grading process: the worker starts with everything already imported."""

    name = "fork"

    def __init__(self) -> None:
        from grader.sandbox import worker

        self._worker = worker  # imported here, in the parent: a child only runs it
        self._unreaped: set[int] = set()

    def start(self, preload: tuple[str, ...] = ()) -> Process:
        self._reap(block=False)
        ours, theirs = _pipes()
        pid = os.fork()
        if pid == 0:  # the child: whatever happens, it must never return into the grader
            try:
                for fd in ours:
                    os.close(fd)
                self._worker.run_in_child(*theirs)
            finally:
                os._exit(WORKER_BROKEN)
        for fd in theirs:
            os.close(fd)
        return Process(pid, *ours, backend=self)

    def exit_of(self, process: Process, wait: float) -> system.Exit | None:
        deadline = time.monotonic() + wait
        while True:
            try:
                pid, status = os.waitpid(process.pid, os.WNOHANG)
            except ChildProcessError:
                return None
            if pid:
                self._unreaped.discard(process.pid)
                return system.Exit.from_wait_status(status)
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.005)

    def release(self, process: Process) -> None:
        self._unreaped.add(process.pid)  # tearing down a big process takes ~50 ms: reap later
        self._reap(block=False)

    def close(self) -> None:
        self._reap(block=True)

    def _reap(self, block: bool) -> None:
        for pid in list(self._unreaped):
            try:
                done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self._unreaped.discard(pid)


# -- spawn ------------------------------------------------------------------------------------
class SpawnBackend(Backend):
    """A fresh interpreter per worker (``python -m grader.sandbox.spawned``), a few kept warm.

    The warm ones are started like the last worker asked for (with the same modules imported):
    the next exercise is most often of the same chapter, and in watch it is the same one.
    """

    name = "spawn"

    def __init__(self, warm: int = WARM_SPAWNED) -> None:
        self.warm = warm
        self.warm_in_a_run = warm_for_a_run() if warm else 0
        self._pool: list[tuple[tuple[str, ...], Process]] = []
        self._popens: dict[int, subprocess.Popen] = {}
        self._expected: int | None = None

    def expect(self, count: int | None) -> None:
        self._expected = count

    def start(self, preload: tuple[str, ...] = ()) -> Process:
        ready = next((i for i, (modules, _) in enumerate(self._pool) if modules == preload), None)
        process = self._pool.pop(ready)[1] if ready is not None else self._launch(preload)
        if self._expected is not None:
            self._expected = max(self._expected - 1, 0)
        wanted = (self.warm if self._expected is None
                  else min(self.warm_in_a_run, self._expected))
        for stale in [entry for entry in self._pool if entry[0] != preload]:
            self._pool.remove(stale)  # started for another chapter: no longer wanted
            self._discard(stale[1])
        while len(self._pool) > wanted:
            self._discard(self._pool.pop()[1])
        while len(self._pool) < wanted:  # the next ones import torch while this one works
            self._pool.append((preload, self._launch(preload)))
        return process

    def _launch(self, preload: tuple[str, ...]) -> Process:
        ours, theirs = _pipes()
        requests_read, replies_write, output_write = theirs
        popen = subprocess.Popen(
            [sys.executable, "-m", "grader.sandbox.spawned", *preload],
            stdin=requests_read, stdout=replies_write, stderr=output_write, close_fds=True,
            cwd=os.getcwd(), env=_child_environment(), **_new_session())
        for fd in theirs:
            os.close(fd)
        self._popens[popen.pid] = popen
        return Process(popen.pid, *ours, backend=self)

    def exit_of(self, process: Process, wait: float) -> system.Exit | None:
        popen = self._popens.get(process.pid)
        if popen is None:
            return None
        try:
            code = popen.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return None
        return system.Exit.from_returncode(code)

    def release(self, process: Process) -> None:
        for pid, popen in list(self._popens.items()):
            if popen.poll() is not None:
                del self._popens[pid]

    def _discard(self, idle: Process) -> None:
        idle.kill()
        for fd in (idle.requests, idle.replies, idle.output):
            os.close(fd)

    def close(self) -> None:
        while self._pool:
            self._discard(self._pool.pop()[1])
        for popen in self._popens.values():
            try:
                popen.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self._popens.clear()


def warm_for_a_run(cores: int | None = None, memory: int | None = None) -> int:
    """Spawned workers to keep starting ahead of need in a run of known length: one per core
    beyond the one grading and what the memory available holds, at least ``WARM_SPAWNED`` (the
    pipeline works on two cores too) and at most ``MOST_WARM_SPAWNED``."""
    cores = cores if cores is not None else system.usable_cores()
    memory = memory if memory is not None else system.available_memory()
    fits = memory // SPAWNED_WORKER_MEMORY if memory else MOST_WARM_SPAWNED
    return max(WARM_SPAWNED, min(MOST_WARM_SPAWNED, cores - 1, fits))


# -- forkserver -------------------------------------------------------------------------------
SERVER_REPLY = struct.Struct("!cqq")
"""What the fork server says: (b"R", 0, 0) ready; (b"P", pid, 0) forked; (b"E", pid, status)."""


class ForkserverBackend(Backend):
    """Ask a clean server process (which imported torch once) to fork each worker."""

    name = "forkserver"

    def __init__(self, preload: Iterable[str] = ()) -> None:
        self.preload = tuple(preload)
        self._server: subprocess.Popen | None = None
        self._socket = None
        self._pids: collections.deque[int] = collections.deque()
        self._exits: dict[int, int] = {}
        self._changed = threading.Condition()

    def start(self, preload: tuple[str, ...] = ()) -> Process:
        import socket

        if self._server is None:
            self._start_server()
        ours, theirs = _pipes()
        socket.send_fds(self._socket, [b"F"], list(theirs))
        for fd in theirs:
            os.close(fd)
        with self._changed:
            if not self._changed.wait_for(lambda: self._pids or self._server_gone(), 30):
                raise RuntimeError("the fork server did not answer within 30 s")
            if not self._pids:
                raise RuntimeError("the fork server stopped")
            pid = self._pids.popleft()
        return Process(pid, *ours, backend=self)

    def exit_of(self, process: Process, wait: float) -> system.Exit | None:
        with self._changed:
            self._changed.wait_for(lambda: process.pid in self._exits or self._server_gone(),
                                   wait)
            status = self._exits.pop(process.pid, None)
        return None if status is None else system.Exit.from_wait_status(status)

    def close(self) -> None:
        if self._server is None:
            return
        self._socket.close()  # the server sees the end of the stream and stops
        try:
            self._server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()
        self._server = None

    def _start_server(self) -> None:
        import socket

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server = subprocess.Popen(
            [sys.executable, "-m", "grader.sandbox.forkserver", str(theirs.fileno()),
             *self.preload],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, cwd=os.getcwd(), env=_child_environment(),
            start_new_session=True)
        theirs.close()
        self._socket = ours
        kind, _, _ = SERVER_REPLY.unpack(_receive_exactly(ours, SERVER_REPLY.size))
        if kind != b"R":
            raise RuntimeError("the fork server did not start")
        threading.Thread(target=self._listen, name="pytorch101-forkserver", daemon=True).start()

    def _listen(self) -> None:
        """Collect what the server says: the pids of new workers and how workers ended."""
        while True:
            try:
                data = _receive_exactly(self._socket, SERVER_REPLY.size)
            except OSError:
                data = b""
            with self._changed:
                if not data:
                    self._changed.notify_all()
                    return
                kind, pid, status = SERVER_REPLY.unpack(data)
                if kind == b"P":
                    self._pids.append(pid)
                elif kind == b"E":
                    self._exits[pid] = status
                self._changed.notify_all()

    def _server_gone(self) -> bool:
        return self._server is None or self._server.poll() is not None


def _receive_exactly(sock, size: int) -> bytes:  # type: ignore[no-untyped-def]
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return b""
        data += chunk
    return data


# -- choosing -----------------------------------------------------------------------------------
def available() -> list[str]:
    """The backends this platform can run, best first."""
    found = []
    if system.can_fork():
        found.append("fork")
    if system.can_pass_descriptors():
        found.append("forkserver")
    found.append("spawn")
    return found


def choose(requested: str | None = None) -> str:
    """The backend to use: ``requested`` or $PYTORCH101_SANDBOX if set, else the best available.

    Raises Unavailable when the one asked for cannot run here.
    """
    wanted = (requested or os.environ.get(VARIABLE) or "").strip().lower()
    can = available()
    if not wanted:
        return can[0]
    if wanted not in NAMES:
        raise Unavailable(f"{VARIABLE}={wanted!r} is not a sandbox backend; use one of "
                          f"{', '.join(NAMES)}")
    if wanted not in can:
        raise Unavailable(f"the {wanted} sandbox cannot run on this platform "
                          f"({sys.platform}); available here: {', '.join(can)}")
    return wanted


def create(name: str, preload: Iterable[str] = ()) -> Backend:
    if name == "fork":
        return ForkBackend()
    if name == "forkserver":
        return ForkserverBackend(preload)
    return SpawnBackend()


# -- plumbing -----------------------------------------------------------------------------------
def _pipes() -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Three pipes: (the grader's ends), (the worker's ends) as (requests, replies, output)."""
    requests_read, requests_write = os.pipe()
    replies_read, replies_write = os.pipe()
    output_read, output_write = os.pipe()
    return ((requests_write, replies_read, output_read),
            (requests_read, replies_write, output_write))


def _new_session() -> dict:
    """Popen options that keep the terminal's Ctrl-C away from a worker and group its children."""
    if os.name == "nt":
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    return {"start_new_session": True}


def _child_environment() -> dict[str, str]:
    """The grader's environment, with the folder holding the grader package importable."""
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    return env


class Sandbox:
    """The workers of one grading run: the chosen backend, and spawn for checks that use CUDA
    (a process forked after CUDA started cannot use it). Also collects, once each, the notes on
    what this platform could not do."""

    def __init__(self, name: str | None = None, preload: Iterable[str] = ()) -> None:
        self.name = choose(name)
        self.preload = tuple(preload)
        self.notes: list[str] = []
        if self.name == "fork" and not system.autograd_survives_fork():
            self.name = "forkserver" if "forkserver" in available() else "spawn"
            self.note(f"this Python process has run autograd in a way that breaks it in "
                      f"processes forked from it (after torch.compile, for instance), so the "
                      f"workers start from a fresh {self.name} process instead: slower, the "
                      f"same verdicts")
        self._main = create(self.name, self.preload)
        self._cuda: Backend | None = None
        self._shared: dict[bool, dict] = {False: {}, True: {}}

    def backend(self, cuda: bool = False) -> Backend:
        if not cuda or self.name == "spawn":
            return self._main
        if self._cuda is None:
            self._cuda = SpawnBackend(warm=0)
        return self._cuda

    def expect(self, count: int | None) -> None:
        self._main.expect(count)

    def shared(self, cuda: bool = False) -> dict:
        """Where the run's shared trusted worker lives (``"worker"``), for CUDA checks or not."""
        return self._shared[cuda]

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def close(self) -> None:
        for slot in self._shared.values():
            worker = slot.pop("worker", None)
            if worker is not None:
                worker.close()
        for backend in (self._main, self._cuda):
            if backend is not None:
                backend.close()
