# %% [markdown]
# # Peek at one batch
# A `DataLoader` is an *iterable*: `for images, labels in loader:` walks one epoch. To look
# at a single batch, make an iterator and take its next item: `next(iter(loader))`. Old
# tutorials (PyTorch 0.4) wrote `iter(loader).next()`; Python 3 iterators have no `.next()`
# method, so that line now raises `AttributeError`. TensorFlow 2: `next(iter(ds))` or
# `ds.take(1)`. Docs: https://docs.python.org/3/library/functions.html#next

# %%
import torch
from torch.utils.data import DataLoader


def first_batch(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """Return the first ``(images, labels)`` batch of ``loader`` as a tuple of two tensors.

    Example:
        >>> from torch.utils.data import TensorDataset
        >>> ds = TensorDataset(torch.zeros(10, 1, 28, 28), torch.arange(10))
        >>> images, labels = first_batch(DataLoader(ds, batch_size=4)); images.shape, labels
        (torch.Size([4, 1, 28, 28]), tensor([0, 1, 2, 3]))
    """
    # Why: iter() starts an epoch; next() pulls one collated batch from it.
    images, labels = next(iter(loader))
    return images, labels
