"""What crosses the process boundary, in both directions.

Grader → worker: trusted, so plain pickle (probes travel as references to module functions).
Worker → grader: untrusted, so ``torch.save`` bytes read back with ``weights_only=True``: tensors,
Python scalars and containers only. Other values are wrapped in small marker dicts here.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
from dataclasses import dataclass, field
from typing import Any

import torch

HEADER = struct.Struct("!Q")


@dataclass(frozen=True)
class Opaque:
    """A value that cannot travel as data (a module, a generator...): its type and repr."""

    type_name: str
    text: str

    def __repr__(self) -> str:
        return f"<{self.type_name} object: {self.text}>"


@dataclass(frozen=True)
class NDArray:
    """A NumPy array as it came back from a worker: its values, dtype and memory sharing."""

    values: torch.Tensor | None
    dtype: str
    shape: tuple[int, ...]

    def numpy(self) -> Any:
        import numpy as np

        if self.values is None:
            return np.empty(self.shape, dtype=self.dtype)
        return self.values.numpy().astype(self.dtype, copy=False)


@dataclass(frozen=True)
class NPScalar:
    """A NumPy scalar (``np.float64(1.0)``): kept apart from Python's float on purpose."""

    dtype: str
    value: Any


@dataclass(frozen=True)
class Tracked:
    """A tensor that takes part in autograd: its values and its autograd facts."""

    data: torch.Tensor
    requires_grad: bool
    is_leaf: bool
    grad_fn: str | None
    grad: Any = None


@dataclass
class Facts:
    """Facts about a returned tensor or array that only the worker can see."""

    same_object_as: str | None = None
    shares_memory_with: tuple[str, ...] = field(default_factory=tuple)


def send(fd: int, payload: bytes) -> None:
    """Write one length-prefixed message (plain reads and writes: any pipe, any platform)."""
    data = HEADER.pack(len(payload)) + payload
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def dumps_request(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def loads_request(data: bytes) -> Any:
    return pickle.loads(data)


def dumps_reply(obj: Any) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def loads_reply(data: bytes) -> Any:
    """Decode a worker's reply without ever running code from it."""
    return decode(torch.load(io.BytesIO(data), weights_only=True, map_location=_map_location()))


def _map_location() -> Any:
    return None if torch.cuda.is_available() else "cpu"


def decode(obj: Any) -> Any:
    """Turn marker dicts back into the small dataclasses above."""
    if isinstance(obj, dict):
        if "__kata__" in obj:
            return _decode_marker(obj)
        return {key: decode(value) for key, value in obj.items()}
    if isinstance(obj, list):
        return [decode(item) for item in obj]
    if isinstance(obj, tuple) and not isinstance(obj, torch.Size):
        return tuple(decode(item) for item in obj)
    return obj


def _decode_marker(obj: dict[str, Any]) -> Any:
    kind = obj["__kata__"]
    if kind == "ndarray":
        return NDArray(obj["values"], obj["dtype"], tuple(obj["shape"]))
    if kind == "npscalar":
        return NPScalar(obj["dtype"], obj["value"])
    if kind == "tracked":
        return Tracked(obj["data"], obj["requires_grad"], obj["is_leaf"], obj["grad_fn"],
                       decode(obj["grad"]))
    if kind == "opaque":
        return Opaque(obj["type"], obj["text"])
    if kind == "facts":
        return Facts(obj["same_object_as"], tuple(obj["shares"]))
    raise ValueError(f"unknown marker {kind!r}")
