"""Entry point of a spawned worker: ``python -m grader.sandbox.spawned [MODULE ...]``.

The grader starts it with three pipes as stdin, stdout and stderr: requests, replies and the
learner's output. Before anything is imported (an import may print), the request and reply pipes
move to descriptors of their own, stdout joins stderr on the output pipe and stdin reads from the
null device. Then it imports torch, the worker and the given modules (what the side it will
serve needs, when the grader knows it ahead), and serves like a forked worker. Works wherever
Python does, Windows included.
"""

import os
import sys


def main() -> None:
    requests, replies = os.dup(0), os.dup(1)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", buffering=1, closefd=False, encoding="utf-8",  # noqa: SIM115
                      errors="backslashreplace")
    sys.stderr = open(2, "w", buffering=1, closefd=False, encoding="utf-8",  # noqa: SIM115
                      errors="backslashreplace")
    from grader.sandbox import system, worker

    system.die_with_parent()
    worker.preload(tuple(sys.argv[1:]))
    code = 0
    try:
        worker.serve(requests, replies)
    except BaseException:  # noqa: BLE001 - the process ends here, whatever the learner's code does
        code = worker.BROKEN
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001, S110
                pass
        os._exit(code)


if __name__ == "__main__":
    main()
