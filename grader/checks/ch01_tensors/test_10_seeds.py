"""Checks for exercises/01_tensors/10_seeds.py: seeding Python, NumPy and torch."""

import random

import numpy as np
import torch
from hypothesis import strategies as st

from grader.mistakes import mistake


def draws_after_seeding(seed_everything, seed):
    """Seed, then draw from each global generator (the worker pre-seeds them all with 0)."""
    seed_everything(seed)
    return {"torch": torch.rand(3), "numpy": np.random.rand(3),
            "python": random.random()}


NOTES = {
    "result['numpy']": "np.random.rand draws from NumPy's global generator: seed it with "
                       "np.random.seed(seed).",
    "result['python']": "random.random draws from Python's global generator: seed it with "
                        "random.seed(seed).",
    "result['torch']": "torch.rand draws from torch's global generator: seed it with "
                       "torch.manual_seed(seed).",
}


def test_seed_everything(kata):
    kata.compare("seed_everything", st.fixed_dictionaries({"seed": st.integers(1, 2**31 - 1)}),
                 probe=draws_after_seeding, exact=True, notes=NOTES, max_examples=10,
                 examples=[{"seed": 42}])


@mistake("seed_everything", diagnosis="only torch was seeded: NumPy (np.random.seed) and Python "
         "(random.seed) keep their own generators and must be seeded too.")
def torch_only(seed):
    torch.manual_seed(seed)


@mistake("seed_everything", diagnosis="np.random.default_rng(seed) makes a new, separate "
         "generator and leaves the global np.random one unseeded: call np.random.seed(seed).")
def default_rng(seed):
    random.seed(seed)
    np.random.default_rng(seed)
    torch.manual_seed(seed)


@mistake("seed_everything", diagnosis="Python's own random module was not seeded: add "
         "random.seed(seed).")
def forgets_python(seed):
    np.random.seed(seed)
    torch.manual_seed(seed)


@mistake("seed_everything")  # torch.seed() picks a random seed: its draws never repeat
def torch_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.seed()
