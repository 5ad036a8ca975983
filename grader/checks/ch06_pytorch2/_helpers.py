"""Small nets, data and a counting compiler backend shared by the chapter-6 checks (they run
inside workers).

torch.compile is graded without a C compiler: the checks hand the learner's code a backend of
their own (``Counting``) that runs the captured graph as it is, like ``backend="eager"``, and
counts the graphs Dynamo captured. Results then equal eager PyTorch bit for bit, and the count
says whether the code was compiled at all, recompiled, or broke into several graphs.
"""

from __future__ import annotations

from typing import Any, Callable

import torch
from torch import nn


class Counting:
    """A torch.compile backend: runs each captured graph unchanged and counts them."""

    def __init__(self) -> None:
        self.graphs = 0

    def __call__(self, gm: torch.fx.GraphModule, example_inputs: list[Any]) -> Callable:
        self.graphs += 1
        return gm.forward


def fresh_backend() -> Counting:
    """Forget every compiled graph of this worker (earlier examples), then a new counter."""
    import torch._dynamo

    torch._dynamo.reset()
    return Counting()


def graph_break_error(exc: BaseException) -> str | None:
    """A short description when ``exc`` is Dynamo refusing a graph (fullgraph=True), else None."""
    from torch._dynamo import exc as dynamo_exc

    if isinstance(exc, (dynamo_exc.Unsupported, dynamo_exc.UserError)):
        return "torch.compile(fullgraph=True) raised: the function breaks the graph"
    return None


class TinyMlp(nn.Module):
    """Linear → ReLU → Linear on 6 features, 3 classes (the distributed checks' model)."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(6, 8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.relu(self.fc1(x)))


def tiny_mlp(seed: int) -> TinyMlp:
    torch.manual_seed(seed)
    return TinyMlp()


def classification_data(n: int, seed: int, features: int = 6,
                        classes: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    """n inputs (n, features) and n labels in 0..classes-1, from their own generator."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, features, generator=g), torch.randint(0, classes, (n,), generator=g)


def params(model: nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in model.parameters()]


def unless_todo(error: BaseException, exercise: str) -> str:
    """Re-raise the stub's own NotImplementedError (status todo); otherwise name the error."""
    if isinstance(error, NotImplementedError) and str(error) == exercise:
        raise error
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first[:200]}"
