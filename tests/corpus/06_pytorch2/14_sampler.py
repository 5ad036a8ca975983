"""Realistic learner answers for exercises/06_pytorch2/14_sampler.py (sharded_epochs)."""
from typing import Any, Callable

import torch
from torch.utils.data import BatchSampler, DataLoader, Dataset, Subset
from torch.utils.data.distributed import DistributedSampler


# --------------------------------------------------------------------------- right


def right__sharded_epochs__batch_sampler(dataset: Dataset, batch_size: int, rank: int, world_size: int, epochs: int,
                                         seed: int, step: Callable[[Any], None]) -> None:
    """alternative | wraps the DistributedSampler in a BatchSampler(drop_last=False) passed as batch_sampler=, which gives the same batches as batch_size= with sampler="""
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=seed)
    loader = DataLoader(dataset, batch_sampler=BatchSampler(sampler, batch_size=batch_size, drop_last=False))
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            step(batch)


def right__sharded_epochs__loader_per_epoch(dataset: Dataset, batch_size: int, rank: int, world_size: int,
                                            epochs: int, seed: int, step: Callable[[Any], None]) -> None:
    """alternative | keyword-only style, a fresh DataLoader built each epoch after set_epoch, the batches consumed through an explicit iterator"""
    sampler = DistributedSampler(dataset=dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=seed,
                                 drop_last=False)
    epoch = 0
    while epoch < epochs:
        sampler.set_epoch(epoch)
        batches = iter(DataLoader(dataset=dataset, batch_size=batch_size, sampler=sampler))
        for batch in batches:
            step(batch)
        epoch += 1


# --------------------------------------------------------------------------- wrong


def wrong__sharded_epochs__no_set_epoch(dataset: Dataset, batch_size: int, rank: int, world_size: int, epochs: int,
                                        seed: int, step: Callable[[Any], None]) -> None:
    """beginner | never calls sampler.set_epoch: the sampler shuffles with the same seed + 0 every time, so every epoch repeats the first one's order | differs when: a dataset of 8 items, world_size 2, epochs=2: epoch 1 feeds the same batches as epoch 0 instead of a new order"""
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    for _ in range(epochs):
        for batch in loader:
            step(batch)


def wrong__sharded_epochs__shard_then_shuffle(dataset: Dataset, batch_size: int, rank: int, world_size: int,
                                              epochs: int, seed: int, step: Callable[[Any], None]) -> None:
    """tf-habit | dataset.shard(world_size, rank).shuffle(...) translated: a fixed interleaved Subset per rank, shuffled by the DataLoader with a seeded generator; each rank always sees the same items and the order is not the DistributedSampler's | differs when: a dataset of 8 items, world_size 2, seed 0: rank 0 only ever gets the even items, and its batches differ from DistributedSampler's permutation"""
    shard = Subset(dataset, list(range(rank, len(dataset), world_size)))
    generator = torch.Generator()
    generator.manual_seed(seed)
    loader = DataLoader(shard, batch_size=batch_size, shuffle=True, generator=generator)
    for _ in range(epochs):
        for batch in loader:
            step(batch)


def wrong__sharded_epochs__set_epoch_after(dataset: Dataset, batch_size: int, rank: int, world_size: int, epochs: int,
                                           seed: int, step: Callable[[Any], None]) -> None:
    """subtle | calls sampler.set_epoch(epoch) at the end of the epoch, after its batches: each epoch runs with the previous epoch's number, so epochs 0 and 1 share one order | differs when: a dataset of 8 items, world_size 2, epochs=2: epoch 1 feeds the same batches as epoch 0"""
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    for epoch in range(epochs):
        for batch in loader:
            step(batch)
        sampler.set_epoch(epoch)


def wrong__sharded_epochs__sampler_from_group(dataset: Dataset, batch_size: int, rank: int, world_size: int,
                                              epochs: int, seed: int, step: Callable[[Any], None]) -> None:
    """examples | DistributedSampler(dataset, shuffle=True, seed=seed) as in the DDP examples, without num_replicas/rank: it asks the default process group, and raises without one | differs when: called without an initialised process group (rank=0, world_size=2) raises (Default process group has not been initialized) instead of feeding its batches"""
    sampler = DistributedSampler(dataset, shuffle=True, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            step(batch)


def wrong__sharded_epochs__drop_last(dataset: Dataset, batch_size: int, rank: int, world_size: int, epochs: int,
                                     seed: int, step: Callable[[Any], None]) -> None:
    """subtle | DataLoader(..., drop_last=True) so that every step has a full batch: the last, partial batch of each rank's share is skipped, so an epoch no longer covers the whole dataset | differs when: a dataset of 10 items, world_size 2, batch_size 2: each rank gets 5 indices and feeds 2 batches (4 items) instead of 3"""
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler, drop_last=True)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            step(batch)
