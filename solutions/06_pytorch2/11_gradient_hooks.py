# %% [markdown]
# # A gradient hook: clip gradients as they are computed
# `tensor.register_hook(fn)` asks autograd to call `fn(grad)` with the gradient flowing into
# that tensor during every backward pass; if `fn` returns a tensor, that replaces the gradient.
# On a parameter, the hook sees this backward pass's gradient *before* it is added to `.grad`.
# Like forward hooks it returns a handle, and `handle.remove()` takes it off. (Keras has no
# hooks: you would change the gradients between `tape.gradient` and `apply_gradients`, or give
# the optimizer `clipvalue=`.)
# Docs: https://pytorch.org/docs/stable/generated/torch.Tensor.register_hook.html

# %%
import torch
from torch import nn
from torch.utils.hooks import RemovableHandle


def clip_grad_hooks(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """Make every backward pass clip each gradient of ``model``'s parameters to [-c, c].

    Register a hook on each parameter that requires a gradient (``model.parameters()``; a
    frozen one, ``requires_grad=False``, cannot take a hook) that returns the gradient clamped to
    ``[-clip_value, clip_value]``. The hook clips what this backward pass computes, before it
    is added to ``.grad`` (a gradient already there from an earlier pass stays as it is). Return
    the handles: after ``handle.remove()`` for each of them, gradients are no longer clipped.
    TensorFlow 2: ``keras.optimizers.SGD(..., clipvalue=c)``, or
    ``[tf.clip_by_value(g, -c, c) for g in tape.gradient(loss, model.trainable_variables)]``.
    Example:
        >>> net = nn.Linear(3, 1)
        >>> handles = clip_grad_hooks(net, 0.1)
        >>> net(torch.full((1, 3), 5.0)).sum().backward()
        >>> net.weight.grad
        tensor([[0.1000, 0.1000, 0.1000]])
    """
    # Why: a tensor hook rewrites this pass's gradient on its way into .grad.
    return [p.register_hook(lambda grad: grad.clamp(-clip_value, clip_value))
            for p in model.parameters() if p.requires_grad]
