"""A stand-in for a CUDA tensor on a machine without a GPU, for probes (it lives in the worker).

``PretendCuda(t)`` holds ``t``'s values in CPU memory but says it lives on ``cuda:0`` and refuses
what a real CUDA tensor refuses: ``.numpy()`` and ``np.asarray(...)`` raise the TypeError torch
raises for a CUDA tensor ("can't convert cuda:0 device type tensor to numpy..."), checked before
the "requires grad" RuntimeError as torch checks them. ``.cpu()`` and ``.to("cpu")`` return a
real CPU tensor, a copy as the real copy from the GPU is (autograd kept, as ``.cpu()`` keeps it);
``.numpy(force=True)`` works, as it does on a GPU. Everything else (``detach``, ``.data``,
arithmetic) runs on the CPU values and stays a stand-in.

So a check can tell, without a GPU, whether code brings a tensor to the host before NumPy sees it.
"""

from __future__ import annotations

from typing import Any

import torch

CUDA_TO_NUMPY = ("can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the "
                 "tensor to host memory first.")
REQUIRES_GRAD = ("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                 "instead.")


def _is(func: Any, attribute: str) -> bool:
    """Whether ``func`` is the getter of the Tensor property ``attribute``."""
    return func == getattr(torch.Tensor, attribute).__get__


def _plain(t: torch.Tensor) -> torch.Tensor:
    """The values as a real CPU tensor: a copy, connected to autograd as ``.cpu()`` is."""
    with torch._C.DisableTorchFunctionSubclass():
        return t.clone()


class PretendCuda(torch.Tensor):
    """A CPU tensor that plays a tensor on ``cuda:0`` (see the module's docstring)."""

    @staticmethod
    def __new__(cls, data: torch.Tensor, requires_grad: bool = False) -> "PretendCuda":
        return torch.Tensor._make_subclass(cls, data.detach().clone(), requires_grad)

    @classmethod
    def __torch_function__(cls, func: Any, types: Any, args: tuple = (),
                           kwargs: dict | None = None) -> Any:
        kwargs = kwargs or {}
        if _is(func, "device"):
            return torch.device("cuda", 0)
        if _is(func, "is_cuda"):
            return True
        if _is(func, "is_cpu"):
            return False
        if func is torch.Tensor.numpy:
            if kwargs.get("force") or (len(args) > 1 and args[1]):
                return _plain(args[0]).detach().numpy()
            raise TypeError(CUDA_TO_NUMPY)
        if func is torch.Tensor.__array__:
            raise TypeError(CUDA_TO_NUMPY)
        if func is torch.Tensor.cpu:
            return _plain(args[0])
        if func is torch.Tensor.to:
            device, dtype, _, _ = torch._C._nn._parse_to(*args[1:], **kwargs)
            if device is not None and device.type == "cpu":
                moved = _plain(args[0])
                return moved.to(dtype) if dtype is not None else moved
            if dtype is None:
                return args[0]
            return super().__torch_function__(func, types, (args[0], dtype), {})
        return super().__torch_function__(func, types, args, kwargs)
