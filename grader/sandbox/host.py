"""The grader's handle on one worker: start it, send calls, enforce limits, kill it.

A worker is forked from the grading process (which has torch imported, so a fork costs tens of
milliseconds) or, for checks that use CUDA, spawned as a fresh interpreter (a process forked after
CUDA started cannot use it). Each worker runs in its own process group so that everything it
started dies with it. Its stdout and stderr are drained while we wait, and capped.
"""

from __future__ import annotations

import atexit
import os
import resource
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any

from grader.sandbox import wire
from grader.sandbox.spec import SideSpec

OUTPUT_LIMIT = 1 << 20
"""Bytes of stdout+stderr a worker may write before it is stopped."""
WORKER_BROKEN = 70
"""Exit status of a forked worker whose own code raised (EX_SOFTWARE)."""
OUTPUT_KEPT = 4000
"""Characters of that output kept to show in a message."""


class WorkerDied(Exception):
    """The worker process ended or broke its pipe; ``cause`` says why in plain words."""

    def __init__(self, cause: str, output: str = "") -> None:
        super().__init__(cause)
        self.cause = cause
        self.output = output


class WorkerTimeout(Exception):
    """The worker did not answer before the deadline; it has been killed."""


@dataclass
class Reply:
    """One decoded answer from a worker."""

    message: dict[str, Any]
    output: str


class Worker:
    """One sandboxed process holding one loaded exercise file."""

    def __init__(self, spec: SideSpec, *, spawn: bool = False) -> None:
        self.spec = spec
        self.spawn = spawn
        self.pid: int | None = None
        self._requests = self._replies = self._output = -1
        self._out = bytearray()
        self._out_total = 0

    # -- life cycle -------------------------------------------------------------------------
    def launch(self) -> None:
        """Start the worker without waiting for it to load its file (see ``loaded``)."""
        reap_finished()
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        out_r, out_w = os.pipe()
        if self.spawn:
            self.pid = self._spawn(req_r, rep_w, out_w)
        else:
            self.pid = self._fork(req_r, rep_w, out_w, (req_w, rep_r, out_r))
        for fd in (req_r, rep_w, out_w):
            os.close(fd)
        self._requests, self._replies, self._output = req_w, rep_r, out_r
        if self.spawn:
            wire.send(self._requests, wire.dumps_request(self.spec))

    def loaded(self, deadline: float) -> dict[str, Any]:
        """Wait for the launched worker's load report (``ok``, ``error``)."""
        return self._receive(deadline).message

    def send(self, request: dict[str, Any]) -> None:
        """Send one request; its reply is read by ``receive`` (meanwhile the caller may do
        other work, such as asking another worker)."""
        self._out.clear()
        try:
            wire.send(self._requests, wire.dumps_request(request))
        except (BrokenPipeError, OSError):
            raise self._died() from None

    def receive(self, deadline: float) -> Reply:
        """Wait for the reply to the request sent last, until ``deadline`` (time.monotonic)."""
        return self._receive(deadline, answer=True)

    def close(self) -> None:
        """Kill the worker and everything it started; reap it."""
        if self.pid is None:
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self._reap(block=False) in (None, _STILL_RUNNING):
            _UNREAPED.add(self.pid)  # tearing down a big process takes ~50 ms: reap it later
        for fd in (self._requests, self._replies, self._output):
            if fd >= 0:
                os.close(fd)
        self._requests = self._replies = self._output = -1
        self.pid = None

    # -- starting ---------------------------------------------------------------------------
    def _fork(self, req_r: int, rep_w: int, out_w: int, parent_ends: tuple[int, ...]) -> int:
        pid = os.fork()
        if pid:
            return pid
        code = 0
        try:
            for fd in parent_ends:
                os.close(fd)
            _become_worker(out_w, self.spec.memory_limit)
            _close_inherited(keep=(req_r, rep_w))
            from grader.sandbox import worker

            worker._die_with_parent()

            worker.serve(self.spec, req_r, rep_w)
        except BaseException:  # noqa: BLE001 - a worker must never return into the grader
            code = WORKER_BROKEN
        finally:
            _flush_quietly()
            os._exit(code)

    def _spawn(self, req_r: int, rep_w: int, out_w: int) -> int:
        process = subprocess.Popen(
            [sys.executable, "-m", "grader.sandbox.worker", str(req_r), str(rep_w)],
            pass_fds=(req_r, rep_w), stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w,
            start_new_session=True, cwd=os.getcwd(), env=_spawn_env(),
        )
        return process.pid

    # -- receiving --------------------------------------------------------------------------
    def _receive(self, deadline: float, answer: bool = False) -> Reply:
        header = self._read(wire.HEADER.size, deadline)
        (size,) = wire.HEADER.unpack(header)
        payload = self._read(size, deadline)
        try:
            message = wire.loads_reply(payload)
        except Exception as exc:  # noqa: BLE001 - a reply we cannot trust or decode
            raise WorkerDied(f"sent back something that is not a result ({exc})") from None
        if not _well_formed(message, answer):
            raise WorkerDied("sent back something that is not a result (did the code replace "
                             "the grader's own functions?)", self.output())
        return Reply(message, self.output())

    def _read(self, size: int, deadline: float) -> bytes:
        chunks, remaining = [], size
        while remaining:
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                self.close()
                raise WorkerTimeout()
            ready, _, _ = select.select([self._replies, self._output], [], [], timeout)
            if self._output in ready:
                self._drain_output()
            if self._replies in ready:
                chunk = os.read(self._replies, min(remaining, 1 << 20))
                if not chunk:
                    raise self._died()
                chunks.append(chunk)
                remaining -= len(chunk)
        return b"".join(chunks)

    def _drain_output(self) -> None:
        chunk = os.read(self._output, 1 << 16)
        if not chunk:
            return
        self._out_total += len(chunk)
        if len(self._out) < OUTPUT_KEPT:
            self._out += chunk[: OUTPUT_KEPT - len(self._out)]
        if self._out_total > OUTPUT_LIMIT:
            output = self.output()
            self.close()
            raise WorkerDied(f"printed more than {OUTPUT_LIMIT // 1024} KiB of output, "
                             "so it was stopped", output)

    def output(self) -> str:
        """What the worker printed during the current call (the first few thousand chars)."""
        return self._out.decode("utf-8", "replace")

    def _died(self) -> WorkerDied:
        output = self.output()
        status = self._reap(block=True)
        self.close()
        return WorkerDied(describe_exit(status), output)

    def _reap(self, block: bool) -> int | None:
        if self.pid is None:
            return None
        try:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return None
        return status if pid else _STILL_RUNNING


_STILL_RUNNING = -1
_UNREAPED: set[int] = set()
"""Killed workers not yet reaped; collected without waiting whenever a worker starts."""


def reap_finished(block: bool = False) -> None:
    """Collect killed workers (all of them, waiting if ``block``) so no zombies pile up."""
    for pid in list(_UNREAPED):
        try:
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _UNREAPED.discard(pid)


atexit.register(reap_finished, True)


def _well_formed(message: Any, answer: bool) -> bool:
    """A reply has the shape the worker's code gives it (the learner's code could forge one).

    ``answer``: the reply to a call (not the report that the file loaded).
    """
    if not isinstance(message, dict) or not isinstance(message.get("ok"), bool):
        return False
    if not isinstance(message.get("forbidden", []), list):
        return False
    error = message.get("error")
    if message["ok"]:
        return error is None and (not answer or (
            "value" in message and isinstance(message.get("args"), list)
            and isinstance(message.get("kwargs"), dict)
            and isinstance(message.get("facts"), dict)))
    return isinstance(error, dict) and all(isinstance(error.get(key), str)
                                           for key in ("kind", "type", "message"))


def describe_exit(status: int | None) -> str:
    """Plain words for how a worker process ended."""
    if status is None:
        return "stopped unexpectedly"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGSEGV:
            return f"crashed with a segmentation fault ({name})"
        if sig == signal.SIGKILL:
            return "was killed (SIGKILL), most likely for using too much memory"
        return f"was killed by signal {name}"
    code = os.WEXITSTATUS(status)
    if code == WORKER_BROKEN:
        return ("broke the grader's worker process (did it replace a function of Python, torch "
                "or the grader that the worker relies on?)")
    return f"exited with status {code} (os._exit or a crash inside a library?)"


def _become_worker(out_w: int, memory_limit: int | None) -> None:
    """In the forked child: own process group, quiet signals, output to the pipe, limits."""
    os.setsid()
    signal.alarm(0)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):
        signal.signal(sig, signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115
    if memory_limit:
        limit = _address_space() + memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _close_inherited(keep: tuple[int, ...]) -> None:
    """Close every file descriptor the fork copied from the grader except 0-2 and ``keep``.

    The grader holds pipes to other workers (the reference's among them) and files of its own;
    code under grading must not be able to read, write or hold them open.
    """
    low = 3
    for fd in sorted(set(keep)):
        if fd >= low:
            os.closerange(low, fd)
            low = fd + 1
    os.closerange(low, _max_fd())


def _max_fd() -> int:
    try:
        return max(int(name) for name in os.listdir("/proc/self/fd")) + 1
    except (OSError, ValueError):
        return os.sysconf("SC_OPEN_MAX")


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _flush_quietly() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001, S110
            pass


def _spawn_env() -> dict[str, str]:
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    return env
