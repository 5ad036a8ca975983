# %% [markdown]
# # A VGG-style network with batch normalisation
# Deeper nets learn CIFAR-10 far better, but the source notebook's plain VGG never learned (its
# loss stayed at ln 10): batch normalisation is what made it train. Stack 3×3 convolutions
# (padding 1 keeps the size), each followed by BatchNorm2d and ReLU, and halve the size with
# max-pooling after every two convolutions.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html

# %%
import torch
from torch import nn


class VggBnNet(nn.Module):
    """Three conv blocks and a small head; batch norm after every convolution and hidden Linear.

    ``self.features`` = nn.Sequential of, in order:
        Conv2d(3, 64, 3, padding=1), BatchNorm2d(64), ReLU, Conv2d(64, 64, 3, padding=1),
        BatchNorm2d(64), ReLU, MaxPool2d(2),                                   # (N, 64, 16, 16)
        the same with 64 → 128 channels, then MaxPool2d(2),                     # (N, 128, 8, 8)
        the same with 128 → 256 channels, then MaxPool2d(2).                    # (N, 256, 4, 4)
    ``self.classifier`` = nn.Sequential(Flatten(), Linear(4096, 256), BatchNorm1d(256), ReLU,
    Linear(256, 10)). ``forward`` returns raw logits: no ReLU after the last Linear.
    The grader fills the parameters and buffers in ``state_dict()`` order and compares their
    keys (``features.0.weight``, ..., ``classifier.1.weight``, ...: a checkpoint loads by key),
    so keep exactly this structure.
    In train mode BatchNorm normalises with the batch's statistics (a batch of 1 fails in
    BatchNorm1d: use ``drop_last=True`` when training); in eval mode with running averages.
    TensorFlow: ``Conv2D(64, 3, padding="same")``, ``BatchNormalization()``; Keras switches
    modes through ``training=``, PyTorch through ``model.train()`` / ``model.eval()``.
    Example:
        >>> VggBnNet().eval()(torch.zeros(2, 3, 32, 32)).shape
        torch.Size([2, 10])
    """

    def __init__(self) -> None:
        super().__init__()
        # TODO: build self.features and self.classifier as described above.
        raise NotImplementedError("VggBnNet")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: features, then classifier; return the logits.
        raise NotImplementedError("VggBnNet")
