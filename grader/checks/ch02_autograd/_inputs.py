"""Fixed inputs of chapter 2's checks, shown in messages as the code that makes them again."""

import torch

from grader import corners


def shown_as(tensor: torch.Tensor, code: str) -> torch.Tensor:
    """``tensor``, which a failure message will show as ``code`` (how to make it again)."""
    return corners.remember(tensor, code)


def literal(values, dtype: torch.dtype = torch.float32, requires_grad: bool = False):
    """``torch.tensor(values, dtype=..., requires_grad=...)``, shown as that very code."""
    code = f"torch.tensor({values!r}"
    code += "" if dtype == torch.float32 else f", dtype={dtype}"
    code += ", requires_grad=True)" if requires_grad else ")"
    return shown_as(torch.tensor(values, dtype=dtype, requires_grad=requires_grad), code)


def made_by(code: str) -> torch.Tensor:
    """The tensor a short expression of torch code makes (``"torch.ones(4, 3)"``), shown as it."""
    return shown_as(eval(code, {"torch": torch}), code)  # noqa: S307 - our own constant code
