"""Small nets and data shared by the chapter-4 checks (they run inside the sandbox workers).

The nets carry dropout so that forgetting ``model.train()`` / ``model.eval()`` changes results,
and record whether autograd was on during each forward pass (``grad_seen``), so a check can see
a missing ``torch.no_grad()``.
"""

from __future__ import annotations

import math
from typing import Any, Iterator

import torch
from torch import nn


class TinyNet(nn.Module):
    """(N, 1, 12, 12) → (N, 10): conv → ReLU → pool → dropout → linear."""

    def __init__(self, dropout: float = 0.3) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(4 * 5 * 5, 10)
        self.grad_seen: list[bool] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.grad_seen.append(torch.is_grad_enabled())
        x = torch.max_pool2d(torch.relu(self.conv(x)), 2)  # (N, 4, 5, 5)
        return self.fc(self.drop(torch.flatten(x, 1)))  # (N, 10)


class SmallCNN(nn.Module):
    """(N, 1, 28, 28) → (N, 10), small enough to train on 2 cores in a fraction of a second.

    Each forward records ``(phase, self.training, torch.is_grad_enabled())`` in ``modes``, where
    ``phase`` is set by the ``PhaseLoader`` that produced the batch ("train" or "test").
    """

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.drop = nn.Dropout(0.2)
        self.fc = nn.Linear(16 * 7 * 7, 10)
        self.phase = "outside a loader"
        self.modes: set[tuple[str, bool, bool]] = set()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.modes.add((self.phase, self.training, torch.is_grad_enabled()))
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)  # (N, 8, 14, 14)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)  # (N, 16, 7, 7)
        return self.fc(self.drop(torch.flatten(x, 1)))  # (N, 10)


def seeded_rand(*shape: int, seed: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """torch.rand(*shape) from its own seeded generator, shown in messages as the code making it
    (``grader.corners`` reads the recipe), so a learner can make the same input again."""
    t = torch.rand(*shape, generator=torch.Generator().manual_seed(seed)).to(dtype)
    dims = ", ".join(str(n) for n in shape)
    cast = "" if dtype == torch.float32 else f".to({dtype})"
    t.kata_made = f"torch.rand({dims}, generator=torch.Generator().manual_seed({seed})){cast}"
    return t


def tiny_net(seed: int, dropout: float = 0.3) -> TinyNet:
    torch.manual_seed(seed)
    return TinyNet(dropout)


def tiny_data(n: int, seed: int, size: int = 12) -> tuple[torch.Tensor, torch.Tensor]:
    """n images (n, 1, size, size) ~ N(0, 1) and n labels in 0..9, from their own generator."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, 1, size, size, generator=g), torch.randint(0, 10, (n,), generator=g)


def fill_by_name(model: nn.Module, seed: int) -> None:
    """Overwrite every parameter with seeded values, visiting them in sorted-name order.

    Two models whose parameters have the same names and shapes end up identical, whatever
    order their layers were created in.
    """
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for _, p in sorted(model.named_parameters(), key=lambda item: item[0]):
            fan_in = p[0].numel() if p.dim() > 1 else 100
            p.copy_(torch.randn(p.shape, generator=g) / math.sqrt(fan_in))


def mnist_tensors(root: str, train: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """The synthetic MNIST split as normalized (N, 1, 28, 28) float32 images and int64 labels.

    Read once through ``torchvision.datasets.MNIST`` and normalized in one go, which is much
    faster than the per-image PIL pipeline.
    """
    from torchvision import datasets

    ds = datasets.MNIST(root, train=train, download=False)
    images = (ds.data.unsqueeze(1).float() / 255 - 0.1307) / 0.3081  # (N, 1, 28, 28)
    return images, ds.targets.clone()


class PhaseLoader:
    """A DataLoader stand-in that tells ``model`` which phase each batch it yields belongs to.

    Everything else (``len``, ``.dataset``, ``.batch_size``...) is the wrapped loader's.
    """

    def __init__(self, loader: Any, model: nn.Module, phase: str) -> None:
        self.loader, self.model, self.phase = loader, model, phase

    def __iter__(self) -> Iterator[Any]:
        for batch in self.loader:
            self.model.phase = self.phase
            yield batch

    def __len__(self) -> int:
        return len(self.loader)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)
