"""Checks for exercises/04_mnist/06_dataloaders.py: batching, reproducible shuffling, workers.

The probe looks at properties, not at one exact permutation: any correct way of seeding the
loader's own generator passes (DataLoader(generator=...), RandomSampler(generator=...)).
"""

import torch
from torch.utils.data import DataLoader, TensorDataset

from grader.mistakes import mistake


def _order(loader):
    sizes, seen = [], []
    for (batch,) in loader:
        sizes.append(len(batch))
        seen += batch.tolist()
    return sizes, seen


def loader_facts(target, n_train, n_test, batch_size, seed, num_workers):
    train_ds, test_ds = TensorDataset(torch.arange(n_train)), TensorDataset(torch.arange(n_test))
    options = {"batch_size": batch_size, "num_workers": num_workers}
    before = torch.get_rng_state()
    train, test = target(train_ds, test_ds, seed=seed, **options)
    touched = not torch.equal(before, torch.get_rng_state())
    sizes, epoch1 = _order(train)
    test_sizes, test_order = _order(test)
    facts = {
        "types": [type(train).__name__, type(test).__name__],
        "num_workers": [train.num_workers, test.num_workers],
        "lengths": [len(train), len(test)],
        "train_batch_sizes": sizes,
        "train_epoch_is_a_permutation": sorted(epoch1) == list(range(n_train)),
        "train_is_shuffled": epoch1 != list(range(n_train)),
        "test_batch_sizes": test_sizes,
        "test_order": test_order,
        "global_rng_changed": touched,
    }
    if num_workers == 0:  # each epoch with workers starts processes: check the seeding without
        _, epoch2 = _order(train)
        _, again = _order(target(train_ds, test_ds, seed=seed, **options)[0])
        _, other = _order(target(train_ds, test_ds, seed=seed + 1, **options)[0])
        facts.update(each_epoch_a_new_order=epoch1 != epoch2, same_seed_same_order=epoch1 == again,
                     other_seed_other_order=epoch1 != other)
    return facts


def default_facts(target, n_train, n_test):
    """make_mnist_loaders(train_ds, test_ds) alone: the defaults batch 64, seed 0, no workers"""
    train_ds, test_ds = TensorDataset(torch.arange(n_train)), TensorDataset(torch.arange(n_test))
    train, test = target(train_ds, test_ds)
    seeded = target(train_ds, test_ds, batch_size=64, seed=0, num_workers=0)[0]
    return {"batch_sizes": [train.batch_size, test.batch_size],
            "num_workers": [train.num_workers, test.num_workers],
            "same_order_as_seed_0": _order(train)[1] == _order(seeded)[1]}


NOTES = {
    "result['global_rng_changed']": "seed only the loader's generator, never the global RNG.",
    "result['test_order']": "the test loader must keep the dataset's order (shuffle=False).",
}


def test_make_mnist_loaders(kata):
    examples = [
        {"n_train": 10, "n_test": 7, "batch_size": 4, "seed": 0, "num_workers": 0},
        {"n_train": 23, "n_test": 9, "batch_size": 5, "seed": 3, "num_workers": 0},
        {"n_train": 12, "n_test": 5, "batch_size": 4, "seed": 1, "num_workers": 1},
    ]
    for example in examples:
        kata.compare("make_mnist_loaders", example, probe=loader_facts, notes=NOTES)
    kata.compare("make_mnist_loaders", {"n_train": 70, "n_test": 5}, probe=default_facts)


@mistake("make_mnist_loaders", diagnosis="the test loader is shuffled. Evaluation does not "
         "need random order, and a fixed order keeps results comparable: shuffle=False.")
def shuffled_test(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, shuffle=True, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="shuffle=True without a generator draws from the "
         "global RNG, so the order changes from run to run. Pass "
         "generator=torch.Generator().manual_seed(seed).")
def no_generator(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="torch.manual_seed(seed) reseeds the global RNG, which "
         "silently changes every other random draw in the program (weight init, dropout). "
         "Give the loader its own torch.Generator().manual_seed(seed).")
def seeds_global_rng(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    torch.manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="drop_last=True throws away the last, smaller batch: "
         "some examples are never seen in an epoch. Keep the default drop_last=False.")
def drops_last(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers, drop_last=True),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers, drop_last=True))


@mistake("make_mnist_loaders", diagnosis="num_workers is not passed on: give "
         "num_workers=num_workers to both DataLoaders.")
def ignores_num_workers(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g),
            DataLoader(test_ds, batch_size=batch_size))


@mistake("make_mnist_loaders", diagnosis="the generator is seeded with a constant, so the seed "
         "argument has no effect: manual_seed(seed).")
def constant_seed(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(42)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))
