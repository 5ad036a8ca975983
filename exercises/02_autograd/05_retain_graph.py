# %% [markdown]
# # retain_graph, and gradients that add up
# To save memory, backward() frees the graph's saved tensors as it goes: a second backward
# through the same graph fails ("Trying to backward through the graph a second time")
# unless the earlier calls passed `retain_graph=True`. And `.grad` is never overwritten:
# each backward *adds* into it. TensorFlow 2 agrees on the first count: a tape gives gradients
# once unless made with `persistent=True` (PyTorch's `retain_graph=True`). On the second it
# differs: `tape.gradient` returns fresh values, with nothing stored that could add up.
# Docs: https://pytorch.org/docs/stable/generated/torch.Tensor.backward.html

# %%
import torch


def accumulated_grad(x: torch.Tensor, times: int) -> torch.Tensor:
    """Build one graph, run backward through it ``times`` times, return the summed gradient.

    Make a tracked leaf copy ``w`` of ``x``, build ``loss = (w ** 3).sum()`` once, then call
    ``loss.backward(...)`` ``times`` (>= 1) times on that same ``loss`` (keep the graph alive with
    ``retain_graph=True``) and return ``w.grad``. Do not reset it between the calls: the
    answer is ``times * 3 * w**2``, because gradients accumulate.

    Example:
        >>> accumulated_grad(torch.tensor([1.0, 2.0]), times=2)
        tensor([ 6., 24.])
    """
    # TODO: build loss once; call loss.backward(retain_graph=True) `times` times.
    raise NotImplementedError("accumulated_grad")
