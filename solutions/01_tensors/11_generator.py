# %% [markdown]
# # A private random generator
# `torch.manual_seed` resets the *global* generator, so every later draw in the program (weight
# init, dropout, shuffling) changes too. A `torch.Generator` is a separate stream: seed it and
# pass it as `generator=` to `torch.rand`, `torch.randn`, `torch.randperm`, a `DataLoader`...
# The global stream is left exactly as it was.
# Docs: https://pytorch.org/docs/stable/generated/torch.Generator.html

# %%
import torch


def seeded_uniform(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """Uniform [0, 1) numbers of ``shape``, the same for the same ``seed``, on the CPU.

    ``shape`` is a tuple (maybe ``()`` or with a 0 in it); ``0 <= seed < 2**63``.

    Must not touch the global generator: ``torch.rand`` called afterwards returns what it
    would have returned without this call. The values equal those of ``torch.rand(shape)``
    right after ``torch.manual_seed(seed)``. TensorFlow:
    ``tf.random.Generator.from_seed(seed).uniform(shape)``.

    Example:
        >>> torch.equal(seeded_uniform(7, (3,)), seeded_uniform(7, (3,)))
        True
    """
    # Why: a local Generator has its own state, so the global stream never moves.
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=generator)
