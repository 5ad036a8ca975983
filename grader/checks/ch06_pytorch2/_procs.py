"""Run one function in several processes: the "ranks" of the distributed checks.

The processes are children of the worker that holds the learner's code, so they live and die
inside its sandbox (process group, memory limit, death with the worker). They are forked where
the platform can fork (a forked child starts in milliseconds, with torch already imported);
elsewhere they are spawned, which pickles ``body`` and its arguments by reference. Each rank
writes its outcome (value or error, as data) to a file; a rank that has not finished by the
deadline is killed and reported as such, so a collective that waits forever (a rank that never
joins a barrier) costs seconds, not the exercise's whole time limit.

This module imports only torch and the standard library: a spawned rank imports it.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import re
import tempfile
import time
import traceback
from typing import Any, Callable

import torch
import torch.distributed as dist

RANK_DEADLINE = {"fork": 15.0, "spawn": 90.0, "forkserver": 90.0}
"""Seconds every rank of one run may take, all together (then they are killed); a spawned rank
starts a fresh interpreter that imports torch first."""
COLLECTIVE_TIMEOUT = datetime.timedelta(seconds=4)
"""How long a collective of a group the grader initialised waits for a missing rank."""
_TORCH_DIR = os.path.join(os.path.dirname(os.path.realpath(torch.__file__)), "")
FORKED_MARK = {"forked": False}
"""Set in the launching process; a forked child inherits it, a spawned one does not."""


START_METHOD_VARIABLE = "PYTORCH101_START_METHOD"
"""Set to "spawn" or "forkserver" to grade the distributed checks as on a platform without fork."""


def start_method() -> str:
    wanted = os.environ.get(START_METHOD_VARIABLE)
    if wanted in multiprocessing.get_all_start_methods():
        return wanted
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def run_ranks(body: Callable[..., Any], world_size: int, args: tuple, root: str,
              deadline: float | None = None) -> list[dict[str, Any]]:
    """Run ``body(rank, world_size, *args)`` in ``world_size`` processes; their outcomes by rank.

    An outcome is ``{"value": ...}`` or ``{"error": "Type: first line"}``. The stub's own
    NotImplementedError is raised here again, so that an unfinished exercise reads as todo.
    """
    out = tempfile.mkdtemp(dir=root)
    method = start_method()
    deadline = deadline or RANK_DEADLINE[method]
    context = multiprocessing.get_context(method)
    processes = [context.Process(target=_rank_main, args=(rank, world_size, body, args, out))
                 for rank in range(world_size)]
    for process in processes:
        process.start()
    end = time.monotonic() + deadline
    for process in processes:
        process.join(max(0.0, end - time.monotonic()))
    outcomes = []
    for rank, process in enumerate(processes):
        if process.is_alive():
            process.kill()
            process.join()
            outcomes.append({"error": f"rank {rank} had not finished after {deadline:.0f} s "
                                      "(waiting for a rank that never joined a collective?)"})
            continue
        path = os.path.join(out, f"rank{rank}.pt")
        if not os.path.exists(path):
            outcomes.append({"error": f"rank {rank} died (exit code {process.exitcode})"})
            continue
        outcomes.append(torch.load(path, weights_only=True))
    for outcome in outcomes:
        if outcome.get("todo"):
            raise NotImplementedError(outcome["todo"])
    return outcomes


def _rank_main(rank: int, world_size: int, body: Callable[..., Any], args: tuple,
               out: str) -> None:
    # A forked child must rebuild torch's thread pool before a second thread exists: the first
    # backward pass starts autograd's thread, which sets the thread count too, and two threads
    # rebuilding the pool at once abort the process ("Invalid thread pool!"). The sandbox's
    # worker does the same as soon as it starts.
    torch.set_num_threads(1)
    try:
        outcome: dict[str, Any] = {"value": body(rank, world_size, *args)}
    except BaseException as exc:  # noqa: BLE001 - reported as data
        outcome = {"error": describe(exc)}
        if isinstance(exc, NotImplementedError) and _raised_by_a_stub(exc):
            outcome["todo"] = str(exc)
    finally:
        if dist.is_available() and dist.is_initialized():
            dist.destroy_process_group()
    torch.save(outcome, os.path.join(out, f"rank{rank}.pt"))


_GLOO_TRANSPORT = re.compile(r"gloo/transport|Connection (closed|reset) by peer|Broken pipe")


def describe(exc: BaseException) -> str:
    """``Type: first line of the message`` (addresses and ports removed, so runs compare)."""
    lines = str(exc).strip().splitlines()
    if lines and _GLOO_TRANSPORT.search(lines[0]):
        # gloo's wording (reset, closed, timed out; its source line) depends on timing alone
        return (f"{type(exc).__name__}: a collective call (barrier, all_reduce, ...) failed: "
                "another process had left the group or crashed")
    first = re.sub(r"(0x[0-9a-fA-F]+|:\d{4,5}\b)", "", lines[0] if lines else "")[:200]
    first = re.sub(r"Process \d+ ", "A process ", first)  # which rank failed first varies
    return f"{type(exc).__name__}: {first}"


def _raised_by_a_stub(exc: BaseException) -> bool:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return False
    last = frames[-1]
    return "raise" in (last.line or "") and not os.path.realpath(last.filename).startswith(
        _TORCH_DIR)


def init_group(rank: int, world_size: int, init_method: str) -> None:
    """The grader's own process-group set-up (gloo, short collective timeout)."""
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size,
                            timeout=COLLECTIVE_TIMEOUT)


def init_method(root: str) -> str:
    """A fresh rendezvous file for one run (no TCP port to collide with other runs)."""
    return "file://" + os.path.join(tempfile.mkdtemp(dir=root), "rendezvous")


def good_run_rank(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                  args: tuple) -> None:
    """The grader's own ``run_rank`` (launch is graded with it, not with the learner's)."""
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size,
                            timeout=COLLECTIVE_TIMEOUT)
    try:
        fn(rank, world_size, *args)
    finally:
        dist.destroy_process_group()


def report_group(rank: int, world_size: int, out: str, pause: float,
                 fail_rank: int | None = None) -> None:
    """A rank function: write what this process sees of its group to ``out``, after a pause
    (so that a launcher returning before its processes end is seen to); then rank
    ``fail_rank`` raises (a little later, so that the others have written theirs)."""
    total = torch.tensor([float(rank + 1)])
    dist.all_reduce(total)
    time.sleep(pause)
    facts = {"rank": rank, "world_size": world_size, "backend": str(dist.get_backend()),
             "group rank": dist.get_rank(), "group size": dist.get_world_size(),
             "all_reduce of rank + 1": total.item(),
             "started by": "fork" if FORKED_MARK["forked"] else "a fresh interpreter",
             "parent": os.getppid()}
    torch.save(facts, os.path.join(out, f"report{rank}.pt"))
    if rank == fail_rank:
        time.sleep(0.1)
        raise RuntimeError(f"rank {rank} failed on purpose")


def read_reports(out: str, world_size: int) -> list[Any]:
    reports = []
    for rank in range(world_size):
        path = os.path.join(out, f"report{rank}.pt")
        reports.append(torch.load(path, weights_only=True) if os.path.exists(path) else None)
    return reports
