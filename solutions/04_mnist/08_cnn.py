# %% [markdown]
# # The MNIST CNN
# Keras's classic `mnist_cnn` in PyTorch: two 3x3 convolutions (32 and 64 channels), a 2x2
# max-pool, dropout 0.25, a 128-unit dense layer, dropout 0.5, and 10 outputs. Layers are
# created in `__init__` and wired in `forward`. The network returns raw *logits*: no softmax
# (or ReLU) at the end, because `nn.CrossEntropyLoss` applies log-softmax itself (Keras:
# `from_logits=True`). `nn.Dropout` is active in `model.train()` and off in `model.eval()`.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html

# %%
import torch
from torch import nn


class MnistCNN(nn.Module):
    """(N, 1, 28, 28) images → (N, 10) logits, for any N (an empty batch gives (0, 10)).

    Layers (use these attribute names): ``conv1 = Conv2d(1, 32, 3)``,
    ``conv2 = Conv2d(32, 64, 3)``, ``dropout1 = Dropout(0.25)``, ``fc1 = Linear(9216, 128)``,
    ``dropout2 = Dropout(0.5)``, ``fc2 = Linear(128, 10)``. Forward: conv1 → ReLU → conv2 →
    ReLU → max-pool 2 → dropout1 → flatten (all but the batch axis) → fc1 → ReLU → dropout2 →
    fc2.

    Example:
        >>> MnistCNN()(torch.zeros(2, 1, 28, 28)).shape
        torch.Size([2, 10])
    """

    def __init__(self) -> None:
        super().__init__()
        # Why: modules assigned as attributes register their parameters with the model.
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Why: logits go straight to CrossEntropyLoss, which applies log-softmax itself.
        x = torch.relu(self.conv1(x))  # (N, 32, 26, 26)
        x = torch.relu(self.conv2(x))  # (N, 64, 24, 24)
        x = self.dropout1(torch.max_pool2d(x, 2))  # (N, 64, 12, 12)
        x = torch.flatten(x, 1)  # (N, 9216)
        x = self.dropout2(torch.relu(self.fc1(x)))  # (N, 128)
        return self.fc2(x)  # (N, 10)
