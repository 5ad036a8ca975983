# %% [markdown]
# # Starting the processes: torch.multiprocessing and torchrun
# A distributed job is N copies of one program that find each other. `torchrun --nproc-per-node
# 2 train.py` starts them from the shell and tells each its RANK and WORLD_SIZE (and where to
# meet: MASTER_ADDR, MASTER_PORT) in environment variables. From Python,
# `torch.multiprocessing.start_processes(fn, args, nprocs, start_method=...)` (and its
# shorthand `mp.spawn`) starts `nprocs` processes running `fn(rank, *args)`, waits for them, and
# raises if one failed. "spawn" starts fresh interpreters (safe with CUDA, the only way on
# Windows; it pickles `fn`, which must be a module-level function); "fork" copies the parent
# (fast, Linux only, and never after CUDA was initialised). Each process then joins the group.
# Docs: https://pytorch.org/docs/stable/multiprocessing.html#spawning-subprocesses

# %%
from typing import Any, Callable

import torch.distributed as dist
import torch.multiprocessing as mp


def run_rank(rank: int, fn: Callable[..., Any], world_size: int, init_method: str,
             args: tuple) -> None:
    """What each started process runs: join the group, run ``fn``, leave the group.

    ``dist.init_process_group("gloo", init_method=init_method, rank=rank,
    world_size=world_size)`` (gloo: the CPU backend; "nccl" is for NVIDIA GPUs), then
    ``fn(rank, world_size, *args)``, then ``dist.destroy_process_group()``, also when ``fn``
    raises (try/finally), so that the error reaches the launcher and the group is torn down.
    ``init_method`` says where the processes meet: "env://" (what torchrun sets up),
    "tcp://host:port" or "file:///shared/path".
    TensorFlow 2: the ``TF_CONFIG`` environment variable and
    ``tf.distribute.MultiWorkerMirroredStrategy()``.
    Example:
        >>> run_rank(0, train, 1, "file:///tmp/rendezvous", (epochs,))  # one process alone
    """
    # Why: every process must join before any collective, and leave cleanly even after an error.
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    try:
        fn(rank, world_size, *args)
    finally:
        dist.destroy_process_group()


def launch(fn: Callable[..., Any], world_size: int, init_method: str, args: tuple = (),
           start_method: str = "spawn") -> None:
    """Run ``fn(rank, world_size, *args)`` in ``world_size`` new processes and wait for all.

    Start them with ``torch.multiprocessing.start_processes`` running ``run_rank`` (the
    module-level function above, so that "spawn" can pickle it) with the arguments
    ``(fn, world_size, init_method, args)``, ``nprocs=world_size`` and ``start_method``. Return
    only once every process has finished; if one raised, raise too (start_processes does both
    by default: ``join=True``).
    TensorFlow 2: no launcher; each worker is a separate program started with its own
    ``TF_CONFIG`` (``torchrun`` is PyTorch's command-line launcher).
    Example:
        >>> launch(train, 2, "file:///tmp/rendezvous", (epochs,))   # ranks 0 and 1
    """
    # Why: start_processes starts, joins, and re-raises a process's error in the launcher.
    mp.start_processes(run_rank, args=(fn, world_size, init_method, args), nprocs=world_size,
                       start_method=start_method)
