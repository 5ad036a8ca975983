"""What each rank of the distributed checks runs. Module-level and light (torch and the small
helpers only): a rank that is spawned rather than forked imports this module to unpickle its
function, and the learner's time budget pays for that import."""

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


SLOW_DISK = 0.3
"""Seconds rank 0's torch.save waits before writing: a rank that does not wait for it returns
while the file is still missing."""


def save_rank(rank, world_size, save_on_rank0, init_method, path, seed):
    _procs.init_group(rank, world_size, init_method)
    ddp = DistributedDataParallel(_helpers.tiny_mlp(seed + rank))
    calls = []
    original = torch.save

    def slow_save(obj, f, *args, **kwargs):
        calls.append(rank)
        time.sleep(SLOW_DISK)
        return original(obj, f, *args, **kwargs)

    with patched((torch, "save", slow_save)):
        save_on_rank0(ddp, path)
    try:
        saved = torch.load(path, weights_only=True)
        complete = True
    except Exception:  # noqa: BLE001 - missing or half written
        saved, complete = None, False
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
