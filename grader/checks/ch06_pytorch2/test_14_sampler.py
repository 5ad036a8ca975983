"""sharded_epochs: for every rank of a drawn world size (1 to 3), the batches handed to `step`,
epoch by epoch, must equal the reference's (a dataset of indices, sizes from 0 up, not always a
multiple of the world size; several epochs, so a missing set_epoch shows); no process group
exists, as in a process not yet set up."""

import torch
from hypothesis import strategies as st
from torch.utils.data import TensorDataset

from grader.mistakes import mistake


def sampler_probe(sharded_epochs, n, batch_size, world_size, epochs, seed):
    dataset = TensorDataset(torch.arange(n), torch.arange(n) % 3)
    by_rank = []
    for rank in range(world_size):
        seen = []
        sharded_epochs(dataset, batch_size, rank, world_size, epochs, seed,
                       lambda batch: seen.append([t.clone() for t in batch]))
        by_rank.append(seen)
    return {"batches given to step, by rank": by_rank}


NOTES = {"result['batches given": "each rank's batches, epoch after epoch: a DistributedSampler "
         "with num_replicas, rank, shuffle=True and seed; sampler.set_epoch(epoch) before each "
         "epoch"}


def test_sharded_epochs(kata):
    kata.compare("sharded_epochs", st.fixed_dictionaries({
        "n": st.integers(0, 11), "batch_size": st.integers(1, 4),
        "world_size": st.integers(1, 3), "epochs": st.integers(1, 3),
        "seed": st.integers(0, 99)}),
        probe=sampler_probe, max_examples=8, notes=NOTES,
        examples=[{"n": 10, "batch_size": 2, "world_size": 2, "epochs": 3, "seed": 7},
                  {"n": 5, "batch_size": 4, "world_size": 3, "epochs": 1, "seed": 0}])


@mistake("sharded_epochs", diagnosis="Without sampler.set_epoch(epoch) the sampler draws the "
         "same permutation every epoch: call it at the start of each epoch.")
def no_set_epoch(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    for _ in range(epochs):
        for batch in loader:
            step(batch)


@mistake("sharded_epochs", diagnosis="A DataLoader takes either shuffle=True or a sampler, "
         "not both: the DistributedSampler shuffles, so leave shuffle out.")
def shuffle_and_sampler(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler, shuffle=True)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            step(batch)


@mistake("sharded_epochs", diagnosis="Without num_replicas= and rank= the sampler asks the "
         "process group, which does not exist here: pass num_replicas=world_size, rank=rank.")
def asks_the_group(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    sampler = DistributedSampler(dataset, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            step(batch)


@mistake("sharded_epochs", diagnosis="The seed was ignored: every process must draw the same "
         "permutation, from DistributedSampler(..., seed=seed).")
def ignores_seed(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            step(batch)


@mistake("sharded_epochs", diagnosis="set_epoch after the epoch's loop is one epoch late: the "
         "first two epochs share an order. Call sampler.set_epoch(epoch) before iterating.")
def set_epoch_late(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
    for epoch in range(epochs):
        for batch in loader:
            step(batch)
        sampler.set_epoch(epoch)


@mistake("sharded_epochs", diagnosis="drop_last=True skips each rank's last, partial batch, so an "
         "epoch no longer feeds every item of the rank's share: leave drop_last=False.")
def drops_last_batch(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True,
                                 seed=seed)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler, drop_last=True)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            step(batch)


@mistake("sharded_epochs", diagnosis="A fixed slice per rank, shuffled by its own DataLoader, is "
         "not DistributedSampler's split: use DistributedSampler(dataset, "
         "num_replicas=world_size, rank=rank, shuffle=True, seed=seed) and call set_epoch(epoch) "
         "each epoch, so the items move between ranks from one epoch to the next.")
def fixed_shards(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data import Subset
    shard = Subset(dataset, list(range(rank, len(dataset), world_size)))
    generator = torch.Generator()
    generator.manual_seed(seed)
    loader = DataLoader(shard, batch_size=batch_size, shuffle=True, generator=generator)
    for _ in range(epochs):
        for batch in loader:
            step(batch)
