"""Checks for exercises/01_tensors/11_generator.py: a local Generator spares the global RNG."""

import numpy as np
import torch
from hypothesis import strategies as st

from grader import corners
from grader.mistakes import mistake


def draws_and_global_stream(seeded_uniform, seed, shape):
    """Draw torch.rand(1), call twice with one seed, then see what torch.rand gives next."""
    torch.rand(1)  # the global stream is somewhere in the middle, as in a real program
    first = seeded_uniform(seed, shape)
    second = seeded_uniform(seed, shape)
    same = torch.equal(first, second) if torch.is_tensor(first) and torch.is_tensor(second) \
        else first == second
    return {"values": first, "the same seed gives the same values": bool(same),
            "torch.rand(4) afterwards": torch.rand(4)}


NOTES = {"result['torch.rand(4) afterwards']": "torch.rand after your call differs from a run "
         "without it: the function changed the global random stream (torch.manual_seed, or "
         "drawing from the global generator). Use a torch.Generator of your own."}


def test_seeded_uniform(kata):
    inputs = st.fixed_dictionaries({"seed": st.integers(0, 2**63 - 1),
                                    "shape": corners.shapes(max_dims=3)})
    kata.compare("seeded_uniform", inputs, probe=draws_and_global_stream, exact=True, notes=NOTES,
                 max_examples=10, examples=[{"seed": 7, "shape": (3,)}, {"seed": 0, "shape": ()},
                                            {"seed": 1, "shape": (2, 0)}])


@mistake("seeded_uniform", diagnosis="torch.manual_seed(seed) gives the right numbers but "
         "resets the global generator, so everything drawn afterwards changes: seed a "
         "torch.Generator() instead and pass generator= to torch.rand.")
def global_seed(seed, shape):
    torch.manual_seed(seed)
    return torch.rand(shape)


@mistake("seeded_uniform", diagnosis="torch.manual_seed(torch.initial_seed()) does not put the "
         "global generator back where it was: it restarts its stream from the beginning. Leave "
         "the global generator alone: draw from torch.Generator().manual_seed(seed).")
def restarts_global_seed(seed, shape):
    old_seed = torch.initial_seed()
    torch.manual_seed(seed)
    values = torch.rand(shape)
    torch.manual_seed(old_seed)
    return values


@mistake("seeded_uniform", diagnosis="the generator was never seeded, so the numbers are not "
         "those of the seed: torch.Generator().manual_seed(seed) inside the function.")
def unseeded_generator(seed, shape):
    return torch.rand(shape, generator=torch.Generator())


@mistake("seeded_uniform", diagnosis="one generator is kept per seed and reused, so a second call "
         "with the same seed continues its stream instead of starting over: make a fresh "
         "torch.Generator().manual_seed(seed) on every call.")
def cached_generator(seed, shape):
    cache = cached_generator.__dict__.setdefault("cache", {})
    if seed not in cache:
        cache[seed] = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=cache[seed])


@mistake("seeded_uniform", diagnosis="torch.randn is normal, not uniform on [0, 1): use "
         "torch.rand(shape, generator=g).")
def normal_not_uniform(seed, shape):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


@mistake("seeded_uniform", diagnosis="NumPy's RandomState(seed) draws other numbers than torch "
         "(and float64): the values must be those of torch.rand after torch.manual_seed(seed); "
         "draw them with torch.rand(shape, generator=torch.Generator().manual_seed(seed)).")
def numpy_random_state(seed, shape):
    state = np.random.RandomState(seed % 2**32)
    return torch.from_numpy(np.asarray(state.random_sample(shape)))


@mistake("seeded_uniform", diagnosis="the shape was unpacked (torch.rand(*shape, ...)): the 0-d "
         "shape () then passes no size at all (TypeError). Pass the tuple whole: "
         "torch.rand(shape, generator=g).")
def unpacks_shape(seed, shape):
    g = torch.Generator()
    g.manual_seed(seed)
    return torch.rand(*shape, generator=g)
