# %% [markdown]
# # Seeds for reproducible runs
# A training script draws random numbers from three global generators: Python's `random`,
# NumPy's `np.random` and torch's (`torch.manual_seed` seeds the CPU generator and every CUDA
# device). Seed all three at the start and a run repeats exactly (on the same machine and
# versions; some GPU kernels also need `torch.use_deterministic_algorithms(True)`).
# Docs: https://pytorch.org/docs/stable/notes/randomness.html

# %%
import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    """Seed Python's ``random``, NumPy's global ``np.random`` and torch with ``seed``.

    ``0 <= seed < 2**32`` (the range ``np.random.seed`` accepts).
    TensorFlow: ``tf.keras.utils.set_random_seed(seed)`` does the same three in one call
    (``tf.random.set_seed`` alone seeds only TensorFlow).

    Example:
        >>> seed_everything(3); a = torch.rand(1); seed_everything(3); torch.equal(a, torch.rand(1))
        True
    """
    # TODO: call random.seed, np.random.seed and torch.manual_seed with seed.
    raise NotImplementedError("seed_everything")
