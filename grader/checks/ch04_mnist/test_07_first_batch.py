"""Checks for exercises/04_mnist/07_first_batch.py: next(iter(loader))."""

import torch
from torch.utils.data import DataLoader, TensorDataset

from grader.mistakes import mistake


def first_batch_facts(target, n, batch_size, shuffle):
    g = torch.Generator().manual_seed(n)
    ds = TensorDataset(torch.randn(n, 1, 4, 4, generator=g),
                       torch.randint(0, 10, (n,), generator=g))
    loader = DataLoader(ds, batch_size=batch_size, shuffle=shuffle,
                        generator=torch.Generator().manual_seed(0))
    batch = target(loader)
    return tuple(batch) if isinstance(batch, (list, tuple)) else batch


def test_first_batch(kata):
    for example in ({"n": 10, "batch_size": 4, "shuffle": False},
                    {"n": 3, "batch_size": 4, "shuffle": False},
                    {"n": 10, "batch_size": 4, "shuffle": True}):
        kata.compare("first_batch", example, probe=first_batch_facts)


@mistake("first_batch", diagnosis="Python 3 iterators have no .next() method (the 2018 "
         "notebooks used PyTorch 0.4 / Python 2 style). Use the built-in: next(iter(loader)).")
def dot_next(loader):
    return iter(loader).next()


@mistake("first_batch", diagnosis="loader.dataset[0] is one example, not a batch: the "
         "DataLoader is what groups examples into batches. Use next(iter(loader)).")
def first_example(loader):
    return loader.dataset[0]


@mistake("first_batch", diagnosis="the loop runs to the end of the epoch, so this is the *last* "
         "batch. next(iter(loader)) stops after the first.")
def last_batch(loader):
    for images, labels in loader:
        pass
    return images, labels
