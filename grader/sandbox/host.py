"""The grader's handle on one worker: start it, send calls, enforce limits, kill it.

A worker comes from a backend (``grader.sandbox.backends``: fork, forkserver or spawn) with three
pipes. Two threads read what it sends back: whole reply frames into a queue, and its printed output
into a buffer, so waiting needs nothing but a queue with a timeout, which works the same on every
platform (``select`` cannot wait on pipes on Windows). Every limit is enforced from here, by the
grader's clock and the grader's hand: the time limit (a deadline per call), the output cap, and,
where the worker could not cap its own address space (macOS, Windows), its memory, watched from
outside and stopped at the same limit.
"""

from __future__ import annotations

import os
import queue
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from grader.sandbox import system, wire
from grader.sandbox.backends import Backend, Process
from grader.sandbox.spec import SideSpec

OUTPUT_LIMIT = 1 << 20
"""Bytes of stdout+stderr a worker may write before it is stopped."""
OUTPUT_KEPT = 4000
"""Characters of a call's output kept to show in a message."""
STARTUP_TIMEOUT = 180.0
"""Seconds a worker may take to start (a fresh interpreter importing torch on a busy machine).
The grader's time, never charged to the learner."""
MEMORY_CHECK_INTERVAL = 0.05
"""Seconds between looks at a worker's memory when it is watched from outside."""
OUTPUT_SETTLE = 2.0
"""Seconds to wait for the output of a call to arrive after its reply (it normally has)."""
WORKER_BROKEN = 70
"""Exit status of a worker whose own code failed (see ``worker.BROKEN``)."""

_FLOODED = object()
_CLOSED = None


class WorkerDied(Exception):
    """The worker process ended or broke its pipe; ``cause`` says why in plain words."""

    def __init__(self, cause: str, output: str = "") -> None:
        super().__init__(cause)
        self.cause = cause
        self.output = output


class WorkerOutOfMemory(WorkerDied):
    """The worker went past its memory limit, as seen from outside, and was stopped."""


class WorkerTimeout(Exception):
    """The worker did not answer before the deadline; it has been killed."""


@dataclass
class Reply:
    """One decoded answer from a worker."""

    message: dict[str, Any]
    output: str


class Worker:
    """One sandboxed process holding one loaded exercise file."""

    def __init__(self, spec: SideSpec, backend: Backend) -> None:
        self.spec = spec
        self.backend = backend
        self.process: Process | None = None
        self.memory_guard: str | None = None
        """How the memory limit is kept: "rlimit" (by the worker itself) or "watchdog"."""
        self.is_ready = False
        self.keys: set[str] = set()
        """The sides loaded in this worker (a trusted worker holds several)."""
        self.loading: str | None = None
        """The side whose load report has not been read yet."""
        self._inbox: _Inbox | None = None
        self._marker = ""
        self._memory_ceiling: int | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    # -- life cycle -------------------------------------------------------------------------
    @property
    def alive(self) -> bool:
        return self.process is not None

    def launch(self, key: str = "") -> None:
        """Start the worker (or take a warm one) and send it its file, without waiting."""
        self.process = self.backend.start(self.spec.preload)
        self._inbox = _Inbox(self.process.replies, self.process.output)
        self._marker = _new_marker()
        self.loading = key
        wire.send(self.process.requests, wire.dumps_request({"spec": self.spec, "key": key,
                                                             "marker": self._marker}))

    def ready(self, deadline: float) -> None:
        """Wait until the worker has started (imports done); the grader's time, not the learner's."""
        self._receive(deadline, "ready")
        self.is_ready = True

    def load(self, spec: SideSpec, key: str) -> None:
        """Ask a trusted worker to load one more side; ``loaded`` reads the report."""
        self._marker = _new_marker()
        self._inbox.begin_call()
        self.loading = key
        try:
            wire.send(self.process.requests, wire.dumps_request({"spec": spec, "key": key,
                                                                 "marker": self._marker}))
        except OSError:
            raise self._died() from None

    def loaded(self, deadline: float) -> dict[str, Any]:
        """Wait for the load report (``ok``, ``error``, ``forbidden``, ``memory_guard``)."""
        reply = self._receive(deadline, "load")
        if reply.message["ok"] and self.loading is not None:
            self.keys.add(self.loading)
        self.loading = None
        if "memory_guard" in reply.message:
            self.memory_guard = reply.message.get("memory_guard")
        if self.memory_guard == "watchdog" and self.spec.memory_limit:
            in_use = system.memory_in_use(self.process.pid) if self.process else None
            self._memory_ceiling = (in_use or 0) + self.spec.memory_limit
        return reply.message

    def send(self, request: dict[str, Any]) -> None:
        """Send one request; its reply is read by ``receive`` (meanwhile the caller may do
        other work, such as asking another worker)."""
        self._marker = _new_marker()
        self._inbox.begin_call()
        try:
            wire.send(self.process.requests, wire.dumps_request({**request,
                                                                 "marker": self._marker}))
        except OSError:
            raise self._died() from None

    def receive(self, deadline: float) -> Reply:
        """Wait for the reply to the request sent last, until ``deadline`` (time.monotonic)."""
        return self._receive(deadline, "answer")

    def close(self) -> None:
        """Kill the worker and everything it started; it is reaped later."""
        if self.process is None:
            return
        process, self.process = self.process, None
        process.kill()
        try:
            os.close(process.requests)
        except OSError:
            pass
        process.release()

    def output(self) -> str:
        """What the worker printed during the current call (the first few thousand chars)."""
        return self._inbox.text() if self._inbox else ""

    # -- receiving --------------------------------------------------------------------------
    def _receive(self, deadline: float, kind: str) -> Reply:
        """The next reply, checked to have the shape of a ``kind`` reply (ready, load, answer)."""
        payload = self._next_frame(deadline)
        try:
            message = wire.loads_reply(payload)
        except Exception as exc:  # noqa: BLE001 - a reply we cannot trust or decode
            raise WorkerDied(f"sent back something that is not a result ({exc})") from None
        if not _well_formed(message, kind):
            raise WorkerDied("sent back something that is not a result (did the code replace "
                             "the grader's own functions?)", self.output())
        if message.get("marked"):
            self._inbox.settle(self._marker.encode("ascii"), OUTPUT_SETTLE)
        return Reply(message, self.output())

    def _next_frame(self, deadline: float) -> bytes:
        assert self._inbox is not None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.close()
                raise WorkerTimeout()
            wait = min(remaining, MEMORY_CHECK_INTERVAL) if self._memory_ceiling else remaining
            try:
                item = self._inbox.frames.get(timeout=wait)
            except queue.Empty:
                self._check_memory()
                continue
            if item is _FLOODED:
                self._inbox.settle(None, 0)
                output = self.output()
                self.close()
                raise WorkerDied(f"printed more than {OUTPUT_LIMIT // 1024} KiB of output, "
                                 "so it was stopped", output)
            if item is _CLOSED:
                raise self._died()
            return item

    def _check_memory(self) -> None:
        if self._memory_ceiling is None or self.process is None:
            return
        in_use = system.memory_in_use(self.process.pid)
        if in_use is not None and in_use > self._memory_ceiling:
            output = self.output()
            self.close()
            raise WorkerOutOfMemory("ran out of memory", output)

    def _died(self) -> WorkerDied:
        if self._inbox is not None:
            self._inbox.settle(None, OUTPUT_SETTLE)  # what it printed on its way out
        output = self.output()
        ended = self.process.exit(wait=2.0) if self.process else None
        self.close()
        return WorkerDied(system.describe_exit(ended, WORKER_BROKEN), output)


class _Inbox:
    """What a worker sends back, gathered by two daemon threads that own the read ends.

    Replies arrive as whole frames in ``frames`` (``_CLOSED`` at the end of the pipe); output
    goes to a buffer, up to ``OUTPUT_LIMIT`` bytes in all, after which ``_FLOODED`` is queued.
    """

    def __init__(self, replies: int, output: int) -> None:
        self.frames: queue.Queue[Any] = queue.Queue()
        self._buffer = bytearray()
        self._shown = b""
        self._total = 0
        self._output_ended = False
        self._changed = threading.Condition()
        for target, fd in ((self._read_replies, replies), (self._read_output, output)):
            threading.Thread(target=target, args=(fd,), daemon=True,
                             name="pytorch101-worker-reader").start()

    def settle(self, marker: bytes | None, wait: float) -> None:
        """Wait until the output up to ``marker`` has arrived (or, with None, all of it); it
        becomes the current call's output, the rest waits for the next call."""
        with self._changed:
            self._changed.wait_for(lambda: self._output_ended or (
                marker is not None and marker in self._buffer), wait)
            cut = self._buffer.find(marker) if marker is not None else -1
            if cut < 0:
                self._shown, self._buffer = bytes(self._buffer), bytearray()
            else:
                self._shown = bytes(self._buffer[:cut])
                del self._buffer[:cut + len(marker)]

    def begin_call(self) -> None:
        self._shown = b""

    def text(self) -> str:
        return self._shown[:OUTPUT_KEPT * 4].decode("utf-8", "replace")[:OUTPUT_KEPT]

    def _read_replies(self, fd: int) -> None:
        try:
            while True:
                header = _read_exactly(fd, wire.HEADER.size)
                if header is None:
                    break
                (size,) = wire.HEADER.unpack(header)
                payload = _read_exactly(fd, size)
                if payload is None:
                    break
                self.frames.put(payload)
        finally:
            os.close(fd)
            self.frames.put(_CLOSED)

    def _read_output(self, fd: int) -> None:
        try:
            while True:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                with self._changed:
                    self._total += len(chunk)
                    if self._total > OUTPUT_LIMIT:
                        self.frames.put(_FLOODED)
                        break
                    self._buffer += chunk
                    self._changed.notify_all()
        except OSError:
            pass
        finally:
            os.close(fd)
            with self._changed:
                self._output_ended = True
                self._changed.notify_all()


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, remaining = [], size
    while remaining:
        try:
            chunk = os.read(fd, min(remaining, 1 << 20))
        except OSError:
            return None
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _new_marker() -> str:
    return f"\n<pytorch101-end-of-output {secrets.token_hex(8)}>\n"


def _well_formed(message: Any, kind: str) -> bool:
    """A reply has the shape the worker's code gives it (the learner's code could forge one).

    ``kind``: "ready" (the worker started), "load" (the file loaded) or "answer" (to a call).
    """
    if kind == "ready":
        return isinstance(message, dict) and message.get("ready") is True
    if not isinstance(message, dict) or not isinstance(message.get("ok"), bool):
        return False
    if not isinstance(message.get("forbidden", []), list):
        return False
    error = message.get("error")
    if message["ok"]:
        return error is None and (kind != "answer" or (
            "value" in message and isinstance(message.get("args"), list)
            and isinstance(message.get("kwargs"), dict)
            and isinstance(message.get("facts"), dict)))
    return isinstance(error, dict) and all(isinstance(error.get(key), str)
                                           for key in ("kind", "type", "message"))
