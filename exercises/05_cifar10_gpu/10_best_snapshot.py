# %% [markdown]
# # Keeping the best weights so far
# "Early stopping" keeps the weights of the best epoch while training goes on. But
# `model.state_dict()` returns the model's *live* tensors (no copy): the optimizer keeps updating
# them in place, so a "best" state_dict taken that way silently becomes the latest one.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.state_dict

# %%
import torch
from torch import nn


def snapshot_weights(model: nn.Module) -> dict[str, torch.Tensor]:
    """A copy of ``model.state_dict()`` (parameters *and* buffers) that training cannot change.

    Clone every tensor (``t.detach().clone()``), or ``copy.deepcopy(model.state_dict())``.
    Restore later with ``model.load_state_dict(best)``.
    TensorFlow 2: ``keras.callbacks.ModelCheckpoint(save_best_only=True)`` or
    ``EarlyStopping(restore_best_weights=True)``; ``model.get_weights()`` returns copies
    (NumPy arrays), ``state_dict()`` does not.
    Example:
        >>> best = snapshot_weights(net)  # later: net.load_state_dict(best)
    """
    # TODO: return a dict with a detached clone of every state_dict tensor.
    raise NotImplementedError("snapshot_weights")
