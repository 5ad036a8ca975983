# %% [markdown]
# # DataLoader: batches, shuffling, workers
# `DataLoader(ds, batch_size, shuffle)` is `tf.data`'s `.shuffle().batch()` in one object.
# The last batch may be smaller (`drop_last=False`, like `.batch(drop_remainder=False)`).
# Reproducible shuffling: give the loader its own `torch.Generator` seeded once, instead of
# `tf.data`'s `shuffle(seed=...)`; each epoch then gets a new order, the same on every run,
# and the global RNG is left alone. `num_workers > 0` loads batches in worker processes:
# faster in scripts, but in notebooks (and on macOS/Windows, which *spawn* workers) the
# Dataset must be importable from a file and the script needs `if __name__ == "__main__":`;
# when in doubt in a notebook, use 0. Docs: https://pytorch.org/docs/stable/data.html

# %%
import torch
from torch.utils.data import DataLoader, Dataset


def make_mnist_loaders(train_ds: Dataset, test_ds: Dataset, batch_size: int = 64,
                       seed: int = 0, num_workers: int = 0) -> tuple[DataLoader, DataLoader]:
    """Return ``(train_loader, test_loader)``.

    Train: shuffled by a ``torch.Generator`` seeded with ``seed``. Test: in dataset order
    (evaluation does not need shuffling and stays comparable). Both use ``batch_size`` and
    ``num_workers`` and keep the last, smaller batch. Do not touch the global RNG while
    building the loaders, and keep the test loader out of the training order: reading it
    between epochs must not change the next epoch's order.

    Example:
        >>> tr, te = make_mnist_loaders(list(range(10)), list(range(10)), batch_size=4)
        >>> len(tr), [len(b) for b in te]
        (3, [4, 4, 2])
    """
    # Why: the loader's own generator makes the order reproducible without global seeding.
    generator = torch.Generator().manual_seed(seed)
    train = DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=generator,
                       num_workers=num_workers)
    test = DataLoader(test_ds, batch_size=batch_size, shuffle=False, num_workers=num_workers)
    return train, test
