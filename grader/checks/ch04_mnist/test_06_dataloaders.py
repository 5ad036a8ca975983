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


def _datasets(n_train, n_test):
    return TensorDataset(torch.arange(n_train)), TensorDataset(torch.arange(n_test))


def loader_facts(target, n_train, n_test, batch_size, seed, num_workers):
    """make_mnist_loaders(TensorDataset(arange(n_train)), TensorDataset(arange(n_test)), ...)"""
    train_ds, test_ds = _datasets(n_train, n_test)
    options = {"batch_size": batch_size, "num_workers": num_workers}
    torch.manual_seed(1234)  # not the state the call's seed sets: reseeding it would show
    before = torch.get_rng_state()
    train, test = target(train_ds, test_ds, seed=seed, **options)
    built = torch.get_rng_state()
    sizes, epoch1 = _order(train)
    test_sizes, test_order = _order(test)
    facts = {
        "types": [type(train).__name__, type(test).__name__],
        "num_workers": [train.num_workers, test.num_workers],
        "batches per epoch (len)": [len(train), len(test)],
        "train batch sizes": sizes,
        "test batch sizes": test_sizes,
        "a training epoch reads every example once": sorted(epoch1) == list(range(n_train)),
        "the training order is shuffled": epoch1 != list(range(n_train)),
        "the test loader reads the dataset in order": test_order == list(range(n_test)),
        "building the loaders changed the global RNG": not torch.equal(before, built),
    }
    if num_workers == 0:  # each epoch with workers starts processes: check the seeding without
        train2, test2 = target(train_ds, test_ds, seed=seed, **options)
        _, again = _order(train2)
        _, epoch2 = _order(train2)
        _, other = _order(target(train_ds, test_ds, seed=seed + 1, **options)[0])
        train3, test3 = target(train_ds, test_ds, seed=seed, **options)
        _order(train3)
        _order(test3)
        _, after_test = _order(train3)
        facts.update({
            "each epoch has a new order": epoch1 != epoch2,
            "the same seed gives the same order": epoch1 == again,
            "another seed gives another order": epoch1 != other,
            "reading the test loader leaves the next training order alone": after_test == epoch2,
        })
    return facts


def default_facts(target, n_train, n_test):
    """make_mnist_loaders(train_ds, test_ds) alone: the defaults batch 64, seed 0, no workers"""
    train_ds, test_ds = _datasets(n_train, n_test)
    train, test = target(train_ds, test_ds)
    seeded = target(train_ds, test_ds, batch_size=64, seed=0, num_workers=0)[0]
    unseeded = DataLoader(train_ds, batch_size=64, shuffle=True, generator=torch.Generator())
    first_epoch = _order(train)  # once: each pass over a loader draws a new order
    return {"first batch sizes": [first_epoch[0][0], _order(test)[0][0]],
            "num_workers": [train.num_workers, test.num_workers],
            "same order as seed 0": first_epoch[1] == _order(seeded)[1],
            "seed 0 seeds the generator (not its default order)":
                first_epoch[1] != _order(unseeded)[1]}


NOTES = {
    "result['seed 0 seeds": "seed 0 is a seed like any other: call manual_seed(seed) whatever "
                            "its value (an unseeded torch.Generator has an order of its own).",
    "result['building": "seed only the loader's generator, never the global RNG.",
    "result['the test loader": "the test loader must keep the dataset's order (shuffle=False).",
    "result['reading the test": "the test loader must not share the training loader's "
                                "generator: each pass over a loader draws from its generator.",
}


def test_make_mnist_loaders(kata):
    examples = [
        {"n_train": 10, "n_test": 7, "batch_size": 4, "seed": 0, "num_workers": 0},
        {"n_train": 23, "n_test": 9, "batch_size": 5, "seed": 3, "num_workers": 0},
        {"n_train": 12, "n_test": 5, "batch_size": 4, "seed": 1, "num_workers": 1},
    ]
    for example in examples:
        kata.compare("make_mnist_loaders", example, probe=loader_facts, notes=NOTES)
    kata.compare("make_mnist_loaders", {"n_train": 70, "n_test": 70}, probe=default_facts,
                 notes=NOTES)


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


@mistake("make_mnist_loaders", diagnosis="drop_last=True on both loaders throws away the last, "
         "smaller batch: some examples are never trained on, and never tested. Keep the default "
         "drop_last=False.")
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


@mistake("make_mnist_loaders", diagnosis="the seed argument has no effect on the order: the "
         "generator is never seeded with it (a constant, or no manual_seed call at all). Use "
         "torch.Generator().manual_seed(seed).")
def constant_seed(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(42)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="`if seed:` is False for seed 0, so with seed 0 "
         "(the default) the generator is never seeded and shuffles in its own default order. "
         "Call manual_seed(seed) whatever the seed (`if seed is not None` tests for a missing "
         "one).")
def seeds_only_when_truthy(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator()
    if seed:
        g.manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="drop_last=True on the training loader (like "
         "tf.data's drop_remainder=True) throws away the last, smaller batch, so some examples "
         "are never trained on. Keep the default drop_last=False.")
def drops_last_train_batch(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers, drop_last=True),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="a generator alone does not shuffle: without "
         "shuffle=True the training batches come in dataset order. Pass shuffle=True and "
         "generator=g.")
def generator_without_shuffle(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, generator=g, num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="one permutation drawn up front and given as the "
         "sampler replays the same order every epoch. shuffle=True with generator=g draws a new "
         "order for each epoch (the same sequence of orders on every run).")
def one_fixed_permutation(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(train_ds), generator=g).tolist()
    return (DataLoader(train_ds, batch_size=batch_size, sampler=order, num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="the test loader has its own, fixed batch size "
         "(pytorch/examples' test_batch_size=1000): both loaders use batch_size.")
def own_test_batch_size(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers),
            DataLoader(test_ds, batch_size=1000, num_workers=num_workers))


@mistake("make_mnist_loaders", diagnosis="the test loader shares the training loader's "
         "generator: every pass over a loader draws a seed from its generator, so evaluating "
         "between epochs changes the next training order. Give the test loader no generator "
         "(or its own).")
def shared_generator(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(train_ds, batch_size=batch_size, shuffle=True, generator=g,
                       num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, generator=g, num_workers=num_workers))
