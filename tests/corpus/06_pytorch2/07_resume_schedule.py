"""Realistic learner answers for exercises/06_pytorch2/07_resume_schedule.py (load_training_state)."""
import torch
from torch import nn


# --------------------------------------------------------------------------- right


def right__load_training_state__cpu_file_object(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """alternative | reads through an open binary file with map_location="cpu" (load_state_dict copies onto the parameters' own devices) and returns int(epoch)"""
    with open(path, "rb") as f:
        checkpoint = torch.load(f, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    return int(checkpoint["epoch"])


def right__load_training_state__loop_over_entries(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                  scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """alternative | loops over (key, object) pairs and calls each object's load_state_dict with its entry"""
    state = torch.load(path, weights_only=True)
    for key, obj in (("model", model), ("optimizer", optimizer), ("scheduler", scheduler)):
        obj.load_state_dict(state[key])
    return state["epoch"]


# --------------------------------------------------------------------------- wrong


def wrong__load_training_state__no_scheduler(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                             scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """examples | the resume block of older training scripts: model and optimizer only; the fresh scheduler starts its warm-up again | differs when: a warm-up/cosine LambdaLR saved after 10 steps: the next scheduler.step() sets the lr to the value of step 1 instead of step 11"""
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint["epoch"]


def wrong__load_training_state__next_epoch(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                           scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """tf-habit | returns the epoch to start from, as Keras' fit(initial_epoch=...) wants, instead of the saved epoch | differs when: a file saved with epoch=3 returns 4 instead of 3 (the caller's + 1 then skips epoch 4)"""
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    return checkpoint["epoch"] + 1


def wrong__load_training_state__extra_step(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                           scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """subtle | after loading, calls scheduler.step() 'to push the restored lr into the optimizer': the schedule moves one step ahead | differs when: a warm-up LambdaLR saved after 10 steps: the lr after loading is the value of step 11 instead of step 10"""
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    scheduler.step()
    return checkpoint["epoch"]


def wrong__load_training_state__set_last_epoch(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                               scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """old-api | restores the schedule the old way, scheduler.last_epoch = epoch (as StepLR(..., last_epoch=start_epoch)), not with load_state_dict: right only for a scheduler stepped once per epoch | differs when: a LambdaLR stepped once per batch, saved at epoch 2 after 30 steps: the next step computes the factor of step 3 instead of step 31"""
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.last_epoch = checkpoint["epoch"]
    return checkpoint["epoch"]


def wrong__load_training_state__no_optimizer(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                             scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """beginner | thinks the scheduler holds the learning rate and skips the optimizer: its lr stays the fresh one and its momentum/Adam moments are lost | differs when: SGD(momentum=0.9) with a warm-up LambdaLR saved after 10 steps: the lr after loading is the fresh scheduler's step-0 value (0.0) instead of step 10's, and the momentum buffers are empty"""
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    return checkpoint["epoch"]
