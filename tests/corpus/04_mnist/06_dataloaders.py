"""Realistic learner answers for 04_mnist/06_dataloaders.py (make_mnist_loaders)."""
import torch
from torch.utils.data import (BatchSampler, DataLoader, Dataset, RandomSampler,
                              SequentialSampler)


# ----------------------------------------------------------------------------- right

def right__make_mnist_loaders__explicit_samplers(train_ds: Dataset, test_ds: Dataset,
                                                 batch_size: int = 64, seed: int = 0,
                                                 num_workers: int = 0
                                                 ) -> tuple[DataLoader, DataLoader]:
    """alternative | builds RandomSampler(generator=g) / SequentialSampler explicitly instead of shuffle=True/False (the same generator is also given to the loader, as shuffle=True would)"""
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size,
                              sampler=RandomSampler(train_ds, generator=g),
                              num_workers=num_workers, generator=g)
    test_loader = DataLoader(test_ds, batch_size=batch_size,
                             sampler=SequentialSampler(test_ds), num_workers=num_workers)
    return train_loader, test_loader


def right__make_mnist_loaders__batch_samplers(train_ds: Dataset, test_ds: Dataset,
                                              batch_size: int = 64, seed: int = 0,
                                              num_workers: int = 0
                                              ) -> tuple[DataLoader, DataLoader]:
    """alternative | hands the loaders BatchSampler objects (drop_last=False) wrapping a seeded RandomSampler / a SequentialSampler instead of batch_size + shuffle"""
    g = torch.Generator().manual_seed(seed)
    train_batches = BatchSampler(RandomSampler(train_ds, generator=g), batch_size, drop_last=False)
    test_batches = BatchSampler(SequentialSampler(test_ds), batch_size, drop_last=False)
    return (DataLoader(train_ds, batch_sampler=train_batches, num_workers=num_workers, generator=g),
            DataLoader(test_ds, batch_sampler=test_batches, num_workers=num_workers))


def right__make_mnist_loaders__own_test_generator(train_ds: Dataset, test_ds: Dataset,
                                                  batch_size: int = 64, seed: int = 0,
                                                  num_workers: int = 0
                                                  ) -> tuple[DataLoader, DataLoader]:
    """alternative | chained torch.Generator().manual_seed(seed), explicit drop_last=False, and a separate generator for the unshuffled test loader so iterating it never draws from the global RNG either"""
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True, drop_last=False,
                              num_workers=num_workers,
                              generator=torch.Generator().manual_seed(seed))
    test_loader = DataLoader(test_ds, batch_size=batch_size, shuffle=False, drop_last=False,
                             num_workers=num_workers,
                             generator=torch.Generator().manual_seed(seed))
    return train_loader, test_loader


# ----------------------------------------------------------------------------- wrong

def wrong__make_mnist_loaders__global_manual_seed(train_ds: Dataset, test_ds: Dataset,
                                                  batch_size: int = 64, seed: int = 0,
                                                  num_workers: int = 0
                                                  ) -> tuple[DataLoader, DataLoader]:
    """tf-habit | seeds the global RNG with torch.manual_seed(seed) (like tf.random.set_seed) and shuffles with it instead of a loader-owned Generator: the global RNG is reset, and the order depends on whatever else draws from it | differs when: torch.manual_seed(123) before the call: torch.rand(1) afterwards differs from an untouched global RNG (it was reseeded to 0)"""
    torch.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True,
                              num_workers=num_workers)
    test_loader = DataLoader(test_ds, batch_size=batch_size, shuffle=False,
                             num_workers=num_workers)
    return train_loader, test_loader


def wrong__make_mnist_loaders__shuffles_test(train_ds: Dataset, test_ds: Dataset,
                                             batch_size: int = 64, seed: int = 0,
                                             num_workers: int = 0
                                             ) -> tuple[DataLoader, DataLoader]:
    """beginner | passes shuffle=True to both loaders, so the test loader is not in dataset order | differs when: test_ds = list(range(10)), batch_size=4: the first test batch is not tensor([0, 1, 2, 3])"""
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True,
                              num_workers=num_workers, generator=g)
    test_loader = DataLoader(test_ds, batch_size=batch_size, shuffle=True,
                             num_workers=num_workers, generator=torch.Generator().manual_seed(seed))
    return train_loader, test_loader


def wrong__make_mnist_loaders__drop_last(train_ds: Dataset, test_ds: Dataset,
                                         batch_size: int = 64, seed: int = 0,
                                         num_workers: int = 0
                                         ) -> tuple[DataLoader, DataLoader]:
    """tf-habit | drop_last=True on the training loader, like .batch(drop_remainder=True), so the last smaller batch is lost | differs when: train_ds = list(range(10)), batch_size=4: len(train_loader) is 2 instead of 3"""
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True, drop_last=True,
                              num_workers=num_workers, generator=g)
    test_loader = DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers)
    return train_loader, test_loader


def wrong__make_mnist_loaders__generator_not_seeded(train_ds: Dataset, test_ds: Dataset,
                                                    batch_size: int = 64, seed: int = 0,
                                                    num_workers: int = 0
                                                    ) -> tuple[DataLoader, DataLoader]:
    """beginner | creates a torch.Generator but never calls manual_seed(seed), so the order is the generator's default one whatever seed is | differs when: seed=1, train_ds = list(range(10)), batch_size=4: the first train batch differs from the seed-1 order"""
    g = torch.Generator()
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True,
                              num_workers=num_workers, generator=g)
    test_loader = DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers)
    return train_loader, test_loader


def wrong__make_mnist_loaders__fixed_permutation(train_ds: Dataset, test_ds: Dataset,
                                                 batch_size: int = 64, seed: int = 0,
                                                 num_workers: int = 0
                                                 ) -> tuple[DataLoader, DataLoader]:
    """subtle | draws one torch.randperm with the seeded generator and uses it as the sampler, so every epoch replays the same order (and even the first differs from shuffle=True's) | differs when: train_ds = list(range(10)), batch_size=4: iterating train_loader twice gives the same order both times instead of a new order in the second epoch"""
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(train_ds), generator=g).tolist()
    train_loader = DataLoader(train_ds, batch_size=batch_size, sampler=order,
                              num_workers=num_workers)
    test_loader = DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers)
    return train_loader, test_loader


def wrong__make_mnist_loaders__num_workers_ignored(train_ds: Dataset, test_ds: Dataset,
                                                   batch_size: int = 64, seed: int = 0,
                                                   num_workers: int = 0
                                                   ) -> tuple[DataLoader, DataLoader]:
    """subtle | hard-codes num_workers=0 on both loaders ("safe in notebooks") instead of passing num_workers through | differs when: num_workers=2: train_loader.num_workers and test_loader.num_workers are 0 instead of 2"""
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True, num_workers=0,
                              generator=g)
    test_loader = DataLoader(test_ds, batch_size=batch_size, shuffle=False, num_workers=0)
    return train_loader, test_loader


def wrong__make_mnist_loaders__big_test_batches(train_ds: Dataset, test_ds: Dataset,
                                                batch_size: int = 64, seed: int = 0,
                                                num_workers: int = 0
                                                ) -> tuple[DataLoader, DataLoader]:
    """examples | copies pytorch/examples' test_batch_size=1000 for the test loader instead of using batch_size for both | differs when: test_ds = list(range(10)), batch_size=4: test batch sizes [10] instead of [4, 4, 2]"""
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True,
                              num_workers=num_workers, generator=g)
    test_loader = DataLoader(test_ds, batch_size=1000, shuffle=False, num_workers=num_workers)
    return train_loader, test_loader


def wrong__make_mnist_loaders__shared_generator(train_ds: Dataset, test_ds: Dataset,
                                                batch_size: int = 64, seed: int = 0,
                                                num_workers: int = 0
                                                ) -> tuple[DataLoader, DataLoader]:
    """subtle | gives the same Generator to the test loader; every test pass draws a base seed from it, so evaluating between epochs changes the next training order | differs when: train_ds = test_ds = list(range(10)), batch_size=4: iterate train, then test, then train again: the second training order differs from the one without the shared generator"""
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True,
                              num_workers=num_workers, generator=g)
    test_loader = DataLoader(test_ds, batch_size=batch_size, shuffle=False,
                             num_workers=num_workers, generator=g)
    return train_loader, test_loader


def wrong__make_mnist_loaders__generator_without_shuffle(train_ds: Dataset, test_ds: Dataset,
                                                         batch_size: int = 64, seed: int = 0,
                                                         num_workers: int = 0
                                                         ) -> tuple[DataLoader, DataLoader]:
    """beginner | passes the seeded generator but forgets shuffle=True, thinking the generator switches shuffling on, so training batches come in dataset order | differs when: train_ds = list(range(10)), batch_size=4: the first train batch is tensor([0, 1, 2, 3]) instead of a shuffled one"""
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(train_ds, batch_size=batch_size, num_workers=num_workers,
                              generator=g)
    test_loader = DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers)
    return train_loader, test_loader
