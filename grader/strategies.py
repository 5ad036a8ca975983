"""Named hypothesis strategies for tensors, shared by every check (see also ``grader.corners``).

Built on ``hypothesis.extra.numpy.arrays`` + ``torch.from_numpy`` (no extra dependency). Shapes
include empty and size-1 dimensions unless a check asks otherwise; values are bounded and finite
unless a check asks for NaN/inf; ``noncontiguous=True`` sometimes hands over a transposed or
strided view with the same values.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader import corners

FLOAT_DTYPES = (torch.float32, torch.float64)
INT_DTYPES = (torch.int64, torch.int32, torch.uint8)

_NUMPY = {torch.float16: np.float16, torch.float32: np.float32, torch.float64: np.float64,
          torch.int64: np.int64, torch.int32: np.int32, torch.int16: np.int16,
          torch.int8: np.int8, torch.uint8: np.uint8, torch.bool: np.bool_}


def shapes(min_dims: int = 1, max_dims: int = 3, min_side: int = 0,
           max_side: int = 4) -> st.SearchStrategy[tuple[int, ...]]:
    """Tensor shapes; with the default min_side=0 they include empty dimensions."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side).map(corners.record_shape)


def elements(dtype: torch.dtype, min_value: float = -100, max_value: float = 100,
             allow_nan: bool = False, allow_infinity: bool = False) -> st.SearchStrategy[Any]:
    """Scalar values that fit ``dtype``."""
    if dtype == torch.bool:
        return st.booleans()
    if dtype.is_floating_point:
        width = {torch.float16: 16, torch.float32: 32}.get(dtype, 64)
        return st.floats(min_value if not allow_infinity else None,
                         max_value if not allow_infinity else None, width=width,
                         allow_nan=allow_nan, allow_infinity=allow_infinity)
    info = torch.iinfo(dtype)
    return st.integers(max(info.min, int(min_value)), min(info.max, int(max_value)))


@st.composite
def tensors(draw: st.DrawFn, shape: tuple[int, ...] | st.SearchStrategy | None = None,
            dtype: torch.dtype | st.SearchStrategy = torch.float32, min_value: float = -100,
            max_value: float = 100, allow_nan: bool = False, allow_infinity: bool = False,
            noncontiguous: bool = False) -> torch.Tensor:
    """A CPU tensor with drawn values; maybe a non-contiguous view holding the same values."""
    dtype = draw(dtype) if isinstance(dtype, st.SearchStrategy) else dtype
    corners.record_dtype(dtype)
    shape = draw(shape) if isinstance(shape, st.SearchStrategy) else shape
    if shape is None:
        shape = draw(shapes())
    corners.record_shape(tuple(shape))
    values = elements(dtype, min_value, max_value, allow_nan, allow_infinity)
    array = draw(hnp.arrays(_NUMPY[dtype], shape, elements=values))
    tensor = torch.from_numpy(np.array(array)).clone()
    if noncontiguous and tensor.dim() >= 2 and draw(st.booleans()):
        tensor = tensor.transpose(0, -1).contiguous().transpose(0, -1)
        corners.reach("noncontiguous")
    return tensor


def float_dtypes() -> st.SearchStrategy[torch.dtype]:
    return st.sampled_from(FLOAT_DTYPES)


def dtypes() -> st.SearchStrategy[torch.dtype]:
    return st.sampled_from(FLOAT_DTYPES + INT_DTYPES)


@st.composite
def same_shape(draw: st.DrawFn, count: int, **tensor_options: Any) -> tuple[torch.Tensor, ...]:
    """``count`` tensors of one drawn shape (and one dtype)."""
    shape = draw(tensor_options.pop("shape", shapes()))
    dtype = tensor_options.pop("dtype", torch.float32)
    dtype = draw(dtype) if isinstance(dtype, st.SearchStrategy) else dtype
    return tuple(draw(tensors(shape, dtype, **tensor_options)) for _ in range(count))


def kwargs(**strategies: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for a call, each drawn from its strategy."""
    return st.fixed_dictionaries(strategies)


def seeds() -> st.SearchStrategy[int]:
    return st.integers(0, 2**31 - 1)
