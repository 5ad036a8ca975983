"""Checks for exercises/01_tensors/14_device.py: cuda > mps > cpu, probed on pretend machines.

Each machine says how torch was built (with CUDA, with MPS: ``torch.backends.*.is_built()``,
``torch.has_cuda``) and what is usable here (``is_available()``, ``device_count()``,
``torch.accelerator``); a build with a backend but no device for it is a real machine (a CUDA
wheel on a laptop, an Intel Mac). The device's index does not count: ``cuda`` and ``cuda:0``
both pass.
"""

import pytest
import torch

from grader.checks._patch import patched
from grader.mistakes import mistake

MACHINES = {  # (built with CUDA, CUDA usable, built with MPS, MPS usable)
    "a CPU-only build": (False, False, False, False),
    "a CUDA build on a machine without a GPU": (True, False, False, False),
    "a CUDA build with a GPU": (True, True, False, False),
    "a macOS build on an Apple GPU": (False, False, True, True),
    "a macOS build without MPS (an Intel Mac)": (False, False, True, False),
    "a build where both cuda and mps are usable": (True, True, True, True),
}


def on_machine(choose_device, machine):
    """Call choose_device() on a pretend machine; the device type it returns (index ignored)."""
    cuda_built, cuda, mps_built, mps = MACHINES[machine]
    accelerator = torch.device("cuda") if cuda else torch.device("mps") if mps else None
    with patched((torch.cuda, "is_available", lambda: cuda),
                 (torch.cuda, "device_count", lambda: int(cuda)),
                 (torch.backends.mps, "is_available", lambda: mps),
                 (torch._C, "_has_cuda", cuda_built), (torch._C, "_has_mps", mps_built),
                 (torch.accelerator, "is_available", lambda: accelerator is not None),
                 (torch.accelerator, "current_accelerator",
                  lambda check_available=False: accelerator)):
        device = choose_device()
    return torch.device(device.type) if isinstance(device, torch.device) else device


def test_choose_device(kata):
    kata.compare("choose_device", {"machine": "a CPU-only build"}, probe=on_machine,
                 examples=[{"machine": machine} for machine in MACHINES])


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


@mistake("choose_device", diagnosis="torch.backends.mps.is_built() says torch was compiled with "
         "MPS, not that this machine has an Apple GPU it can use (an Intel Mac has none): ask "
         "torch.backends.mps.is_available().")
def mps_is_built():
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("mps" if torch.backends.mps.is_built() else "cpu")


@mistake("choose_device", diagnosis="torch.has_cuda / torch.has_mps (torch.backends.*.is_built()) "
         "say how torch was compiled, not whether this machine has such a device: ask "
         "torch.cuda.is_available() and torch.backends.mps.is_available().")
def build_flags():
    if torch.backends.cuda.is_built():
        return torch.device("cuda")
    return torch.device("mps" if torch.backends.mps.is_built() else "cpu")


def real_device(choose_device):
    device = choose_device()
    return torch.device(device.type) if isinstance(device, torch.device) else device


@pytest.mark.gpu
def test_choose_device__cuda(kata):
    kata.compare("choose_device", {}, probe=real_device)
