"""Fixed inputs of chapter 2's checks, shown in messages as the code that makes them again."""

import torch

from grader import corners


def shown_as(tensor: torch.Tensor, code: str) -> torch.Tensor:
    """``tensor``, which a failure message will show as ``code`` (how to make it again)."""
    return corners._remember(tensor, code)
