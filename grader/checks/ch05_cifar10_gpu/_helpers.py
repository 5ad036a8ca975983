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
import warnings
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


def reach_example_corners(example: dict[str, Any]) -> None:
    """Record the corners an example of a model check reaches (tools/corners.py, the tests)."""
    from grader import corners

    batch = example.get("batch")
    if batch == 0:
        corners.reach("empty")
    if batch == 1:
        corners.reach("size_one")
    if example.get("layout") == "channels_last":
        corners.reach("noncontiguous")
    if example.get("dtype") == "float64":
        corners.reach("float64")


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


def _device_index(device: Any = "cuda") -> int:
    if isinstance(device, int):
        return device
    device = torch.device(device)
    return 0 if device.index is None else device.index


@contextlib.contextmanager
def fake_cuda_rng(available: bool, reaching: tuple = ()) -> Iterator[dict[int, torch.Tensor]]:
    """Pretend CUDA is (or is not) available, with one GPU whose RNG state is
    FAKE_CUDA_RNG_STATE; yields {device index: state} of every CUDA RNG state restored, however
    it was restored (``set_rng_state_all``, or ``set_rng_state(state, i)`` device by device)."""
    import torch.cuda.random as cuda_random

    restored: dict[int, torch.Tensor] = {}

    def set_all(states: Any) -> None:
        for i, state in enumerate(states):
            restored[i] = state.clone()

    def set_one(state: torch.Tensor, device: Any = "cuda") -> None:
        restored[_device_index(device)] = state.clone()

    fakes = [("is_available", lambda: available), ("device_count", lambda: 1 if available else 0),
             ("get_rng_state_all", lambda: [FAKE_CUDA_RNG_STATE.clone()]),
             ("get_rng_state", lambda device="cuda": FAKE_CUDA_RNG_STATE.clone()),
             ("set_rng_state_all", set_all), ("set_rng_state", set_one)]
    with patched(*[(torch.cuda, name, value) for name, value in fakes],
                 reaching=(*reaching, vars(cuda_random))):
        yield restored


class OnPretendedGpu(torch.Tensor):
    """A CPU tensor standing for one on the GPU (``pretended_gpu``): ``.cpu()`` and ``.to("cpu")``
    bring back a plain CPU tensor; ``torch.set_rng_state`` refuses it, as it refuses a CUDA
    tensor."""

    def cpu(self, *args: Any, **kwargs: Any) -> torch.Tensor:
        return self.as_subclass(torch.Tensor).clone()

    def to(self, *args: Any, **kwargs: Any) -> torch.Tensor:
        device = torch._C._nn._parse_to(*args, **kwargs)[0]
        plain = self.as_subclass(torch.Tensor)
        if device is not None and device.type == "cuda":
            args = tuple(a for a in args if not _names_a_device(a))
            kwargs.pop("device", None)
            return plain.to(*args, **kwargs).as_subclass(OnPretendedGpu)
        moved = plain.to(*args, **kwargs)
        return moved if device is not None else moved.as_subclass(OnPretendedGpu)


def _names_a_device(value: Any) -> bool:
    return isinstance(value, torch.device) or (isinstance(value, str) and (
        value.startswith("cuda") or value == "cpu"))


def _on_gpu(obj: Any) -> Any:
    if isinstance(obj, torch.Tensor):
        return obj.as_subclass(OnPretendedGpu)
    if isinstance(obj, dict):
        moved = obj.copy()
        for key, value in obj.items():
            moved[key] = _on_gpu(value)
        if hasattr(obj, "_metadata"):  # a state_dict's version numbers
            moved._metadata = obj._metadata
        return moved
    if isinstance(obj, (list, tuple)):
        return type(obj)(_on_gpu(v) for v in obj)
    return obj


def _aims_at_cuda(map_location: Any) -> bool:
    if isinstance(map_location, (str, torch.device)):
        return torch.device(map_location).type == "cuda"
    return False


@contextlib.contextmanager
def pretended_gpu(model: nn.Module, optimizer: Any, target: Any) -> Iterator[list[str]]:
    """CUDA pretended, for a learner's load: ``torch.load(..., map_location=<cuda>)`` hands out
    tensors "on the GPU" (``OnPretendedGpu``), ``model.to(<cuda>)`` is recorded (the model stays
    where it is), ``torch.set_rng_state`` refuses a tensor still on the GPU. Yields the events,
    in order: "model.to(cuda)", "optimizer.load_state_dict", "model.load_state_dict"."""
    from grader.checks._patch import namespaces_of

    events: list[str] = []
    real_load, real_set_rng = torch.load, torch.set_rng_state
    module_to, module_load = nn.Module.to, nn.Module.load_state_dict
    optimizer_load = type(optimizer).load_state_dict

    def load(f: Any, map_location: Any = None, *args: Any, **kwargs: Any) -> Any:
        if _aims_at_cuda(map_location):
            return _on_gpu(real_load(f, *args, map_location="cpu", **kwargs))
        with cuda_available(False):  # the file says cuda:0: a CPU-only machine refuses it
            return real_load(f, map_location, *args, **kwargs)

    def set_rng_state(new_state: torch.Tensor) -> None:
        if isinstance(new_state, OnPretendedGpu):
            raise TypeError("expected a torch.ByteTensor, but got torch.cuda.ByteTensor")
        real_set_rng(new_state)

    def to(self: nn.Module, *args: Any, **kwargs: Any) -> Any:
        device = torch._C._nn._parse_to(*args, **kwargs)[0]
        if self is model and device is not None and device.type == "cuda":
            events.append("model.to(cuda)")
            return self
        return module_to(self, *args, **kwargs)

    def load_module(self: nn.Module, *args: Any, **kwargs: Any) -> Any:
        if self is model:
            events.append("model.load_state_dict")
        return module_load(self, *args, **kwargs)

    def load_optimizer(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self is optimizer:
            events.append("optimizer.load_state_dict")
        return optimizer_load(self, *args, **kwargs)

    with patched((torch.cuda, "is_available", lambda: True), (torch, "load", load),
                 (torch, "set_rng_state", set_rng_state),
                 (torch.random, "set_rng_state", set_rng_state), (nn.Module, "to", to),
                 (nn.Module, "load_state_dict", load_module),
                 (type(optimizer), "load_state_dict", load_optimizer),
                 reaching=namespaces_of(target)):
        yield events


class Payload:
    """Unpickling this calls os.makedirs(marker): a harmless stand-in for an attack."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.makedirs, (self.marker,))


def load_booby_trapped(load: Any, root: str, contents: dict[str, Any], exercise: str,
                       force_no_weights_only: bool = True) -> dict[str, Any]:
    """Give ``load(path)`` a file of ``contents`` plus a Payload: is it refused, and how; does
    code run? By default the environment asks torch.load to unpickle anything unless told
    weights_only=True (TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD), so code that relies on the default
    is caught too; ``force_no_weights_only=False`` leaves the variable unset."""
    import pickle

    folder = tempfile.mkdtemp(dir=root)
    path, marker = os.path.join(folder, "evil.pt"), os.path.join(folder, "PWNED")
    torch.save({**contents, "extra": Payload(marker)}, path)
    variable = "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"
    before = os.environ.get(variable)
    if force_no_weights_only:
        os.environ[variable] = "1"
    else:
        os.environ.pop(variable, None)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch's note that the variable is set
            load(path)
        refused = "no: it loaded"
    except Exception as exc:  # noqa: BLE001 - refusing is the point
        unless_todo(exc, exercise)
        refused = ("yes, pickle.UnpicklingError" if isinstance(exc, pickle.UnpicklingError)
                   else f"yes, but with {type(exc).__name__}")
    finally:
        if before is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = before
    return {"malicious_file_refused": refused, "malicious_code_ran": os.path.exists(marker)}


def save_as_if_from_gpu(obj: Any, path: str, device: str = "cuda:0") -> None:
    """torch.save ``obj`` with every tensor tagged ``device``, as a GPU machine would write it."""
    with patched((torch.serialization, "location_tag", lambda storage: device)):
        torch.save(obj, path)


def open_descriptors() -> int:
    """How many files (descriptors, handles on Windows) this worker process has open now."""
    import gc

    import psutil

    gc.collect()  # a file object nobody holds any more is closed by now
    process = psutil.Process()
    return process.num_fds() if hasattr(process, "num_fds") else process.num_handles()


def unless_todo(error: BaseException, exercise: str) -> str:
    """Re-raise the stub's own NotImplementedError (status todo); otherwise name the error."""
    if isinstance(error, NotImplementedError) and str(error) == exercise:
        raise error
    return type(error).__name__


def describe_file(path: str) -> str:
    """What a file written by the code being graded holds, in words ("a pickled nn.Module
    (TinyCifarNet)", "NumPy arrays", "a TorchScript archive"...), for a message that says why
    it cannot be loaded.

    Nothing in the file is executed: the pickle is only read (``pickletools``) for the names of
    the classes and functions it would call, and a name counts as an nn.Module only when its
    module is imported already (nothing is imported). Only ``torch.load(weights_only=True)``
    unpickles, and that refuses anything but tensors and plain containers. It runs in the
    worker of the side being graded anyway (a probe's helper), never in the grader's process.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            pickles = [n for n in names if n.endswith("/data.pkl") or n == "data.pkl"]
            data = archive.read(pickles[0]) if pickles else b""
    except (OSError, zipfile.BadZipFile, KeyError):
        return "bytes that are not an archive of torch.save or torch.export.save"
    if any("/code/" in n for n in names) or any(n.endswith("/constants.pkl") for n in names):
        return "a TorchScript archive (torch.jit.save)"
    if not data:
        return "an archive without a pickle (not one torch.save writes)"
    found = _pickle_globals(data)
    if any(name.endswith(".ExportedProgram") for name in found):
        return "a pickled ExportedProgram (torch.save of the program)"
    modules = [name.rsplit(".", 1)[-1] for name in found if _is_subclass(name, nn.Module)]
    optimizers = [name.rsplit(".", 1)[-1] for name in found
                  if _is_subclass(name, torch.optim.Optimizer)]
    if modules or optimizers:
        objects = ([f"an nn.Module ({modules[0]})"] if modules else []) + (
            [f"an optimizer ({optimizers[0]})"] if optimizers else [])
        return "a pickled " + " and a pickled ".join(o.split(" ", 1)[1] for o in objects)
    if any(name.startswith("numpy.") for name in found):
        return "NumPy arrays"
    try:
        loaded = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:  # noqa: BLE001 - described from the names instead
        strange = sorted(n for n in found if not n.startswith(("torch.", "collections.")))
        return f"pickled objects ({', '.join(strange[:3]) or 'of unknown kinds'})"
    if isinstance(loaded, dict) and loaded and all(torch.is_tensor(v) for v in loaded.values()):
        return "a dict of tensors (a state_dict)"
    return f"a {type(loaded).__name__}"


def _pickle_globals(data: bytes) -> list[str]:
    """The "module.name" of every class or function a pickle refers to, read without running
    it (GLOBAL, and STACK_GLOBAL after two strings); empty when the pickle cannot be read."""
    import pickletools

    found: list[str] = []
    strings: list[Any] = []
    memo: dict[int, Any] = {}
    try:
        for op, arg, _ in pickletools.genops(data):
            if op.name == "GLOBAL":
                found.append(str(arg).replace(" ", "."))
            elif op.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE", "BINUNICODE8"):
                strings.append(arg)
            elif op.name == "MEMOIZE":
                memo[len(memo)] = strings[-1] if strings else None
            elif op.name in ("BINPUT", "LONG_BINPUT", "PUT"):
                memo[int(arg)] = strings[-1] if strings else None
            elif op.name in ("BINGET", "LONG_BINGET", "GET"):
                strings.append(memo.get(int(arg)))
            elif op.name == "STACK_GLOBAL" and len(strings) >= 2:
                found.append(f"{strings[-2]}.{strings[-1]}")
    except Exception:  # noqa: BLE001 - a torn pickle: what was read so far
        pass
    return list(dict.fromkeys(found))


def _is_subclass(name: str, base: type) -> bool:
    """Whether "module.Class" names a subclass of ``base`` in a module imported already."""
    import sys

    module_name, _, attribute = name.rpartition(".")
    value = getattr(sys.modules.get(module_name), attribute, None)
    return isinstance(value, type) and issubclass(value, base)
