"""Realistic learner answers for exercises/06_pytorch2/13_ddp.py (ddp_train_steps, save_on_rank0)."""
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel


# =============================================================================================
# ddp_train_steps
# =============================================================================================

# --------------------------------------------------------------------------- right


def right__ddp_train_steps__sum_then_divide(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                                            steps: int, lr: float) -> list[float]:
    """alternative | reduces the loss with ReduceOp.SUM and divides by dist.get_world_size() itself, instead of ReduceOp.AVG"""
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    world_size = dist.get_world_size()
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        total = loss.detach().clone()
        dist.all_reduce(total, op=dist.ReduceOp.SUM)
        losses.append(total.item() / world_size)
    return losses


def right__ddp_train_steps__all_gather(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                                       steps: int, lr: float) -> list[float]:
    """alternative | collects every process's loss with dist.all_gather and averages the gathered list; the optimizer is built over model.parameters() (the same tensors DDP wraps)"""
    ddp_model = DistributedDataParallel(model)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    history: list[float] = []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(ddp_model(inputs), targets)
        loss.backward()
        opt.step()
        mine = loss.detach().reshape(1)
        gathered = [torch.empty_like(mine) for _ in range(dist.get_world_size())]
        dist.all_gather(gathered, mine)
        history.append(torch.cat(gathered).mean().item())
    return history


# --------------------------------------------------------------------------- wrong


def wrong__ddp_train_steps__calls_inner_model(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                                              steps: int, lr: float) -> list[float]:
    """beginner | wraps the model but runs the forward pass through model, not the wrapper: DDP's reducer never expects the backward, the gradients are not averaged and each process steps on its own batch | differs when: 2 processes with different halves of a batch: after the first step the weights differ between the ranks (and from one process trained on the whole batch)"""
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(inputs), targets)
        loss.backward()
        optimizer.step()
        avg = loss.detach().clone()
        dist.all_reduce(avg, op=dist.ReduceOp.AVG)
        losses.append(avg.item())
    return losses


def wrong__ddp_train_steps__global_batch_scaling(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                                                 steps: int, lr: float) -> list[float]:
    """tf-habit | divides the loss by the world size before backward, as tf.nn.compute_average_loss(global_batch_size=...) does for a SUM-reducing strategy; DDP already averages the gradients, so they come out world_size times too small | differs when: 2 processes: each step moves the weights half as far as one process trained on the combined batch (the reported losses are the unscaled ones)"""
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    world_size = dist.get_world_size()
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(ddp(inputs), targets)
        (loss / world_size).backward()
        optimizer.step()
        avg = loss.detach().clone()
        dist.all_reduce(avg, op=dist.ReduceOp.AVG)
        losses.append(avg.item())
    return losses


def wrong__ddp_train_steps__local_loss(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                                       steps: int, lr: float) -> list[float]:
    """examples | records loss.item(), the process's own batch's loss, as the DDP examples print it: no all_reduce, so each rank reports a different number | differs when: 2 processes with different halves of a batch: rank 0 returns the loss of its half instead of the loss of the combined batch"""
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def wrong__ddp_train_steps__zero_grad_last(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                                           steps: int, lr: float) -> list[float]:
    """subtle | clears the gradients after optimizer.step() instead of before backward: stale gradients the parameters already hold are added into the first step | differs when: model's parameters come with a leftover .grad (e.g. from an earlier loss.backward()): the first step applies that gradient too, so the weights differ from the right ones"""
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = F.cross_entropy(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        avg = loss.detach().clone()
        dist.all_reduce(avg, op=dist.ReduceOp.AVG)
        losses.append(avg.item())
    return losses


def wrong__ddp_train_steps__data_parallel(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                                          steps: int, lr: float) -> list[float]:
    """old-api | wraps with nn.DataParallel, the older single-process multi-GPU wrapper: it does not communicate between processes, so gradients are not averaged across ranks | differs when: 2 processes with different halves of a batch: after the first step the weights differ between the ranks"""
    parallel = nn.DataParallel(model)
    optimizer = torch.optim.SGD(parallel.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(parallel(inputs), targets)
        loss.backward()
        optimizer.step()
        avg = loss.detach().clone()
        dist.all_reduce(avg, op=dist.ReduceOp.AVG)
        losses.append(avg.item())
    return losses


# =============================================================================================
# save_on_rank0
# =============================================================================================

# --------------------------------------------------------------------------- right


def right__save_on_rank0__strip_prefix(ddp_model: DistributedDataParallel, path: str) -> None:
    """alternative | takes the wrapper's own state_dict and strips the "module." prefix from each key with str.removeprefix"""
    if dist.get_rank() == 0:
        state = {key.removeprefix("module."): value for key, value in ddp_model.state_dict().items()}
        torch.save(state, path)
    dist.barrier()


def right__save_on_rank0__file_object(ddp_model: DistributedDataParallel, path: str) -> None:
    """alternative | is_main flag computed first, writes through an open binary file, barrier in a finally so that every rank reaches it"""
    is_main = dist.get_rank() == 0
    try:
        if is_main:
            with open(path, "wb") as f:
                torch.save(ddp_model.module.state_dict(), f)
    finally:
        dist.barrier()


# --------------------------------------------------------------------------- wrong


def wrong__save_on_rank0__wrapper_state_dict(ddp_model: DistributedDataParallel, path: str) -> None:
    """beginner | saves ddp_model.state_dict(), the wrapper's: every key starts with "module." and the file does not load into a plain model | differs when: a DDP-wrapped nn.Linear(4, 2) writes the keys ['module.weight', 'module.bias'] instead of ['weight', 'bias']"""
    if dist.get_rank() == 0:
        torch.save(ddp_model.state_dict(), path)
    dist.barrier()


def wrong__save_on_rank0__rank_from_env(ddp_model: DistributedDataParallel, path: str) -> None:
    """tf-habit | reads the rank from the environment, as a TF worker reads TF_CONFIG: RANK exists only under torchrun, so processes started by mp.spawn all see the default 0 and all write the file | differs when: 2 processes started by torch.multiprocessing (no RANK variable): rank 1 writes the file as well, two torch.save calls on one path instead of one"""
    if int(os.environ.get("RANK", "0")) == 0:
        torch.save(ddp_model.module.state_dict(), path)
    dist.barrier()


def wrong__save_on_rank0__barrier_first(ddp_model: DistributedDataParallel, path: str) -> None:
    """subtle | puts the barrier before the save ('everyone in step, then save'): the other ranks return while rank 0 is still writing | differs when: 2 processes where rank 1 loads the file as soon as save_on_rank0 returns: it may find the file missing or incomplete"""
    dist.barrier()
    if dist.get_rank() == 0:
        torch.save(ddp_model.module.state_dict(), path)


def wrong__save_on_rank0__no_barrier(ddp_model: DistributedDataParallel, path: str) -> None:
    """examples | the checkpoint line of pytorch/examples' ImageNet script: save on the first rank, no barrier, so the other ranks return at once | differs when: 2 processes where rank 1 loads the file as soon as save_on_rank0 returns: it may find the file missing or incomplete (and a barrier count shows none)"""
    if dist.get_rank() == 0:
        torch.save(ddp_model.module.state_dict(), path)


def wrong__save_on_rank0__whole_module(ddp_model: DistributedDataParallel, path: str) -> None:
    """old-api | torch.save(ddp_model.module, path): pickles the whole module as old tutorials did, not its state_dict | differs when: net.load_state_dict(torch.load(path)) fails: torch.load's default weights_only=True refuses the pickled nn.Module, and it is not a dict of tensors anyway"""
    if dist.get_rank() == 0:
        torch.save(ddp_model.module, path)
    dist.barrier()
