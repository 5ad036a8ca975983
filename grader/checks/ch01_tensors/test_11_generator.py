"""Checks for exercises/01_tensors/11_generator.py: a local Generator spares the global RNG."""

import torch

from grader import strategies as ts
from grader.mistakes import mistake


def draws_and_global_stream(seeded_uniform, seed, shape):
    """Two calls with one seed, then what the global generator gives next."""
    first = seeded_uniform(seed, shape)
    second = seeded_uniform(seed, shape)
    return {"result": first, "same_seed_again": second, "global_rand_after": torch.rand(4)}


NOTES = {"result['global_rand_after']": "torch.rand after your call differs from a run without "
         "it: the function changed the global random stream (torch.manual_seed, or drawing "
         "from the global generator). Use a torch.Generator of your own."}


def test_seeded_uniform(kata):
    kata.compare("seeded_uniform", ts.kwargs(seed=ts.seeds(), shape=ts.shapes(min_dims=0)),
                 probe=draws_and_global_stream, exact=True, notes=NOTES, max_examples=10,
                 examples=[{"seed": 7, "shape": (3,)}, {"seed": 0, "shape": (2, 2)}])


@mistake("seeded_uniform", diagnosis="torch.manual_seed(seed) gives the right numbers but "
         "resets the global generator, so everything drawn afterwards changes: seed a "
         "torch.Generator() instead and pass generator= to torch.rand.")
def global_seed(seed, shape):
    torch.manual_seed(seed)
    return torch.rand(shape)


@mistake("seeded_uniform", diagnosis="the generator was never seeded (or seeded once at import), "
         "so the same seed does not give the same numbers: "
         "torch.Generator().manual_seed(seed) inside the function.")
def unseeded_generator(seed, shape):
    return torch.rand(shape, generator=torch.Generator())


@mistake("seeded_uniform", diagnosis="torch.randn is normal, not uniform on [0, 1): use "
         "torch.rand(shape, generator=g).")
def normal_not_uniform(seed, shape):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))
