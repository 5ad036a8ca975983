"""What each rank of the distributed checks runs. Module-level and light (torch and the small
helpers only): a rank that is spawned rather than forked imports this module to unpickle its
function, and the learner's time budget pays for that import."""

import os
import time

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from grader.checks._patch import patched
from grader.checks.ch06_pytorch2 import _helpers, _procs


def train_rank(rank, world_size, ddp_train_steps, init_method, seed, steps, batch, lr):
    _procs.init_group(rank, world_size, init_method)
    model = _helpers.tiny_mlp(seed + rank)  # different weights: DDP must start from rank 0's
    for p in model.parameters():
        p.grad = torch.full_like(p, float(rank + 1))  # stale gradients, different on each rank
    x, y = _helpers.classification_data(batch * world_size, seed)
    mine = slice(rank * batch, (rank + 1) * batch)
    losses = ddp_train_steps(model, x[mine], y[mine], steps, lr)
    result = {"losses": losses, "weights": _helpers.params(model)}
    if rank == 0:  # the same training in one process, on the combined batch
        single = _helpers.tiny_mlp(seed)
        optimizer = torch.optim.SGD(single.parameters(), lr=lr)
        result["single losses"] = []
        for _ in range(steps):
            optimizer.zero_grad()
            loss = F.cross_entropy(single(x), y)
            loss.backward()
            optimizer.step()
            result["single losses"].append(loss.item())
        result["single weights"] = _helpers.params(single)
    return result


DISK_PATIENCE = 5.0
"""Longest wait of rank 0's torch.save for the other ranks (see save_rank)."""


def _mark(path):
    with open(path, "w"):
        pass


def save_rank(rank, world_size, save_on_rank0, init_method, path, seed):
    """Rank 0's torch.save writes only once every other rank is either waiting in
    dist.barrier() or has returned (and looked for the file): so a rank that returns without
    waiting for the file finds it missing, every time, however the processes are scheduled."""
    _procs.init_group(rank, world_size, init_method)
    ddp = DistributedDataParallel(_helpers.tiny_mlp(seed + rank))
    folder = os.path.dirname(path)
    calls = []
    save, barrier = torch.save, dist.barrier

    def waiting_save(obj, f, *args, **kwargs):
        calls.append(rank)
        if rank == 0:
            end = time.monotonic() + DISK_PATIENCE
            others = list(range(1, world_size))
            while others and time.monotonic() < end:
                others = [r for r in others
                          if not os.path.exists(os.path.join(folder, f"in_barrier{r}"))
                          and not os.path.exists(os.path.join(folder, f"returned{r}"))]
                time.sleep(0.005)
        return save(obj, f, *args, **kwargs)

    def marked_barrier(*args, **kwargs):
        marker = os.path.join(folder, f"in_barrier{rank}")
        _mark(marker)
        try:
            return barrier(*args, **kwargs)
        finally:
            os.remove(marker)

    with patched((torch, "save", waiting_save), (dist, "barrier", marked_barrier)):
        save_on_rank0(ddp, path)
    try:
        saved = torch.load(path, weights_only=True)
        complete = True
    except Exception:  # noqa: BLE001 - missing or half written
        saved, complete = None, False
    _mark(os.path.join(folder, f"returned{rank}"))
    return {"torch.save calls": len(calls), "file complete when it returned": complete,
            "saved": saved if rank == 0 else None}


def run_rank_body(rank, world_size, run_rank, init_method, out):
    try:
        run_rank(rank, _procs.report_group, world_size, init_method, (out, 0.0, 1))
        raised = None
    except Exception as exc:  # noqa: BLE001 - reported as data
        if isinstance(exc, NotImplementedError) and str(exc) == "run_rank":
            raise
        raised = _procs.describe(exc)
    return {"raised": raised, "still in a group afterwards": dist.is_initialized()}
