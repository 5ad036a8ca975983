"""run_rank / launch, graded with rank functions of the grader's own (``_procs.report_group``
writes what each process sees of its group; ``_procs.fail_on_rank_one`` raises on rank 1).
run_rank runs in 2 processes the grader forks: the group must be gloo with the right rank and
size, and be gone afterwards, also after an error, which must propagate. launch is called with
start_method="fork" (spawned interpreters would take seconds each) and with the grader's own
run_rank in place of the learner's: every rank must have run, in a child forked from the caller,
before launch returns, and a failing rank must make launch raise. What each process runs must
survive pickling, as "spawn" (the default) pickles it."""

import inspect
import multiprocessing.process
import os
import pickle
import tempfile

import torch.distributed as dist
import torch.multiprocessing as mp

from grader.checks.ch06_pytorch2 import _procs, _ranks
from grader.mistakes import mistake

run_rank = _procs.good_run_rank  # what this module's mistakes of launch start


def run_rank_probe(run_rank, root, world_size):
    """fn reports what it sees of the group on every rank, then raises on rank 1."""
    out = tempfile.mkdtemp(dir=root)
    outcomes = _procs.run_ranks(_ranks.run_rank_body, world_size,
                                (run_rank, _procs.init_method(root), out), root)
    reports = [None if r is None else {
        k: v for k, v in r.items() if k not in ("parent", "started by")}
        for r in _procs.read_reports(out, world_size)]
    return {"what fn saw, by rank": reports,
            "outcome by rank (fn raises on rank 1)": [o.get("value", o.get("error"))
                                                      for o in outcomes]}


def test_run_rank(kata):
    root = str(kata.tmp_path)
    kata.compare("run_rank", {"root": root, "world_size": 2}, probe=run_rank_probe,
                 notes={"result['what fn saw": "inside fn the process must be in a gloo group "
                        "of world_size processes, with its own rank",
                        "result['outcome by rank": "run_rank must re-raise fn's error and leave "
                        "the group in any case (try/finally: dist.destroy_process_group())"})


def launch_probe(launch, root, world_size):
    """fn reports on every rank, then raises on rank 1: launch must have waited for every
    rank, in forked children of the caller, and raise."""
    default = inspect.signature(launch).parameters.get("start_method")
    names = launch.__globals__
    saved = names.get("run_rank")
    names["run_rank"] = _procs.good_run_rank
    _procs.FORKED_MARK["forked"] = True
    out = tempfile.mkdtemp(dir=root)
    started = _record_process_starts()
    try:
        launch(_procs.report_group, world_size, _procs.init_method(root), (out, 0.2, 1),
               start_method=_procs.start_method())
        raised = False
    except Exception as exc:  # noqa: BLE001 - raising (any exception) is the point
        if isinstance(exc, NotImplementedError) and str(exc) == "launch":
            raise
        raised = True
    finally:
        _procs.FORKED_MARK["forked"] = False
        started.restore()
        if saved is None:
            names.pop("run_rank", None)
        else:
            names["run_rank"] = saved
    reports = _procs.read_reports(out, world_size)
    me = os.getpid()
    return {"ranks that had run when launch returned": [r["rank"] for r in reports if r],
            "what each rank saw": [None if r is None else {
                k: v for k, v in r.items() if k not in ("parent", "started by")}
                for r in reports],
            "processes started by": [r["started by"] for r in reports if r],
            "processes are children of the caller": all(r and r["parent"] == me
                                                        for r in reports),
            "launch raised when rank 1 failed": raised,
            "each process runs what spawn can pickle": all(started.picklable),
            "default start_method": None if default is None else default.default}


class _record_process_starts:
    """Note, for every process launch starts (through start_processes, mp.spawn or a
    multiprocessing Process of its own: all of them start a BaseProcess), whether what the
    process runs can be pickled. With start_method="spawn" (the default) it must be, and a
    function defined inside launch cannot; the grader's forked start pickles nothing, so this
    is asked separately."""

    def __init__(self) -> None:
        self.picklable: list[bool] = []
        self._original = multiprocessing.process.BaseProcess.start
        original, record = self._original, self.picklable

        def start(process):
            try:
                pickle.dumps((process._target, process._args, process._kwargs))
                record.append(True)
            except Exception:  # noqa: BLE001 - what spawn would fail on
                record.append(False)
            return original(process)

        multiprocessing.process.BaseProcess.start = start

    def restore(self) -> None:
        multiprocessing.process.BaseProcess.start = self._original


LAUNCH_NOTES = {
    "result['each process runs": "with start_method=\"spawn\" each process's function and "
                                 "arguments are pickled: start the module-level run_rank, not a "
                                 "function defined inside launch",
    "result['ranks that had run": "launch must return only after every process has finished "
                                  "(start_processes(..., join=True), the default)",
    "result['processes started by']": "start the processes with the start_method given "
                                      "(torch.multiprocessing.start_processes(..., "
                                      "start_method=start_method))",
    "result['launch raised": "when a process fails, launch must raise (start_processes raises "
                             "ProcessRaisedException)"}


def test_launch(kata):
    root = str(kata.tmp_path)
    kata.compare("launch", {"root": root, "world_size": 2}, probe=launch_probe,
                 notes=LAUNCH_NOTES)


@mistake("run_rank", diagnosis="No try/finally: when fn raises, dist.destroy_process_group() "
         "never runs and the process stays in the group. Destroy it in a finally block.")
def no_finally(rank, fn, world_size, init_method, args):
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    fn(rank, world_size, *args)
    dist.destroy_process_group()


@mistake("run_rank", diagnosis="The error of fn was swallowed: let it propagate (try/finally, "
         "not try/except), so that the launcher sees the process fail.")
def swallows_errors(rank, fn, world_size, init_method, args):
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, *args)
    except Exception:  # noqa: BLE001 - the mistake
        pass
    finally:
        dist.destroy_process_group()


@mistake("run_rank", diagnosis="NCCL is the backend for NVIDIA GPUs; on CPUs the processes "
         "talk through gloo: dist.init_process_group(\"gloo\", ...).")
def nccl_backend(rank, fn, world_size, init_method, args):
    dist.init_process_group("nccl", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, *args)
    finally:
        dist.destroy_process_group()


@mistake("run_rank", diagnosis="init_method was not passed, so the group looked for torchrun's "
         "environment variables (MASTER_ADDR...): pass init_method=init_method.")
def default_init_method(rank, fn, world_size, init_method, args):
    dist.init_process_group("gloo", rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, *args)
    finally:
        dist.destroy_process_group()


@mistake("run_rank", diagnosis="fn takes (rank, world_size, *args): call "
         "fn(rank, world_size, *args).")
def forgets_world_size(rank, fn, world_size, init_method, args):
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, *args)
    finally:
        dist.destroy_process_group()


@mistake("launch", diagnosis="join=False returns at once, before the processes have finished "
         "(and without their errors): keep the default join=True.")
def does_not_wait(fn, world_size, init_method, args=(), start_method="spawn"):
    mp.start_processes(run_rank, args=(fn, world_size, init_method, args), nprocs=world_size,
                       start_method=start_method, join=False)


@mistake("launch", diagnosis="Each process must run run_rank, which sets up the process group "
         "before calling fn: start_processes(run_rank, args=(fn, world_size, init_method, args), "
         "...).")
def starts_fn_directly(fn, world_size, init_method, args=(), start_method="spawn"):
    mp.start_processes(fn, args=(world_size, *args), nprocs=world_size,
                       start_method=start_method)


@mistake("launch", diagnosis="launch returned although rank 1 failed: nothing raised when a "
         "process ended with an error. Let start_processes wait for every process and raise "
         "(join=True, the default); with processes of your own, join each one, then raise if its "
         "exitcode is not 0.")
def ignores_failures(fn, world_size, init_method, args=(), start_method="spawn"):
    import multiprocessing

    context = multiprocessing.get_context(start_method)
    processes = [context.Process(target=run_rank, args=(rank, fn, world_size, init_method, args))
                 for rank in range(world_size)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()


@mistake("launch", diagnosis="mp.spawn always spawns fresh interpreters and ignores "
         "start_method: use torch.multiprocessing.start_processes(..., "
         "start_method=start_method).")
def always_spawn(fn, world_size, init_method, args=(), start_method="spawn"):
    mp.spawn(run_rank, args=(fn, world_size, init_method, args), nprocs=world_size)


@mistake("launch", diagnosis="With start_method=\"spawn\" (the default), start_processes pickles "
         "the function it starts, and a function defined inside launch cannot be pickled. Start "
         "the module-level run_rank with args=(fn, world_size, init_method, args).")
def local_worker(fn, world_size, init_method, args=(), start_method='spawn'):

    def worker(rank):
        dist.init_process_group('gloo', init_method=init_method, rank=rank, world_size=world_size)
        try:
            fn(rank, world_size, *args)
        finally:
            dist.destroy_process_group()
    mp.start_processes(worker, nprocs=world_size, start_method=start_method)


@mistake("run_rank", diagnosis="args is a tuple of fn's extra arguments: call fn(rank, "
         "world_size, *args), unpacked.")
def args_not_unpacked(rank, fn, world_size, init_method, args):
    dist.init_process_group('gloo', init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, args)
    finally:
        dist.destroy_process_group()


@mistake("run_rank", diagnosis="init_process_group reads the rank and the world size from the "
         "environment only with init_method=\"env://\" (torchrun sets RANK and WORLD_SIZE); with "
         "file:// or tcp:// pass rank=rank, world_size=world_size.")
def group_without_rank(rank, fn, world_size, init_method, args):
    dist.init_process_group('gloo', init_method=init_method)
    try:
        fn(rank, world_size, *args)
    finally:
        dist.destroy_process_group()


# context.join() returns as soon as one process has ended (False while others still run): the
# check sees what ignores_failures shows (no error raised), whose diagnosis covers both.
@mistake("launch", covered_by="ignores_failures")
def joins_once(fn, world_size, init_method, args=(), start_method="spawn"):
    context = mp.start_processes(run_rank, args=(fn, world_size, init_method, args),
                                 nprocs=world_size, join=False, start_method=start_method)
    context.join()
