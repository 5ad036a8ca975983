"""Realistic learner answers for exercises/01_tensors/10_seeds.py (seed_everything)."""
import random

import numpy as np
import torch


# --------------------------------------------------------------------------- right


def right__seed_everything__loop_over_seeders(seed: int) -> None:
    """alternative | loops over the three seeding functions (random.seed, np.random.seed, torch.random.manual_seed) instead of three separate lines"""
    for seeder in (random.seed, np.random.seed, torch.random.manual_seed):
        seeder(seed)


def right__seed_everything__set_states(seed: int) -> None:
    """alternative | copies freshly seeded states into the global generators: random.setstate(random.Random(seed).getstate()) and np.random.set_state(np.random.RandomState(seed).get_state()), plus torch.manual_seed"""
    random.setstate(random.Random(seed).getstate())
    np.random.set_state(np.random.RandomState(seed).get_state())
    torch.manual_seed(seed)


def right__seed_everything__torch_first_plus_cuda(seed: int) -> None:
    """alternative | seeds torch first (CPU, then every CUDA device explicitly with torch.cuda.manual_seed_all, harmless without a GPU), then NumPy and Python"""
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    np.random.seed(seed)
    random.seed(seed)


# --------------------------------------------------------------------------- wrong


def wrong__seed_everything__torch_only(seed: int) -> None:
    """tf-habit | torch.manual_seed alone, like tf.random.set_seed alone: Python's random and NumPy stay unseeded | differs when: seed_everything(3); a = np.random.rand(); seed_everything(3); np.random.rand() != a"""
    torch.manual_seed(seed)


def wrong__seed_everything__no_numpy(seed: int) -> None:
    """examples | as in the pytorch/examples DCGAN script: random.seed and torch.manual_seed, NumPy's global generator forgotten | differs when: seed_everything(3); a = np.random.rand(); seed_everything(3); np.random.rand() != a"""
    random.seed(seed)
    torch.manual_seed(seed)


def wrong__seed_everything__no_python_random(seed: int) -> None:
    """beginner | seeds NumPy and torch but not Python's random module | differs when: seed_everything(3); a = random.random(); seed_everything(3); random.random() != a"""
    np.random.seed(seed)
    torch.manual_seed(seed)


def wrong__seed_everything__numpy_default_rng(seed: int) -> None:
    """subtle | np.random.default_rng(seed) builds a new, unused Generator; the legacy global np.random stream is not seeded | differs when: seed_everything(3); a = np.random.rand(); seed_everything(3); np.random.rand() != a"""
    random.seed(seed)
    np.random.default_rng(seed)
    torch.manual_seed(seed)


def wrong__seed_everything__private_torch_generator(seed: int) -> None:
    """subtle | seeds a new torch.Generator() instead of torch's global generator, so torch.rand is not reproducible | differs when: seed_everything(3); a = torch.rand(1); seed_everything(3); torch.equal(a, torch.rand(1)) is False"""
    random.seed(seed)
    np.random.seed(seed)
    torch.Generator().manual_seed(seed)


def wrong__seed_everything__cuda_seed_only(seed: int) -> None:
    """subtle | torch.cuda.manual_seed_all seeds the GPU generators only (and is a no-op without CUDA); the CPU generator behind torch.rand is not seeded | differs when: seed_everything(3); a = torch.rand(1); seed_everything(3); torch.equal(a, torch.rand(1)) is False"""
    random.seed(seed)
    np.random.seed(seed)
    torch.cuda.manual_seed_all(seed)
