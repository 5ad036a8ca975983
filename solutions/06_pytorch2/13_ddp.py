# %% [markdown]
# # Data-parallel training: tf.distribute to DistributedDataParallel
# `tf.distribute.MirroredStrategy` keeps one copy of the model per GPU inside one process;
# `MultiWorkerMirroredStrategy` does it across processes. PyTorch's DistributedDataParallel
# (DDP) always runs one *process* per replica (per GPU, or per CPU worker with the "gloo"
# backend): each process builds the model, wraps it in `DistributedDataParallel`, and trains
# on its own share of every batch. The wrapper copies rank 0's weights to every process when it
# is made, and during `backward()` averages the gradients over the processes, so every process
# takes the same step and the weights stay identical everywhere.
# Docs: https://pytorch.org/tutorials/intermediate/ddp_tutorial.html

# %%
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel


def ddp_train_steps(model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor, steps: int,
                    lr: float) -> list[float]:
    """Train ``model`` with DDP for ``steps`` SGD steps on this process's batch; return the
    loss over *all* processes' batches at each step.

    The process group is set up already (gloo; ``dist.get_rank()``, ``dist.get_world_size()``).
    Wrap the model, ``ddp = DistributedDataParallel(model)`` (no ``device_ids`` on a CPU); make
    ``torch.optim.SGD(ddp.parameters(), lr=lr)``. Each step: ``optimizer.zero_grad()`` (the
    parameters may hold stale gradients), ``loss = F.cross_entropy(ddp(inputs), targets)`` (call
    the wrapper, not ``model``: only the wrapper synchronises), ``loss.backward()``,
    ``optimizer.step()``. Every process has a batch of the same size, so the average of the
    processes' losses is the loss of the combined batch: append that, ``dist.all_reduce`` (in
    place, a sum by default) of a copy, ``loss.detach().clone()``, divided by the world size,
    as a Python float (``op=dist.ReduceOp.AVG`` averages in one call with NCCL and with gloo in
    recent releases; gloo in older ones, torch 2.6 among them, refuses it). The weights of
    ``model`` then stay identical on every process and equal those of one process trained on
    the combined batch.
    TensorFlow 2: ``with strategy.scope(): model = ...``, then ``strategy.run(step, ...)`` and
    ``strategy.reduce(tf.distribute.ReduceOp.MEAN, per_replica_loss, axis=None)``.
    Example (in each of 2 processes, rank 0 with the first half of a batch of 8, rank 1 with
    the second):
        >>> losses = ddp_train_steps(net, inputs[4 * rank:4 * rank + 4], targets[...], 3, 0.1)
    """
    # Why: DDP averages gradients in backward; all_reduce (a sum) / world size turns local losses
    # into the combined batch's (a sum works on every backend and release; AVG does not).
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        average = loss.detach().clone()
        dist.all_reduce(average)  # in place: the sum over the processes
        average /= dist.get_world_size()
        losses.append(average.item())
    return losses


def save_on_rank0(ddp_model: DistributedDataParallel, path: str) -> None:
    """Save the wrapped model's weights to ``path`` from rank 0 only; all ranks wait for it.

    Every process holds the same weights, so one file written once is enough: writing it from
    every process at the same time may leave it corrupt. On rank 0 (``dist.get_rank() == 0``;
    the RANK environment variable exists only under torchrun) call
    ``torch.save(ddp_model.module.state_dict(), path)``: the inner module's state_dict, whose keys
    have no ``module.`` prefix, so it loads into a plain model. Then, on *every* rank,
    ``dist.barrier()``: no process returns before the file is complete (a barrier on rank 0 only
    waits forever for the others).
    TensorFlow 2: ``if task_type == "chief": model.save_weights(path)`` with
    MultiWorkerMirroredStrategy (the other workers write to temporary paths).
    Example:
        >>> save_on_rank0(ddp, "ckpt/weights.pt")
        >>> net.load_state_dict(torch.load("ckpt/weights.pt"))   # a plain, unwrapped model
    """
    # Why: one writer avoids a corrupt file; the barrier keeps the others from reading too early.
    if dist.get_rank() == 0:
        torch.save(ddp_model.module.state_dict(), path)
    dist.barrier()
