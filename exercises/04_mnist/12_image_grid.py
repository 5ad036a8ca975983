# %% [markdown]
# # Log a grid of input images
# Looking at what the model actually receives catches many data bugs (wrong normalization,
# transposed axes, labels out of step). `torchvision.utils.make_grid` tiles a batch
# (N, C, H, W) into one image (3, H', W'); `normalize=True` stretches its values to [0, 1],
# which TensorBoard needs after `Normalize` made them negative. `writer.add_image(tag, img,
# step)` expects (C, H, W). TensorFlow 2: `tf.summary.image(name, images, step)`.
# Docs: https://pytorch.org/vision/stable/generated/torchvision.utils.make_grid.html

# %%
from typing import Any

import torch
from torchvision.utils import make_grid


def log_image_grid(writer: Any, images: torch.Tensor, step: int, tag: str = "inputs",
                   nrow: int = 8) -> None:
    """Log ``images`` (N, C, H, W) as one grid image under ``tag`` at ``step``.

    Build the grid with ``make_grid(images, nrow=nrow, normalize=True)`` (``nrow`` images per
    row, default padding) and log it with ``writer.add_image``.

    Example:
        >>> from tensorboardX import SummaryWriter
        >>> w = SummaryWriter("logs/demo"); log_image_grid(w, torch.randn(16, 1, 28, 28), 0)
    """
    # TODO: tile with make_grid(..., nrow=nrow, normalize=True); log it with writer.add_image at step.
    raise NotImplementedError("log_image_grid")
