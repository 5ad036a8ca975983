"""Strategies shared by chapter 1's checks: dtypes and NumPy arrays that record their corners."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader import corners
from grader.corners import examples  # noqa: F401 - the chapter's checks import it from here

FLOATS = (torch.float32, torch.float64, torch.float16, torch.bfloat16)
INTEGERS = (torch.int64, torch.int32, torch.uint8)
EVERY = FLOATS + INTEGERS + (torch.bool,)

_CORNER_OF_NUMPY = {np.float16: "low_precision", np.float64: "float64", np.bool_: "bool"}


def dtype_corner(dtype: torch.dtype) -> str | None:
    """The corner a dtype stands for (None for float32)."""
    if dtype in (torch.float16, torch.bfloat16):
        return "low_precision"
    if dtype == torch.float64:
        return "float64"
    if dtype == torch.bool:
        return "bool"
    return None if dtype.is_floating_point else "integer"


def dtypes(choices: tuple[torch.dtype, ...] = EVERY) -> st.SearchStrategy[torch.dtype]:
    """A dtype among ``choices``; drawing it records its corner."""
    return st.sampled_from(choices).map(_reached_dtype)


def _reached_dtype(dtype: torch.dtype) -> torch.dtype:
    corner = dtype_corner(dtype)
    if corner:
        corners.reach(corner)
    return dtype


@st.composite
def arrays(draw: st.DrawFn, dtypes: tuple[type, ...], shape: st.SearchStrategy | None = None,
           strided: bool = True, low: int = -100, high: int = 100,
           extreme: bool = False) -> np.ndarray:
    """A NumPy array of a drawn dtype and shape (0-d, empty and size-1 dimensions included);
    with ``strided``, sometimes a strided view (every other column of a wider array); with
    ``extreme``, sometimes values near the dtype's limits (ints beyond 2**24, floats beyond
    float32's range)."""
    dtype = draw(st.sampled_from(dtypes))
    if dtype in _CORNER_OF_NUMPY:
        corners.reach(_CORNER_OF_NUMPY[dtype])
    elif np.issubdtype(dtype, np.integer):
        corners.reach("integer")
    shape = draw(shape if shape is not None else corners.shapes(max_dims=3))
    if dtype is np.bool_:
        values = st.booleans()
    elif np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        values = st.integers(max(low, int(info.min)), min(high, int(info.max)))
    else:
        width = {np.float16: 16, np.float32: 32}.get(dtype, 64)
        values = st.floats(low, high, width=width)
    if extreme and dtype is not np.bool_:
        values = values | st.sampled_from(_extremes(dtype)).map(_reached_extreme)
    array = draw(hnp.arrays(dtype, shape, elements=values))
    if array.size and np.issubdtype(dtype, np.number) and (array < 0).any():
        corners.reach("negative")
    if strided and array.ndim >= 1 and array.size > 1 and draw(st.booleans()):
        wide = np.zeros((*array.shape[:-1], array.shape[-1] * 2), dtype=dtype)
        wide[..., ::2] = array
        array = wide[..., ::2]
        corners.reach("noncontiguous")
    return array


def _extremes(dtype: type) -> list:
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return [int(info.max), int(info.min)] + [v for v in (2**24 + 1, 2**53 + 1)
                                                 if v <= info.max]
    big = float(np.finfo(dtype).max) / 2
    return [big, -big] + ([1e39, -1e39, 1e-50] if dtype is np.float64 else [])


def _reached_extreme(value: object) -> object:
    corners.reach("extreme")
    return value
