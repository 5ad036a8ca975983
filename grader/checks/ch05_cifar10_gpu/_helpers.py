"""Small nets, data and device tricks shared by the chapter-5 checks (they run inside workers).

Device plumbing is graded on CPU: the ``meta`` device (shapes without data) stands in for a GPU,
``torch.cuda.is_available`` is patched inside probes, and a checkpoint can be written with CUDA
location tags so that loading it without ``map_location`` fails as it would on a CPU machine.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from collections.abc import Iterator
from typing import Any

import torch
from torch import nn

from grader.checks._patch import patched


class TinyCifarNet(nn.Module):
    """conv → BN → ReLU → pool → dropout → linear for (N, 3, 8, 8) images: BN and dropout make
    train and eval mode differ, which is what many checks look for."""

    def __init__(self, dropout: float = 0.25) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(4 * 4 * 4, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.max_pool2d(torch.relu(self.bn(self.conv(x))), 2)  # (N, 4, 4, 4)
        return self.fc(self.drop(torch.flatten(x, 1)))  # (N, 10)


def tiny_net(seed: int, dropout: float = 0.25) -> TinyCifarNet:
    torch.manual_seed(seed)
    return TinyCifarNet(dropout)


def tiny_data(n: int, seed: int, size: int = 8) -> tuple[torch.Tensor, torch.Tensor]:
    """n images (n, 3, size, size) in [0, 1) and n labels in 0..9, from their own generator."""
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, 3, size, size, generator=g), torch.randint(0, 10, (n,), generator=g)


def fill_in_order(model: nn.Module, seed: int) -> None:
    """Overwrite every float tensor of ``model.state_dict()`` with seeded values, in order.

    Two models whose state_dicts list the same shapes in the same order end up identical,
    whatever their attributes are called. BN weights stay near 1 and running variances positive.
    """
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            if not tensor.is_floating_point():
                continue
            if name.endswith("running_var"):
                values = torch.rand(tensor.shape, generator=g) + 0.5
            elif tensor.dim() == 1:
                values = 0.1 * torch.randn(tensor.shape, generator=g)
                if name.endswith("weight"):
                    values += 1.0
            else:
                fan_in = math.prod(tensor.shape[1:])
                values = torch.randn(tensor.shape, generator=g) / math.sqrt(fan_in)
            tensor.copy_(values)


def layout(model: nn.Module) -> list[tuple[str, tuple[int, ...]]]:
    """The kind (parameter/buffer) and shape of every state_dict entry, in order."""
    params = {id(p) for p in model.parameters()}
    kinds = {name: ("parameter" if id(t) in params else "buffer")
             for name, t in list(model.named_parameters()) + list(model.named_buffers())}
    return [(kinds.get(name, "buffer"), tuple(t.shape)) for name, t in model.state_dict().items()]


def params(model: nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in model.parameters()]


def device_types(model: nn.Module) -> list[str]:
    return sorted({t.device.type for t in list(model.parameters()) + list(model.buffers())})


@contextlib.contextmanager
def record_forward_devices(model: nn.Module) -> Iterator[set[tuple[str, str]]]:
    """Record (input device, parameter device) at every forward call of ``model``."""
    seen: set[tuple[str, str]] = set()

    def hook(module: nn.Module, inputs: tuple[Any, ...]) -> None:
        first = next(module.parameters())
        seen.add((inputs[0].device.type, first.device.type))

    handle = model.register_forward_pre_hook(hook)
    try:
        yield seen
    finally:
        handle.remove()


@contextlib.contextmanager
def record_moves(model: nn.Module) -> Iterator[list[str]]:
    """Record the device type of every ``model.to(...)``, ``.cpu()`` and ``.cuda()`` call, and
    "assign" for ``load_state_dict(..., assign=True)`` (which puts the loaded tensors, already
    on their device, in the model): on a CPU-only machine, the only way to see that a model
    was sent to the device it already is on."""
    moves: list[str] = []

    def recording(name: str, move_of: Any) -> tuple[type, str, Any]:
        original = getattr(nn.Module, name)

        def method(self: nn.Module, *args: Any, **kwargs: Any) -> Any:
            if self is model and (move := move_of(*args, **kwargs)):
                moves.append(move)
            return original(self, *args, **kwargs)

        return (nn.Module, name, method)

    def device_type(*args: Any, **kwargs: Any) -> str | None:
        device = torch._C._nn._parse_to(*args, **kwargs)[0]
        return None if device is None else device.type

    with patched(recording("to", device_type),
                 recording("cpu", lambda: "cpu"),
                 recording("cuda", lambda *args, **kwargs: "cuda"),
                 recording("load_state_dict",
                           lambda *args, **kwargs: "assign" if kwargs.get("assign") else None)):
        yield moves


def cuda_available(value: bool) -> contextlib.AbstractContextManager[None]:
    """Pretend that CUDA is (or is not) available, inside a worker."""
    return patched((torch.cuda, "is_available", lambda: value))


FAKE_CUDA_RNG_STATE = torch.arange(16, dtype=torch.uint8)
"""The RNG state of the one pretended GPU of ``fake_cuda_rng``."""


@contextlib.contextmanager
def fake_cuda_rng(available: bool) -> Iterator[list[list[torch.Tensor]]]:
    """Pretend CUDA is (or is not) available, with one GPU whose RNG state is
    FAKE_CUDA_RNG_STATE; yields the list of every ``torch.cuda.set_rng_state_all`` call's states."""
    calls: list[list[torch.Tensor]] = []
    with patched((torch.cuda, "is_available", lambda: available),
                 (torch.cuda, "get_rng_state_all", lambda: [FAKE_CUDA_RNG_STATE.clone()]),
                 (torch.cuda, "set_rng_state_all",
                  lambda states: calls.append([s.clone() for s in states]))):
        yield calls


class Payload:
    """Unpickling this calls os.makedirs(marker): a harmless stand-in for an attack."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.makedirs, (self.marker,))


def load_booby_trapped(load: Any, root: str, contents: dict[str, Any], exercise: str
                       ) -> dict[str, bool]:
    """Give ``load(path)`` a file of ``contents`` plus a Payload: is it refused, does code run?"""
    folder = tempfile.mkdtemp(dir=root)
    path, marker = os.path.join(folder, "evil.pt"), os.path.join(folder, "PWNED")
    torch.save({**contents, "extra": Payload(marker)}, path)
    try:
        load(path)
        refused = False
    except Exception as exc:  # noqa: BLE001 - refusing is the point
        unless_todo(exc, exercise)
        refused = True
    return {"malicious_file_refused": refused, "malicious_code_ran": os.path.exists(marker)}


def save_as_if_from_gpu(obj: Any, path: str) -> None:
    """torch.save ``obj`` with every tensor tagged 'cuda:0', as a GPU machine would write it."""
    with patched((torch.serialization, "location_tag", lambda storage: "cuda:0")):
        torch.save(obj, path)


def unless_todo(error: BaseException, exercise: str) -> str:
    """Re-raise the stub's own NotImplementedError (status todo); otherwise name the error."""
    if isinstance(error, NotImplementedError) and str(error) == exercise:
        raise error
    return type(error).__name__
