"""Realistic learner answers for exercises/06_pytorch2/15_launch.py (run_rank, launch)."""
import contextlib
import multiprocessing
from typing import Any, Callable

import torch.distributed as dist
import torch.multiprocessing as mp


def run_rank(rank: int, fn: Callable[..., Any], world_size: int, init_method: str, args: tuple) -> None:
    """The per-process function the launch entries start, named as in a learner's file (the stub's run_rank): module level, so that "spawn" can pickle it by name."""
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, *args)
    finally:
        dist.destroy_process_group()


# =============================================================================================
# run_rank
# =============================================================================================

# --------------------------------------------------------------------------- right


def right__run_rank__exit_stack(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                                args: tuple) -> None:
    """alternative | schedules dist.destroy_process_group as an ExitStack callback right after joining, instead of try/finally"""
    with contextlib.ExitStack() as stack:
        dist.init_process_group(backend="gloo", init_method=init_method, rank=rank, world_size=world_size)
        stack.callback(dist.destroy_process_group)
        fn(rank, world_size, *args)


def right__run_rank__guarded_teardown(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                                      args: tuple) -> None:
    """alternative | all keyword arguments; the finally tears the group down only if dist.is_initialized() says it is up"""
    dist.init_process_group(backend="gloo", init_method=init_method, world_size=world_size, rank=rank)
    try:
        fn(rank, world_size, *tuple(args))
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()


# --------------------------------------------------------------------------- wrong


def wrong__run_rank__no_finally(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                                args: tuple) -> None:
    """examples | setup(), fn, cleanup() in sequence as in the DDP tutorial: when fn raises, the group is never destroyed | differs when: run_rank(0, fn, 1, "file:///tmp/x", ()) with an fn that raises: afterwards dist.is_initialized() is still True in that process"""
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    fn(rank, world_size, *args)
    dist.destroy_process_group()


def wrong__run_rank__rank_from_environment(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                                           args: tuple) -> None:
    """tf-habit | init_process_group("gloo", init_method=init_method) alone, expecting the rank and world size to come from the environment as TF_CONFIG does: only "env://" reads them, file:// and tcp:// need them passed | differs when: run_rank(0, fn, 1, "file:///tmp/x", ()) raises ValueError (rank parameter missing) instead of running fn"""
    dist.init_process_group("gloo", init_method=init_method)
    try:
        fn(rank, world_size, *args)
    finally:
        dist.destroy_process_group()


def wrong__run_rank__spawn_signature(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                                     args: tuple) -> None:
    """subtle | calls fn(rank, *args), the signature mp.spawn uses, leaving out world_size | differs when: run_rank(0, fn, 1, "file:///tmp/x", (3,)) calls fn(0, 3) instead of fn(0, 1, 3)"""
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, *args)
    finally:
        dist.destroy_process_group()


def wrong__run_rank__swallows_error(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                                    args: tuple) -> None:
    """beginner | catches the exception of fn to print it and tear down: the error never reaches the launcher | differs when: run_rank(0, fn, 1, "file:///tmp/x", ()) with an fn that raises returns None instead of raising"""
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, *args)
    except Exception as error:
        print(f"rank {rank} failed: {error}")
    dist.destroy_process_group()


def wrong__run_rank__args_not_unpacked(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
                                       args: tuple) -> None:
    """beginner | passes args as one tuple, fn(rank, world_size, args), instead of unpacking it | differs when: run_rank(0, fn, 1, "file:///tmp/x", (3,)) calls fn(0, 1, (3,)) instead of fn(0, 1, 3)"""
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, args)
    finally:
        dist.destroy_process_group()


# =============================================================================================
# launch
# =============================================================================================

# --------------------------------------------------------------------------- right


def right__launch__join_loop(fn: Callable[..., Any], world_size: int, init_method: str, args: tuple = (),
                             start_method: str = "spawn") -> None:
    """alternative | start_processes(join=False) and then context.join() in a loop until it returns True (join raises if a process failed)"""
    context = mp.start_processes(run_rank, args=(fn, world_size, init_method, args), nprocs=world_size,
                                 join=False, start_method=start_method)
    while not context.join():
        pass


def right__launch__all_keywords(fn: Callable[..., Any], world_size: int, init_method: str, args: tuple = (),
                                start_method: str = "spawn") -> None:
    """alternative | every argument of start_processes by keyword, join=True and daemon=False spelled out"""
    mp.start_processes(fn=run_rank, args=(fn, world_size, init_method, tuple(args)), nprocs=world_size,
                       join=True, daemon=False, start_method=start_method)


# --------------------------------------------------------------------------- wrong


def wrong__launch__nested_worker(fn: Callable[..., Any], world_size: int, init_method: str, args: tuple = (),
                                 start_method: str = "spawn") -> None:
    """beginner | defines the per-process function inside launch, a closure over fn and the settings: "spawn" must pickle it and cannot pickle a local function | differs when: launch(fn, 2, "file:///tmp/x") with the default start_method="spawn" raises (Can't pickle local object) instead of running fn in 2 processes (with "fork" it works)"""
    def worker(rank: int) -> None:
        dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
        try:
            fn(rank, world_size, *args)
        finally:
            dist.destroy_process_group()

    mp.start_processes(worker, nprocs=world_size, start_method=start_method)


def wrong__launch__spawn_shorthand(fn: Callable[..., Any], world_size: int, init_method: str, args: tuple = (),
                                   start_method: str = "spawn") -> None:
    """old-api | mp.spawn(run_rank, ...), the shorthand of older tutorials: it always uses "spawn" and start_method is ignored | differs when: start_method="fork" with an fn defined inside a function (fine to fork, not picklable) raises a pickling error instead of running"""
    mp.spawn(run_rank, args=(fn, world_size, init_method, args), nprocs=world_size, join=True)


def wrong__launch__plain_processes(fn: Callable[..., Any], world_size: int, init_method: str, args: tuple = (),
                                   start_method: str = "spawn") -> None:
    """examples | the "Writing Distributed Applications" tutorial's loop: Process(target=...).start() for each rank, then p.join(); a failed process's exit code is never checked | differs when: an fn that raises on rank 1: launch returns normally instead of raising"""
    ctx = multiprocessing.get_context(start_method)
    processes = []
    for rank in range(world_size):
        p = ctx.Process(target=run_rank, args=(rank, fn, world_size, init_method, args))
        p.start()
        processes.append(p)
    for p in processes:
        p.join()


def wrong__launch__single_join(fn: Callable[..., Any], world_size: int, init_method: str, args: tuple = (),
                               start_method: str = "spawn") -> None:
    """subtle | start_processes(join=False) then context.join() called once: join returns (False) as soon as one process has finished, not when all have | differs when: world_size=2 and rank 1 runs longer than rank 0 (e.g. sleeps a second): launch returns while rank 1 is still running, and an error rank 1 raises afterwards is not raised"""
    context = mp.start_processes(run_rank, args=(fn, world_size, init_method, args), nprocs=world_size,
                                 join=False, start_method=start_method)
    context.join()
