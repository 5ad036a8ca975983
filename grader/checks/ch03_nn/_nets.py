"""Small seeded models and data shared by the chapter-3 checks (they run inside workers)."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyMnistNet(nn.Module):
    """MnistNet in miniature for (N, 1, 8, 8) images: conv, pool, dropout, linear, linear."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3)
        self.dropout = nn.Dropout(0.5)
        self.fc1 = nn.Linear(4 * 3 * 3, 16)
        self.fc2 = nn.Linear(16, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)      # (N, 4, 3, 3)
        x = self.dropout(torch.flatten(x, 1))            # (N, 36)
        return self.fc2(F.relu(self.fc1(x)))             # (N, 10)


class TinyBnNet(nn.Module):
    """Linear -> BatchNorm -> ReLU -> Dropout -> Linear on (N, 6): train and eval mode differ."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(6, 16)
        self.bn = nn.BatchNorm1d(16)
        self.dropout = nn.Dropout(0.5)
        self.fc2 = nn.Linear(16, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.dropout(F.relu(self.bn(self.fc1(x)))))


def batches(steps: int, batch: int, seed: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """``steps`` batches of (batch, 1, 8, 8) images and int64 labels, from their own generator."""
    g = torch.Generator().manual_seed(seed)
    return [(torch.randn(batch, 1, 8, 8, generator=g), torch.randint(0, 10, (batch,), generator=g))
            for _ in range(steps)]
