"""Corners: the inputs where right and wrong code part ways, as named hypothesis strategies.

Wrong code is usually right on an ordinary input: a float32 tensor of shape (3, 4). It goes wrong
on a 0-d tensor, an empty batch, a size-1 dimension that ``squeeze()`` swallows, a transposed
input that ``view`` refuses, a float16 tensor an ``.float()`` silently widens, a tensor that
requires grad and so refuses ``.numpy()``... Each such corner has a name here, and every check
draws the corners its exercise's docstring admits (the catalogue lists them per exercise under
``corners``; tests/test_corners.py holds each check to that list).

Tensors drawn here remember how they were made (``made``), so a failure message can show an input
the learner can re-create exactly (``x = torch.zeros(4, 3)[:, ::2]``); and which corners a check
reached is recorded while it draws (``reached``), so the corner table (docs/corners.md) is
generated from the code, not written by hand.

Tensor corners:
  zero_dim        a 0-d tensor (a scalar tensor, e.g. a loss)
  empty           a dimension of size 0, the batch dimension included
  size_one        a dimension of size 1 (``squeeze()`` without a dim drops it)
  noncontiguous   a transposed or strided view (same values, another memory layout)
  view_of_buffer  a window into a larger buffer: writes must go through to the buffer
  requires_grad   a leaf that requires grad (``.numpy()`` refuses it; ops record a graph)
  low_precision   float16 or bfloat16 (an ``.float()`` or a float32 constant widens them)
  float64         double precision (a float32 detour loses digits)
  integer         int64/int32/uint8 (``/`` promotes; ``.float()`` changes the kind)
  bool            a bool tensor
  extreme         magnitudes near the dtype's limits (overflow in exp, large logits)
  negative        negative values
Other kinds of argument have their corners too (drawn with ``flags(name)`` or the strategies
further down): modules (MODULE), gradients (GRADIENT: a parameter whose .grad is None or zeros,
all None, no parameters at all, 0-d parameters), state dicts (STATE_DICT: keys in another order,
same numel but another shape, missing and unexpected keys), data (DATA: a partial last batch, an
empty loader, several epochs, shuffling that leaves the global RNG alone), grad modes and files
(a bare file name with no folder, file descriptors left open).
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

TENSOR = ("zero_dim", "empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
          "low_precision", "float64", "integer", "bool", "extreme", "negative")
MODULE = ("root_parameters", "tied_parameters", "buffers", "subclass", "conv_variants",
          "stale_grad", "eval_mode")
GRADIENT = ("none_grad", "zero_grad", "all_none_grads", "no_parameters", "zero_dim_parameters")
STATE_DICT = ("keys_reordered", "same_numel_other_shape", "missing_keys", "unexpected_keys")
DATA = ("partial_last_batch", "empty_loader", "several_epochs", "global_rng_untouched")
GRAD_MODE = ("no_grad", "inference_mode")
FILE = ("bare_file_name", "descriptors_closed")
ALL = TENSOR + MODULE + GRADIENT + STATE_DICT + DATA + GRAD_MODE + FILE

FLOATS = (torch.float32, torch.float64, torch.float16, torch.bfloat16)
INTEGERS = (torch.int64, torch.int32, torch.uint8)
NUMERIC = FLOATS + INTEGERS
_NUMPY = {torch.float16: np.float16, torch.float32: np.float32, torch.float64: np.float64,
          torch.int64: np.int64, torch.int32: np.int32, torch.int16: np.int16,
          torch.int8: np.int8, torch.uint8: np.uint8, torch.bool: np.bool_}

_reached: set[str] = set()


def reach(name: str) -> None:
    """Record that the check being drawn for reached corner ``name``."""
    assert name in ALL, name
    _reached.add(name)


def take_reached() -> tuple[str, ...]:
    """The corners reached since the last call (the plugin calls it after each check)."""
    found = tuple(sorted(_reached))
    _reached.clear()
    return found


# -- tensors --------------------------------------------------------------------------------
def shapes(min_dims: int = 0, max_dims: int = 3, min_side: int = 0, max_side: int = 4,
           corners: Iterable[str] = TENSOR) -> st.SearchStrategy[tuple[int, ...]]:
    """Shapes, with 0-d, empty and size-1 dimensions as far as ``corners`` admits them."""
    corners = set(corners)
    if "zero_dim" not in corners:
        min_dims = max(min_dims, 1)
    if "empty" not in corners:
        min_side = max(min_side, 1)
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side).map(record_shape)


def record_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
    """Record the corners a shape reaches (for shapes drawn without ``shapes()``); returns it."""
    if not shape:
        reach("zero_dim")
    if 0 in shape:
        reach("empty")
    if 1 in shape:
        reach("size_one")
    return shape


def elements(dtype: torch.dtype, min_value: float = -100, max_value: float = 100,
             extreme: bool = False) -> st.SearchStrategy[Any]:
    """Scalar values that ``dtype`` holds exactly; with ``extreme``, also values near its limits."""
    if dtype == torch.bool:
        return st.booleans()
    if dtype.is_floating_point:
        width = {torch.float16: 16, torch.float32: 32}.get(dtype, 64)
        if dtype == torch.bfloat16:  # drawn as float32 values that bfloat16 holds exactly
            ordinary = st.integers(int(min_value), int(max_value)).map(float)
        else:
            ordinary = st.floats(min_value, max_value, width=width)
        if not extreme:
            return ordinary
        # Large enough that its square overflows the dtype, small enough that sums and means
        # of a few of them do not: overflow shows where the code squares, not everywhere.
        big = float(2.0 ** (math.frexp(torch.finfo(dtype).max)[1] // 2 + 4))
        # each held exactly by the dtype (1e-3 is not: older hypothesis refuses such elements)
        held = [torch.tensor(v, dtype=dtype).item() for v in (big, -big, 88.5, -88.5, 1e-3)]
        return ordinary | st.sampled_from(held).map(lambda v: reached_value(v, dtype))
    info = torch.iinfo(dtype)
    ordinary = st.integers(max(info.min, int(min_value)), min(info.max, int(max_value)))
    if not extreme:
        return ordinary
    return ordinary | st.sampled_from([info.min, info.max]).map(
        lambda v: reached_value(v, dtype))


def reached_value(value: float, dtype: torch.dtype) -> float:
    """Record that an extreme value of ``dtype`` was drawn; returns it."""
    reach("extreme")
    return value


@st.composite
def tensors(draw: st.DrawFn, shape: tuple[int, ...] | st.SearchStrategy | None = None,
            dtypes: Iterable[torch.dtype] = (torch.float32,), min_value: float = -100,
            max_value: float = 100, corners: Iterable[str] = TENSOR) -> torch.Tensor:
    """A tensor drawn with the corners ``corners`` admits (and its dtypes allow)."""
    corners = set(corners)
    dtypes = tuple(dtypes)
    dtype = draw(st.sampled_from(dtypes)) if len(dtypes) > 1 else dtypes[0]
    record_dtype(dtype)
    if shape is None:
        shape = draw(shapes(corners=corners))
    elif isinstance(shape, st.SearchStrategy):
        shape = record_shape(draw(shape))
    low = min_value if "negative" in corners else max(min_value, 0)
    values = elements(dtype, low, max_value, extreme="extreme" in corners)
    array = draw(hnp.arrays(_NUMPY.get(dtype, np.float32), shape, elements=values))
    tensor = torch.from_numpy(np.array(array)).to(dtype)
    if dtype != torch.bool and tensor.numel() and bool((tensor < 0).any()):
        reach("negative")
    made = _plain(tensor)
    layouts = ["plain"]
    if "noncontiguous" in corners and tensor.dim() >= 1 and tensor.numel() > 1:
        layouts += ["transposed", "strided"]
    if "view_of_buffer" in corners:
        layouts.append("window")
    layout = draw(st.sampled_from(layouts))
    if layout == "transposed" and tensor.dim() >= 2:
        tensor = tensor.transpose(0, -1).contiguous().transpose(0, -1)
        made += "  (transposed: made as x.transpose(0, -1).contiguous().transpose(0, -1))"
        reach("noncontiguous")
    elif layout in ("strided", "transposed"):
        tensor = _strided(tensor)
        made += "  (a strided view: every other element of a buffer twice as long)"
        reach("noncontiguous")
    elif layout == "window":
        tensor = _window(tensor)
        made += "  (a view into a larger buffer, from its element 1 on)"
        reach("view_of_buffer")
    if "requires_grad" in corners and dtype.is_floating_point and draw(st.booleans()):
        tensor = tensor.detach().requires_grad_()
        made += "  (requires_grad=True)"
        reach("requires_grad")
    return remember(tensor, made)


def record_dtype(dtype: torch.dtype) -> None:
    """Record the corner a dtype stands for (low precision, float64, bool, integer)."""
    if dtype in (torch.float16, torch.bfloat16):
        reach("low_precision")
    elif dtype == torch.float64:
        reach("float64")
    elif dtype == torch.bool:
        reach("bool")
    elif not dtype.is_floating_point:
        reach("integer")


def _strided(t: torch.Tensor) -> torch.Tensor:
    """The same values, as every other element of a buffer twice as long."""
    buffer = torch.zeros((*t.shape[:-1], t.shape[-1] * 2), dtype=t.dtype)
    buffer[..., ::2] = t
    return buffer[..., ::2]


def _window(t: torch.Tensor) -> torch.Tensor:
    """The same values, as a view into a larger buffer (so writes through it show there)."""
    flat = torch.full((t.numel() + 2,), 7, dtype=t.dtype)
    flat[1:-1] = t.reshape(-1)
    return flat[1:-1].view(t.shape)


def _plain(t: torch.Tensor) -> str:
    if t.numel() == 0:
        return f"torch.empty({tuple(t.shape)}, dtype={t.dtype})"
    if t.numel() <= 24:
        values = t.tolist()
        return f"torch.tensor({values!r}, dtype={t.dtype})"
    return f"a {tuple(t.shape)} {t.dtype} tensor"


def remember(t: torch.Tensor, made: str) -> torch.Tensor:
    """Attach the code that makes ``t`` (shown in messages instead of its values); returns t."""
    t.kata_made = made  # type: ignore[attr-defined]
    return t


def made(t: Any) -> str | None:
    """How a drawn tensor was made, for a message (None for values not drawn here)."""
    return getattr(t, "kata_made", None)


# -- grad mode --------------------------------------------------------------------------------
def grad_modes(corners: Iterable[str] = GRAD_MODE) -> st.SearchStrategy[str]:
    """The autograd mode a call is made under: "enabled", "no_grad" or "inference_mode".

    A probe wraps the call with ``under(mode)`` and reports ``torch.is_grad_enabled()`` after
    it: code must work under the caller's mode and leave it as it found it.
    """
    modes = ["enabled"] + [m for m in GRAD_MODE if m in set(corners)]
    return st.sampled_from(modes).map(_record_mode)


def _record_mode(mode: str) -> str:
    if mode != "enabled":
        reach(mode)
    return mode


def under(mode: str) -> Any:
    """The context manager for a mode drawn by ``grad_modes`` (used inside probes)."""
    import contextlib

    if mode == "no_grad":
        return torch.no_grad()
    if mode == "inference_mode":
        return torch.inference_mode()
    return contextlib.nullcontext()


# -- modules ------------------------------------------------------------------------------------
MODULE_KINDS = {
    "linear": "root_parameters",
    "tied": "tied_parameters",
    "with_buffers": "buffers",
    "linear_subclass": "subclass",
    "conv1d": "conv_variants",
    "conv3d": "conv_variants",
    "conv_transpose2d": "conv_variants",
}


def module_kinds(corners: Iterable[str] = MODULE) -> st.SearchStrategy[str]:
    """Names of small models with the module corners admitted (built by ``build_module``)."""
    corners = set(corners)
    kinds = ["mlp"] + [k for k, corner in MODULE_KINDS.items() if corner in corners]
    return st.sampled_from(kinds).map(_record_kind)


def _record_kind(kind: str) -> str:
    if kind in MODULE_KINDS:
        reach(MODULE_KINDS[kind])
    return kind


def build_module(kind: str, seed: int = 0) -> torch.nn.Module:
    """A small model of the named kind, seeded (call it inside a probe, in the worker)."""
    torch.manual_seed(seed)
    nn = torch.nn
    if kind == "linear":  # parameters on the root module itself
        return nn.Linear(3, 2)
    if kind == "tied":
        model = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 3))
        model[2].weight = model[0].weight  # one Parameter, two names
        return model
    if kind == "with_buffers":
        return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2))
    if kind == "linear_subclass":
        return nn.Sequential(_ScaledLinear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    if kind == "conv1d":
        return nn.Sequential(nn.Conv1d(2, 3, 3), nn.ReLU(), nn.Conv1d(3, 2, 1))
    if kind == "conv3d":
        return nn.Sequential(nn.Conv3d(1, 2, 2), nn.ReLU())
    if kind == "conv_transpose2d":
        return nn.Sequential(nn.ConvTranspose2d(2, 3, 2), nn.ReLU())
    return nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))


class _ScaledLinear(torch.nn.Linear):
    """A subclass of a standard layer: ``isinstance`` finds it, ``type(m) is nn.Linear`` not."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x) * 0.5


def with_stale_grad(model: torch.nn.Module, stale: bool) -> torch.nn.Module:
    """Give every parameter a leftover ``.grad`` (the corner: a model arriving with stale grads)."""
    if stale:
        for parameter in model.parameters():
            parameter.grad = torch.full_like(parameter, 0.25)
    return model


def flags(corner: str) -> st.SearchStrategy[bool]:
    """A boolean that turns a corner on (True is recorded as reaching it)."""
    return st.booleans().map(lambda on: _flag(corner, on))


def _flag(corner: str, on: bool) -> bool:
    if on:
        reach(corner)
    return on



def examples(*cases: dict) -> list[dict]:
    """A check's explicit examples, recording the corners their values stand for (call it inside
    the check, where reaching is recorded); returns them as a list."""
    for case in cases:
        for value in case.values():
            _reach_value(value)
    return list(cases)


def _reach_value(value: object, depth: int = 0) -> None:
    if depth > 5:
        return
    if isinstance(value, torch.dtype):
        record_dtype(value)
    elif isinstance(value, torch.Tensor):
        record_dtype(value.dtype)
        record_shape(tuple(value.shape))
        if value.dim() and not value.is_contiguous():
            reach("noncontiguous")
        if value.requires_grad:
            reach("requires_grad")
    elif isinstance(value, np.ndarray):
        record_dtype(torch.from_numpy(np.zeros(0, dtype=value.dtype)).dtype)
        record_shape(tuple(value.shape))
        if value.ndim and not value.flags.c_contiguous:
            reach("noncontiguous")
    elif isinstance(value, (list, tuple)):
        for item in value:
            _reach_value(item, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            _reach_value(item, depth + 1)
