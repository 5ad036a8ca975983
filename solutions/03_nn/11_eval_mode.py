# %% [markdown]
# # Train mode and eval mode
# Keras layers take `training=True/False` at each call. A PyTorch module carries a flag
# instead: `model.train()` / `model.eval()` set `model.training` on every submodule. In eval
# mode `nn.Dropout` does nothing and `nn.BatchNorm` uses (and stops updating) its running
# statistics. Autograd is separate: wrap inference in `torch.no_grad()` so no graph is built.
# Docs: https://pytorch.org/docs/stable/notes/autograd.html#locally-disabling-gradient-computation

# %%
import torch
import torch.nn as nn


def eval_logits(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """The model's output on ``x`` for evaluation: eval mode, no autograd graph.

    The model arrives with all its submodules in one mode (set by ``model.train()`` or
    ``model.eval()``). Afterwards put it back in that mode (remember ``model.training``;
    ``model.train(was_training)`` sets every submodule), so a call in the middle of training does
    not leave dropout switched off. Leave autograd as the caller had it: the call may come
    under ``torch.no_grad()`` or not, and must not switch gradients off for the code after it.
    TensorFlow: ``model(x, training=False)``.
    Example:
        >>> net = nn.Sequential(nn.Linear(4, 2), nn.Dropout(0.5))
        >>> out = eval_logits(net, torch.ones(3, 4))
        >>> out.requires_grad, net.training
        (False, True)
    """
    # Why: eval() fixes dropout and BatchNorm; no_grad() skips the graph; train(flag) restores.
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out
