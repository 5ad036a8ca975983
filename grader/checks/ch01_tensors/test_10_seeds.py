"""Checks for exercises/01_tensors/10_seeds.py: seeding Python, NumPy and torch."""

import random

import numpy as np
import torch
from hypothesis import strategies as st

from grader.mistakes import mistake


def draws_after_seeding(seed_everything, seed):
    """Draw once from each global generator, seed, draw from each, then seed and draw again."""
    random.random(), np.random.rand(), torch.rand(1)  # so an unseeded generator shows
    seed_everything(seed)
    first = {"torch.rand(3)": torch.rand(3), "np.random.rand(3)": np.random.rand(3),
             "random.random()": random.random()}
    seed_everything(seed)
    again = {"torch.rand(3)": torch.rand(3), "np.random.rand(3)": np.random.rand(3),
             "random.random()": random.random()}
    # Whether the draws repeat comes first: code that seeds with a random seed (torch.seed())
    # differs there, in words that do not change from run to run, before its random values.
    repeat = {name: bool((np.asarray(first[name]) == np.asarray(again[name])).all())
              for name in first}
    return {"the same draws after seeding again": repeat, **first}


NOTES = {
    "result['the same draws after seeding again']": "seed_everything(seed) twice must give the "
                                                    "same draws: seed each generator with the "
                                                    "seed given.",
    "result['np.random.rand(3)']": "np.random.rand draws from NumPy's global generator: seed it "
                                   "with np.random.seed(seed).",
    "result['random.random()']": "random.random draws from Python's global generator: seed it "
                                 "with random.seed(seed).",
    "result['torch.rand(3)']": "torch.rand draws from torch's global generator: seed it with "
                               "torch.manual_seed(seed).",
}


def test_seed_everything(kata):
    kata.compare("seed_everything", st.fixed_dictionaries({"seed": st.integers(0, 2**32 - 1)}),
                 probe=draws_after_seeding, exact=True, notes=NOTES, max_examples=8,
                 examples=[{"seed": 42}, {"seed": 0}, {"seed": 2**32 - 1}])


@mistake("seed_everything", diagnosis="only torch was seeded: NumPy (np.random.seed) and Python "
         "(random.seed) keep their own generators and must be seeded too.")
def torch_only(seed):
    torch.manual_seed(seed)


@mistake("seed_everything", diagnosis="NumPy's global generator (behind np.random.rand and the "
         "like) was not seeded: call np.random.seed(seed). (np.random.default_rng(seed) would "
         "make a separate generator and leave the global one as it was.)")
def forgets_numpy(seed):
    random.seed(seed)
    torch.manual_seed(seed)


@mistake("seed_everything", covered_by="forgets_numpy")  # the global np.random is not seeded
def default_rng(seed):
    random.seed(seed)
    np.random.default_rng(seed)
    torch.manual_seed(seed)


@mistake("seed_everything", diagnosis="Python's own random module was not seeded: add "
         "random.seed(seed).")
def forgets_python(seed):
    np.random.seed(seed)
    torch.manual_seed(seed)


@mistake("seed_everything", diagnosis="torch's global generator (the CPU one behind torch.rand) "
         "was not seeded: call torch.manual_seed(seed), which also seeds every CUDA device. A "
         "new torch.Generator, or torch.cuda.manual_seed_all alone, leaves it as it was.")
def forgets_torch(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.cuda.manual_seed_all(seed)


@mistake("seed_everything")  # torch.seed() picks a random seed: its draws never repeat
def torch_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.seed()
