"""ddp_train_steps / save_on_rank0: graded in real process groups (gloo, CPU) of 2 processes,
forked from the worker that holds the learner's code (``_procs.run_ranks``); the grader sets the
group up. ddp_train_steps: the ranks start from different weights with different stale
gradients; afterwards the weights must be identical on every rank and equal a one-process run
on the combined batch, and the losses returned must be the combined batch's. save_on_rank0: only
rank 0 may call torch.save (whose writing the grader holds back until the other ranks wait in
dist.barrier() or have returned), the file must hold the inner module's state_dict, and no rank
may return before the file is complete."""

import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from grader.checks.ch06_pytorch2 import _procs, _ranks
from grader.mistakes import mistake


FACTS = ("errors by rank", "weights identical on every rank",
         "weights equal one process trained on the combined batch",
         "losses are the combined batch's", "losses returned on rank 0", "weights on rank 0")


def ddp_probe(ddp_train_steps, root, seed, steps, batch, lr):
    outcomes = _procs.run_ranks(_ranks.train_rank, 2, (
        ddp_train_steps, _procs.init_method(root), seed, steps, batch, lr), root)
    errors = [o.get("error") for o in outcomes]
    if any(errors):
        return dict.fromkeys(FACTS) | {"errors by rank": errors}
    values = [o["value"] for o in outcomes]
    first = values[0]
    close = lambda a, b: torch.allclose(a, b, rtol=1e-4, atol=1e-6)  # noqa: E731
    return {"errors by rank": errors,
            "weights identical on every rank": all(
                torch.equal(a, b) for v in values[1:] for a, b in zip(first["weights"],
                                                                       v["weights"])),
            "weights equal one process trained on the combined batch": all(
                close(a, b) for a, b in zip(first["weights"], first["single weights"])),
            "losses are the combined batch's": isinstance(first["losses"], list) and len(
                first["losses"]) == steps and all(
                    isinstance(a, float) and abs(a - b) <= 1e-5 * max(1.0, abs(b))
                    for a, b in zip(first["losses"], first["single losses"])),
            "losses returned on rank 0": first["losses"],
            "weights on rank 0": first["weights"]}


NOTES = {"result['errors by rank']": "what each process raised (None: nothing)",
         "result['weights identical": "call the DDP wrapper (ddp(inputs)), so that backward "
                                      "averages the gradients over the processes",
         "result['weights equal": "one zero_grad, forward through the wrapper, mean "
                                  "cross-entropy, backward and SGD step per step",
         "result['losses are": "the loss of the combined batch: all_reduce the detached loss "
                               "(a sum), divide by the world size, then .item()"}


def test_ddp_train_steps(kata):
    root = str(kata.tmp_path)
    # One run of two processes per side: a process group costs a fork and a rendezvous.
    kata.compare("ddp_train_steps", {"root": root, "seed": 0, "steps": 3, "batch": 4, "lr": 0.5},
                 probe=ddp_probe, rtol=1e-5, atol=1e-6, notes=NOTES)


def save_probe(save_on_rank0, root, seed):
    path = os.path.join(tempfile.mkdtemp(dir=root), "weights.pt")
    outcomes = _procs.run_ranks(_ranks.save_rank, 2, (
        save_on_rank0, _procs.init_method(root), path, seed), root)
    return {"errors by rank": [o.get("error") for o in outcomes],
            "torch.save calls by rank": [o.get("value", {}).get("torch.save calls")
                                         for o in outcomes],
            "file complete when each rank returned": [
                o.get("value", {}).get("file complete when it returned") for o in outcomes],
            "state_dict saved": outcomes[0].get("value", {}).get("saved")}


SAVE_NOTES = {"result['torch.save calls by rank']": "only rank 0 writes the file",
              "result['file complete when each": "no rank may return before the file is "
              "complete: dist.barrier() on every rank, after rank 0's torch.save",
              "result['state_dict saved']": "save ddp_model.module.state_dict(): keys without "
                                            "the `module.` prefix"}


def test_save_on_rank0(kata):
    root = str(kata.tmp_path)
    kata.compare("save_on_rank0", {"root": root, "seed": 0}, probe=save_probe, exact=True,
                 notes=SAVE_NOTES)


@mistake("ddp_train_steps", diagnosis="The model itself was called, not the DDP wrapper: only "
         "ddp(inputs) sets up the gradient averaging of backward(), so each process trained "
         "alone and the weights drifted apart. Call ddp(inputs).")
def calls_the_module(model, inputs, targets, steps, lr):
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(inputs), targets)
        loss.backward()
        optimizer.step()
        average = loss.detach().clone()
        dist.all_reduce(average)  # a sum: gloo in torch 2.6 has no AVG
        average /= dist.get_world_size()
        losses.append(average.item())
    return losses


@mistake("ddp_train_steps", diagnosis="Each process returned the loss of its own batch: "
         "sum it over the processes with dist.all_reduce on loss.detach().clone(), then divide "
         "by dist.get_world_size(), to get the combined batch's loss.")
def local_losses(model, inputs, targets, steps, lr):
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


@mistake("ddp_train_steps", diagnosis="dist.all_reduce sums by default: the processes' losses "
         "were added, not averaged. Divide the sum by dist.get_world_size().")
def summed_losses(model, inputs, targets, steps, lr):
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        total = loss.detach().clone()
        dist.all_reduce(total)
        losses.append(total.item())
    return losses


@mistake("ddp_train_steps", diagnosis="The stale gradients were not cleared: backward() adds "
         "to .grad, so call optimizer.zero_grad() before every backward pass.")
def no_zero_grad(model, inputs, targets, steps, lr):
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = F.cross_entropy(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        average = loss.detach().clone()
        dist.all_reduce(average)  # a sum: gloo in torch 2.6 has no AVG
        average /= dist.get_world_size()
        losses.append(average.item())
    return losses


@mistake("ddp_train_steps", diagnosis="device_ids names GPUs: on a CPU, make "
         "DistributedDataParallel(model) without device_ids.")
def cpu_device_ids(model, inputs, targets, steps, lr):
    ddp = DistributedDataParallel(model, device_ids=[dist.get_rank()])
    optimizer = torch.optim.SGD(ddp.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        average = loss.detach().clone()
        dist.all_reduce(average)  # a sum: gloo in torch 2.6 has no AVG
        average /= dist.get_world_size()
        losses.append(average.item())
    return losses


@mistake("save_on_rank0", diagnosis="Every process wrote the file: the weights are the same "
         "everywhere, and several writers at once may corrupt it. Save on rank 0 only "
         "(if dist.get_rank() == 0:), then dist.barrier() on every rank.")
def every_rank_saves(ddp_model, path):
    torch.save(ddp_model.module.state_dict(), path)
    dist.barrier()


@mistake("save_on_rank0", diagnosis="The wrapper's state_dict has every key prefixed with "
         "`module.`, so it does not load into a plain model: save "
         "ddp_model.module.state_dict().")
def saves_the_wrapper(ddp_model, path):
    if dist.get_rank() == 0:
        torch.save(ddp_model.state_dict(), path)
    dist.barrier()


@mistake("save_on_rank0", diagnosis="The other ranks returned while rank 0 was still writing: "
         "call dist.barrier() on every rank after the save, so that nobody goes on (and reads "
         "the file) before it is complete.")
def no_barrier(ddp_model, path):
    if dist.get_rank() == 0:
        torch.save(ddp_model.module.state_dict(), path)


@mistake("save_on_rank0", diagnosis="The RANK environment variable is set by torchrun only; "
         "dist.get_rank() gives the rank whatever started the processes.")
def rank_from_environment(ddp_model, path):
    if int(os.environ["RANK"]) == 0:
        torch.save(ddp_model.module.state_dict(), path)
    dist.barrier()


@mistake("save_on_rank0", diagnosis="The barrier is inside `if rank == 0`: rank 0 waits there "
         "for processes that never come. Every rank must call dist.barrier().")
def barrier_on_rank0_only(ddp_model, path):
    if dist.get_rank() == 0:
        torch.save(ddp_model.module.state_dict(), path)
        dist.barrier()


@mistake("save_on_rank0", diagnosis="torch.save(ddp_model.module, ...) pickles the whole module, "
         "which torch.load's default weights_only=True refuses: save "
         "ddp_model.module.state_dict(), its tensors only.")
def pickles_module(ddp_model, path):
    if dist.get_rank() == 0:
        torch.save(ddp_model.module, path)
    dist.barrier()


@mistake("ddp_train_steps", diagnosis="DistributedDataParallel already averages the gradients "
         "over the processes: dividing the loss by the world size too "
         "(tf.nn.compute_average_loss' habit) makes every step world_size times too small.")
def divides_by_world_size(model, inputs, targets, steps, lr):
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
        dist.all_reduce(avg)  # a sum: gloo in torch 2.6 has no AVG
        avg /= dist.get_world_size()
        losses.append(avg.item())
    return losses


@mistake("ddp_train_steps", diagnosis="nn.DataParallel splits a batch over the GPUs of one "
         "process; it does not talk to the other processes, so their gradients are never "
         "averaged. Wrap the model with DistributedDataParallel(model).")
def data_parallel(model, inputs, targets, steps, lr):
    from torch import nn
    parallel = nn.DataParallel(model)
    optimizer = torch.optim.SGD(parallel.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(parallel(inputs), targets)
        loss.backward()
        optimizer.step()
        avg = loss.detach().clone()
        dist.all_reduce(avg)  # a sum: gloo in torch 2.6 has no AVG
        avg /= dist.get_world_size()
        losses.append(avg.item())
    return losses
