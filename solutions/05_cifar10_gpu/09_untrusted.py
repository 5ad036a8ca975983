# %% [markdown]
# # Loading files you did not write
# A `.pt` file is a zip holding a pickle, and unpickling can run arbitrary code: a checkpoint
# downloaded from the internet could delete your files the moment you load it.
# `weights_only=True` (the default since PyTorch 2.6) only rebuilds tensors, numbers, strings
# and containers, and refuses anything else. Keep it on for any file you did not create.
# Docs: https://pytorch.org/docs/stable/notes/serialization.html#weights-only

# %%
from typing import Any

import torch


def load_untrusted(path: str) -> dict[str, Any]:
    """Load a state_dict from an untrusted file onto the CPU, refusing anything but plain data.

    Use ``torch.load(path, map_location="cpu", weights_only=True)`` and let its error
    (``pickle.UnpicklingError``) propagate when the file holds code (a pickled object whose
    loading would call a function). Pass ``weights_only=True`` explicitly: the default can be
    switched off by the environment (``TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1``) and was False
    before PyTorch 2.6. If you open the file yourself, close it (a ``with`` block).
    Never ``weights_only=False`` and never ``pickle.load`` on a file from someone else.
    TensorFlow 2: ``tf.saved_model.load`` can also run the graph it loads; load only trusted
    SavedModels. (A pickle-free format for weights: safetensors.)
    Example:
        >>> load_untrusted("downloads/resnet.pt")["fc.bias"].shape
        torch.Size([1000])
    """
    # Why: the weights-only unpickler rebuilds only tensors and plain containers, never calls code.
    return torch.load(path, map_location="cpu", weights_only=True)
