# %% [markdown]
# # AdamW, and which parameters to decay
# `Adam(weight_decay=...)` adds `weight_decay * w` to the gradient (L2 regularisation), and
# Adam's per-parameter scaling then shrinks that term where gradients are large. AdamW decays
# the weights *directly*, apart from the gradient step ("decoupled weight decay", Loshchilov &
# Hutter): the form transformers and most modern recipes train with. Biases and the scales and
# shifts of normalisation layers are usually not decayed: pulling them towards 0 only hurts.
# In PyTorch an optimizer takes *parameter groups*, a list of dicts, each with its own settings.
# Docs: https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html

# %%
import torch
from torch import nn


def adamw_with_groups(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """An AdamW optimizer over ``model``'s parameters that decays weights, not biases or norms.

    Make parameter groups: parameters with 2 or more dimensions (Linear and convolution
    weights, embeddings) get ``weight_decay``; those with fewer (biases, the weights and biases
    of LayerNorm, BatchNorm and GroupNorm, any other vector or scalar, also one registered on
    ``model`` itself) get ``weight_decay=0.0``. Every parameter of ``model.parameters()`` appears
    exactly once (it lists a shared parameter once; listed twice, a parameter would be updated
    twice per step). Every group uses ``lr``; the other AdamW settings keep their defaults.
    TensorFlow 2: ``keras.optimizers.AdamW(learning_rate=lr, weight_decay=wd)`` with
    ``optimizer.exclude_from_weight_decay(var_names=["bias", "norm"])``.
    Example:
        >>> opt = adamw_with_groups(nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4)), 1e-3, 0.01)
        >>> [(len(g["params"]), g["weight_decay"]) for g in opt.param_groups]
        [(1, 0.01), (3, 0.0)]
    """
    # Why: decoupled decay shrinks weight matrices; biases and norm scales should stay free.
    decay = [p for p in model.parameters() if p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.ndim < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)
