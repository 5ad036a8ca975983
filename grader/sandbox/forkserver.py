"""The fork server: ``python -m grader.sandbox.forkserver FD [MODULE ...]`` (POSIX only).

A clean interpreter that imports torch, the worker and the given modules once, then forks one
worker per request. It talks to the grader over the Unix socket FD: each request is one byte with
the worker's three pipe ends attached (SCM_RIGHTS); it answers with the new worker's pid and,
later, how each worker ended (see ``backends.SERVER_REPLY``). When the grader closes the socket,
or dies, the server ends. It never runs learner code itself: only its forked children do.
"""

import os
import select
import socket
import sys


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    import torch  # noqa: F401 - the point of the server: workers start with torch loaded

    from grader.sandbox import backends, system, worker

    system.die_with_parent()
    worker.preload(tuple(sys.argv[2:]))
    reply = backends.SERVER_REPLY
    sock.sendall(reply.pack(b"R", 0, 0))
    while True:
        ready, _, _ = select.select([sock], [], [], 0.05)
        for pid, status in _finished():
            sock.sendall(reply.pack(b"E", pid, status))
        if not ready:
            continue
        message, fds, _, _ = socket.recv_fds(sock, 1, 3)
        if not message:
            os._exit(0)  # the grader is gone; each worker's lifeline ends it too
        pid = os.fork()
        if pid == 0:  # the child: whatever happens, it must never return into the server
            try:
                sock.close()
                worker.run_in_child(*fds)
            finally:
                os._exit(worker.BROKEN)
        for fd in fds:
            os.close(fd)
        sock.sendall(reply.pack(b"P", pid, 0))


def _finished() -> list[tuple[int, int]]:
    found = []
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return found
        if not pid:
            return found
        found.append((pid, status))


if __name__ == "__main__":
    main()
