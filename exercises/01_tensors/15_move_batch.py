# %% [markdown]
# # Moving a batch to the device
# `t.to(device)` returns a **new** tensor on `device` and leaves `t` where it was (unlike
# `module.to(device)`, which moves the module itself), so keep what it returns. A batch is often
# a nested dict/list/tuple of tensors and other values. For CPU→GPU copies, page-locked
# ("pinned") host memory lets `non_blocking=True` copy asynchronously while the GPU computes;
# `DataLoader(pin_memory=True)` pins batches for you.
# Docs: https://pytorch.org/docs/stable/notes/cuda.html#use-pinned-memory-buffers

# %%
import torch


def move_batch(batch, device: torch.device):
    """A copy of ``batch`` with every tensor moved to ``device``, at any depth.

    Dicts, lists and tuples keep their type and keys; other values (ints, strings...) are
    returned as they are. Move each tensor with ``t.to(device, non_blocking=True)``; when
    ``device.type == "cuda"``, pin each CPU tensor first (``t.pin_memory()``). The caller's
    batch is left as it was (the containers are new), and a tensor already on ``device`` comes
    back as ``t.to`` returns it: itself. Containers are plain dicts, lists and tuples
    (subclasses such as namedtuples or OrderedDict are not asked).
    TensorFlow: ``with tf.device(...)``; Keras moves batches itself.

    Example:
        >>> move_batch({"x": torch.ones(2), "n": [7, None]}, torch.device("meta"))
        {'x': tensor(..., device='meta', size=(2,)), 'n': [7, None]}
    """
    # TODO: recurse into dicts, lists, tuples; a tensor: pin if cuda, .to(..., non_blocking=True).
    raise NotImplementedError("move_batch")
