# %% [markdown]
# # Clearing gradients: the model's or the optimizer's
# `backward()` adds into every `.grad`, so a training loop clears them before each backward
# pass. Two methods do it: `optimizer.zero_grad()` clears the parameters that optimizer was
# given, `model.zero_grad()` every parameter of the model. They differ as soon as an optimizer
# holds only part of a model: a GAN's generator and discriminator, a pretrained body and a new
# head, each with its own optimizer. Both set `.grad` to None by default since PyTorch 2.0
# (`set_to_none=False` writes zeros, as PyTorch 1 did): less memory, and an optimizer skips a
# parameter whose `.grad` is None. TensorFlow 2 has nothing to clear: `tape.gradient` returns new
# gradients every time.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.zero_grad

# %%
import torch
import torch.nn as nn


def zero_grads(model: nn.Module, optimizer: torch.optim.Optimizer) -> None:
    """Clear the gradients of every parameter of ``model``: afterwards each ``.grad`` is None.

    ``optimizer`` holds only some of the model's parameters (maybe all of them), as the
    generator's optimizer holds only part of a GAN. Every parameter of the model must be cleared:
    nested ones, ones registered on the model itself, shared ones, and frozen ones
    (``requires_grad`` False) that still hold a gradient from before they were frozen. The
    parameters' values and the buffers are left as they are.
    TensorFlow 2: nothing to clear (``tape.gradient`` returns fresh gradients).

    Example:
        >>> net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
        >>> opt = torch.optim.SGD(net[1].parameters(), lr=0.1)
        >>> net(torch.ones(1, 2)).sum().backward(); zero_grads(net, opt)
        >>> [p.grad for p in net.parameters()]
        [None, None, None, None]
    """
    # TODO: ask the model, not the optimizer, to clear its gradients (to None).
    raise NotImplementedError("zero_grads")
