# %% [markdown]
# # Your own Dataset
# A map-style `Dataset` needs two methods: `__len__` (how many examples) and
# `__getitem__(i)` (the i-th example). That is all a `DataLoader` needs to batch, shuffle and
# load in parallel. It plays the role of `tf.data.Dataset.from_tensor_slices((images,
# labels)).map(fn)`, but indexing is random access instead of a stream.
# Docs: https://pytorch.org/tutorials/beginner/basics/data_tutorial.html

# %%
from typing import Any, Callable

import numpy as np
from torch.utils.data import Dataset


class ArrayImageDataset(Dataset):
    """Images ``(N, H, W)`` uint8 and labels ``(N,)`` held in memory, MNIST style.

    ``ds[i]`` returns ``(transform(images[i]), int(labels[i]))``; without a transform the image
    is ``images[i]`` unchanged. The label is a plain Python ``int`` (labels may be stored as
    uint8; the DataLoader turns Python ints into an int64 tensor, the dtype
    ``CrossEntropyLoss`` wants for class indices). Indexing follows the arrays: ``ds[-1]`` is
    the last example and ``ds[len(ds)]`` raises ``IndexError`` (that is how a ``for`` loop over
    ``ds`` knows where to stop). Reading an example changes nothing: not the arrays, not ``ds``.

    Example:
        >>> ds = ArrayImageDataset(np.zeros((3, 2, 2), np.uint8), np.array([7, 8, 9], np.uint8))
        >>> len(ds), ds[2][1]
        (3, 9)
    """

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        # Why: a Dataset only keeps references; the work happens per example in __getitem__.
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self) -> int:
        # Why: the DataLoader and its sampler ask len(ds) to know which indices exist.
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        # Why: int() turns a NumPy uint8 label into a Python int, which collates to int64.
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return image, int(self.labels[i])
