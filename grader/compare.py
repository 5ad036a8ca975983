"""The one comparison helper: what differs first between the reference's value and the learner's.

``first_difference`` walks both values in step and stops at the first difference, in the order a
learner should fix things: type, structure (length, keys), shape, dtype, device, autograd facts,
then values (first mismatching index, max absolute and relative error).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch

from grader.sandbox.wire import NDArray, NPScalar, Opaque, Tracked

DEFAULT_TOLERANCES = {
    torch.float16: (1e-3, 1e-5),
    torch.bfloat16: (1.6e-2, 1e-5),
    torch.float32: (1.3e-6, 1e-5),
    torch.float64: (1e-7, 1e-7),
}


@dataclass(frozen=True)
class Tolerance:
    """How close floats must be: exact, or within rtol/atol (None: per-dtype defaults; a dict:
    for the dtypes it names, the defaults for the others)."""

    rtol: float | dict[torch.dtype, float] | None = None
    atol: float | dict[torch.dtype, float] | None = None
    exact: bool = False

    def for_dtype(self, dtype: torch.dtype) -> tuple[float, float]:
        if self.exact:
            return 0.0, 0.0
        rtol, atol = DEFAULT_TOLERANCES.get(dtype, (1e-7, 1e-7))
        return _chosen(self.rtol, dtype, rtol), _chosen(self.atol, dtype, atol)


def _chosen(given: float | dict[torch.dtype, float] | None, dtype: torch.dtype,
            default: float) -> float:
    if isinstance(given, dict):
        return given.get(dtype, default)
    return default if given is None else given


@dataclass(frozen=True)
class Difference:
    """The first difference found: where, what kind, and the details in words."""

    path: str
    kind: str
    detail: str
    expected: Any = None
    got: Any = None


def first_difference(expected: Any, got: Any, tol: Tolerance = Tolerance(),
                     path: str = "result") -> Difference | None:
    """Return the first difference between ``expected`` and ``got``, or None if they agree."""
    kind_e, kind_g = describe_type(expected), describe_type(got)
    if kind_e != kind_g:
        return Difference(path, "type", f"expected {kind_e}, got {kind_g}", expected, got)
    if isinstance(expected, Tracked):
        return _tracked(expected, got, tol, path)
    if isinstance(expected, torch.Tensor):
        return _tensors(expected, got, tol, path)
    if isinstance(expected, NDArray):
        return _arrays(expected, got, tol, path)
    if isinstance(expected, (list, tuple)) and not isinstance(expected, torch.Size):
        return _sequences(expected, got, tol, path)
    if isinstance(expected, dict):
        return _dicts(expected, got, tol, path)
    if isinstance(expected, NPScalar):
        return first_difference(expected.value, got.value, tol, path)
    if isinstance(expected, float):
        return _floats(expected, got, tol, path)
    if isinstance(expected, Opaque):
        # Only a description came back (type and repr): two different models can share it.
        return Difference(path, "opaque", f"{kind_e} cannot be compared: only data (tensors, "
                          "arrays, numbers, strings, lists, dicts) comes back from the sandbox, "
                          "so the check must return data (a problem of the check, not of your "
                          "code)", expected, got)
    if expected != got:
        return Difference(path, "value", f"expected {expected!r}, got {got!r}", expected, got)
    return None


def describe_type(value: Any) -> str:
    """A learner-readable type name: 'a Tensor', 'a NumPy array', 'None', 'a float'..."""
    if value is None:
        return "None"
    if isinstance(value, (Tracked, torch.Tensor)):
        return "a Tensor"
    if isinstance(value, NDArray):
        return "a NumPy array"
    if isinstance(value, NPScalar):
        return f"a NumPy scalar (np.{value.dtype})"
    if isinstance(value, Opaque):
        return f"an object of type {value.type_name}"
    if isinstance(value, torch.Size):
        return "a torch.Size"
    return {bool: "a bool", int: "an int", float: "a float", str: "a str", list: "a list",
            tuple: "a tuple", dict: "a dict", torch.dtype: "a torch.dtype",
            torch.device: "a torch.device"}.get(type(value), f"a {type(value).__name__}")


def _tracked(expected: Tracked, got: Any, tol: Tolerance, path: str) -> Difference | None:
    if not isinstance(got, Tracked):
        got = Tracked(got, False, True, None, None)
    for name in ("requires_grad",):
        e, g = getattr(expected, name), getattr(got, name)
        if e != g:
            return Difference(path, "autograd", f".{name}: expected {e}, got {g}", e, g)
    if (expected.grad_fn is None) != (got.grad_fn is None):
        detail = ("expected a result connected to the autograd graph (with a grad_fn), got one "
                  "without" if expected.grad_fn else
                  f"expected a result outside the autograd graph, got one with grad_fn "
                  f"{got.grad_fn}")
        return Difference(path, "autograd", detail, expected.grad_fn, got.grad_fn)
    difference = _tensors(expected.data, got.data, tol, path)
    if difference:
        return difference
    if (expected.grad is None) != (got.grad is None):
        state = "None" if got.grad is None else "set"
        return Difference(path + ".grad", "autograd",
                          f".grad: expected {'None' if expected.grad is None else 'a gradient'},"
                          f" got {state}", expected.grad, got.grad)
    if expected.grad is not None:
        return first_difference(expected.grad, got.grad, tol, path + ".grad")
    return None


def _tensors(expected: torch.Tensor, got: Any, tol: Tolerance, path: str) -> Difference | None:
    if isinstance(got, Tracked):
        return Difference(path, "autograd", ".requires_grad: expected False, got True", False,
                          True)
    if tuple(expected.shape) != tuple(got.shape):
        return Difference(path, "shape", f"shape: expected {tuple(expected.shape)}, got "
                          f"{tuple(got.shape)}", expected, got)
    if expected.dtype != got.dtype:
        return Difference(path, "dtype", f"dtype: expected {expected.dtype}, got {got.dtype}",
                          expected, got)
    if expected.device.type != got.device.type:
        return Difference(path, "device", f"device: expected {expected.device}, got "
                          f"{got.device}", expected, got)
    if expected.device.type == "meta":
        return None
    return _values(expected.detach().cpu(), got.detach().cpu(), tol, path)


def _arrays(expected: NDArray, got: NDArray, tol: Tolerance, path: str) -> Difference | None:
    if expected.shape != got.shape:
        return Difference(path, "shape", f"shape: expected {expected.shape}, got {got.shape}",
                          expected, got)
    if expected.dtype != got.dtype:
        return Difference(path, "dtype", f"dtype: expected {expected.dtype}, got {got.dtype}",
                          expected, got)
    if expected.values is None or got.values is None:
        return None
    return _values(expected.values, got.values, tol, path)


def _values(expected: torch.Tensor, got: torch.Tensor, tol: Tolerance,
            path: str) -> Difference | None:
    if expected.numel() == 0:
        return None
    if expected.is_floating_point() or expected.is_complex():
        rtol, atol = tol.for_dtype(expected.dtype)
        close = torch.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    else:
        close = got == expected
    if bool(close.all()):
        return None
    bad = (~close).nonzero()
    index = tuple(int(i) for i in bad[0])
    e, g = expected[index].item(), got[index].item()
    detail = (f"values differ at {len(bad)} of {expected.numel()} positions; first at index "
              f"{index if len(index) != 1 else index[0]}: expected {e!r}, got {g!r}")
    if expected.is_floating_point():
        diff = (got.double() - expected.double()).abs()
        finite = torch.isfinite(diff)
        if bool(finite.any()):
            max_abs = float(diff[finite].max())
            rel = diff / expected.double().abs()
            max_rel = float(rel[torch.isfinite(rel)].max()) if bool(
                torch.isfinite(rel).any()) else math.inf
            detail += f"; max abs error {max_abs:.3g}, max rel error {max_rel:.3g}"
    return Difference(path, "values", detail, expected, got)


def _sequences(expected: Any, got: Any, tol: Tolerance, path: str) -> Difference | None:
    if len(expected) != len(got):
        return Difference(path, "length", f"length: expected {len(expected)}, got {len(got)}",
                          expected, got)
    for i, (e, g) in enumerate(zip(expected, got)):
        difference = first_difference(e, g, tol, f"{path}[{i}]")
        if difference:
            return difference
    return None


def _dicts(expected: dict, got: dict, tol: Tolerance, path: str) -> Difference | None:
    if list(expected) != list(got):
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            detail = "keys: " + "; ".join(filter(None, [
                f"missing {missing}" if missing else "", f"unexpected {extra}" if extra else ""]))
        else:
            detail = f"keys in a different order: expected {list(expected)}, got {list(got)}"
        return Difference(path, "keys", detail, list(expected), list(got))
    for key in expected:
        difference = first_difference(expected[key], got[key], tol, f"{path}[{key!r}]")
        if difference:
            return difference
    return None


def _floats(expected: float, got: float, tol: Tolerance, path: str) -> Difference | None:
    if math.isnan(expected) and math.isnan(got):
        return None
    rtol, atol = tol.for_dtype(torch.float64)
    if tol.exact or not math.isclose(got, expected, rel_tol=rtol, abs_tol=atol):
        if got == expected:
            return None
        return Difference(path, "value", f"expected {expected!r}, got {got!r}", expected, got)
    return None
