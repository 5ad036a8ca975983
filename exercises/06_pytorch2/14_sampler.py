# %% [markdown]
# # Each process its share of the data: DistributedSampler
# With `tf.distribute`, `strategy.experimental_distribute_dataset(ds)` splits every batch
# among the replicas (a `MultiWorkerMirroredStrategy` shards the files or records by worker).
# In PyTorch each process builds its own DataLoader, and a `DistributedSampler` hands it a
# disjoint share of the dataset's indices: a permutation drawn from a seed the processes share,
# cut into `num_replicas` interleaved pieces (padded with a few repeats so they are equal).
# The permutation depends on the *epoch*, which the sampler cannot know: call
# `sampler.set_epoch(epoch)` before each epoch, or every epoch repeats the first one's order.
# Docs: https://pytorch.org/docs/stable/data.html#torch.utils.data.distributed.DistributedSampler

# %%
from typing import Any, Callable

from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler


def sharded_epochs(dataset: Dataset, batch_size: int, rank: int, world_size: int, epochs: int,
                   seed: int, step: Callable[[Any], None]) -> None:
    """Feed this process's share of ``dataset`` to ``step``, reshuffled at every epoch.

    Make ``DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True,
    seed=seed)``: pass the rank and world size (torchrun's RANK and WORLD_SIZE, or the process
    group's) rather than letting it ask for a process group. Make
    ``DataLoader(dataset, batch_size=batch_size, sampler=sampler)``: no ``shuffle=`` (the sampler
    shuffles; a DataLoader refuses both). For each epoch in ``range(epochs)``:
    ``sampler.set_epoch(epoch)``, then ``step(batch)`` for every batch of the loader, in order.
    Across the processes (same seed, ranks 0 to world_size - 1) each epoch covers the whole
    dataset, in an order that changes from epoch to epoch.
    TensorFlow 2: ``strategy.experimental_distribute_dataset(dataset.shuffle(n, seed,
    reshuffle_each_iteration=True).batch(b))``.
    Example:
        >>> sharded_epochs(train_set, 32, rank=dist.get_rank(), world_size=dist.get_world_size(),
        ...                epochs=10, seed=0, step=lambda batch: train_step(ddp, *batch))
    """
    # TODO: DistributedSampler with rank/world_size/seed, a DataLoader with sampler=, set_epoch.
    raise NotImplementedError("sharded_epochs")
