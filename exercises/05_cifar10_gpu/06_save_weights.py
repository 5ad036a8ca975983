# %% [markdown]
# # Saving for inference, safely
# Save the `state_dict` (a dict of tensors), not the whole model object: a pickled model breaks
# as soon as its class moves, and `torch.load` refuses it by default since PyTorch 2.6.
# Write to a temporary file in the same folder and `os.replace` it over the target: a crash
# mid-save then leaves the previous checkpoint intact instead of a half-written file.
# Docs: https://pytorch.org/tutorials/beginner/saving_loading_models.html

# %%
import os
import tempfile

import torch
from torch import nn


def save_for_inference(model: nn.Module, path: str) -> None:
    """Save ``model.state_dict()`` to ``path`` atomically, creating missing parent folders.

    Steps: ``parent = os.path.dirname(os.path.abspath(path))`` (a bare file name such as
    ``"model.pt"`` means the current folder); ``os.makedirs(parent, exist_ok=True)``; save to
    a temporary file in the *same* folder (``tempfile.mkstemp(dir=parent)``: close the
    descriptor it returns); ``os.replace(tmp, path)``. If saving fails, remove the temporary
    file and let the error propagate; the old ``path`` stays untouched.
    TensorFlow 2: ``model.save_weights(path)``.
    Example:
        >>> save_for_inference(net, "model/baseline.pt")  # creates model/ if needed
    """
    # TODO: makedirs, torch.save to a temporary file, then os.replace onto path.
    raise NotImplementedError("save_for_inference")
