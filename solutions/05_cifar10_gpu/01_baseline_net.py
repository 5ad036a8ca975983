# %% [markdown]
# # A baseline CNN for CIFAR-10
# CIFAR-10 images are 32×32 RGB (3 channels), MNIST's were 28×28 grey. The chapter-3 network
# carries over with two changes: 3 input channels, and a bigger flatten (64·14·14 = 12544).
# Write the layers in `__init__` and the computation in `forward`; autograd derives the backward.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html

# %%
import torch
import torch.nn.functional as F
from torch import nn


class BaselineCifarNet(nn.Module):
    """conv1 → ReLU → conv2 → ReLU → max-pool 2 → flatten → fc1 → ReLU → fc2 (3×32×32 input).

    Layers, in this order: conv1 = Conv2d(3, 32, 3), conv2 = Conv2d(32, 64, 3),
    fc1 = Linear(12544, 128), fc2 = Linear(128, 10). ``forward`` returns raw logits (N, 10):
    no ReLU and no softmax at the end, ``nn.CrossEntropyLoss`` applies log-softmax itself.
    (The source notebook put a ReLU on the logits: negative scores became 0, a latent bug.)
    Any batch size N works, 0 included, and any memory layout of the input (channels_last
    too); after ``model.double()`` a float64 batch gives float64 logits.
    TensorFlow: ``keras.Sequential([Conv2D(32, 3, activation="relu"), Conv2D(64, 3,
    activation="relu"), MaxPool2D(), Flatten(), Dense(128, activation="relu"), Dense(10)])``;
    note that PyTorch images are channels-first (N, C, H, W), Keras's are (N, H, W, C).
    Example:
        >>> BaselineCifarNet()(torch.zeros(2, 3, 32, 32)).shape
        torch.Size([2, 10])
    """

    def __init__(self) -> None:
        super().__init__()
        # Why: layers assigned as attributes register their parameters with the module.
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(64 * 14 * 14, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Why: CrossEntropyLoss wants raw scores; a ReLU here would clamp negative logits to 0.
        x = F.relu(self.conv1(x))  # (N, 32, 30, 30)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # (N, 64, 14, 14)
        x = torch.flatten(x, 1)  # (N, 12544)
        return self.fc2(F.relu(self.fc1(x)))  # (N, 10)
