"""Checks for exercises/01_tensors/14_device.py: cuda > mps > cpu, probed with fake availability."""

import pytest
import torch

from grader.checks._patch import patched
from grader.mistakes import mistake


def with_devices(choose_device, cuda, mps):
    """Call choose_device() while torch reports the given accelerators available."""
    accelerator = torch.device("cuda") if cuda else torch.device("mps") if mps else None
    with patched((torch.cuda, "is_available", lambda: cuda),
                 (torch.cuda, "device_count", lambda: int(cuda)),
                 (torch.backends.mps, "is_available", lambda: mps),
                 (torch.accelerator, "is_available", lambda: accelerator is not None),
                 (torch.accelerator, "current_accelerator",
                  lambda check_available=False: accelerator)):
        device = choose_device()
    return torch.device(device.type) if isinstance(device, torch.device) else device


def test_choose_device(kata):
    kata.compare("choose_device", {"cuda": False, "mps": False}, probe=with_devices,
                 examples=[{"cuda": True, "mps": True}, {"cuda": True, "mps": False},
                           {"cuda": False, "mps": True}])


@mistake("choose_device", diagnosis="\"cuda\" is a string; return a torch.device: "
         "torch.device(\"cuda\").")
def returns_string():
    if torch.cuda.is_available():
        return "cuda"
    return "mps" if torch.backends.mps.is_available() else "cpu"


@mistake("choose_device", diagnosis="Apple GPUs were never considered: after cuda, check "
         "torch.backends.mps.is_available() before falling back to the CPU.")
def ignores_mps():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


@mistake("choose_device", diagnosis="mps was preferred to cuda: check cuda first.")
def mps_first():
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


@mistake("choose_device", diagnosis="torch.cuda.is_available is a function: without the "
         "parentheses it is always truthy. Call torch.cuda.is_available().")
def forgets_call():
    if torch.cuda.is_available:
        return torch.device("cuda")
    return torch.device("mps" if torch.backends.mps.is_available() else "cpu")


def real_device(choose_device):
    device = choose_device()
    return torch.device(device.type) if isinstance(device, torch.device) else device


@pytest.mark.gpu
def test_choose_device__cuda(kata):
    kata.compare("choose_device", {}, probe=real_device)
