# %% [markdown]
# # Walking the graph through grad_fn
# Every tensor produced by a tracked operation remembers the backward node that made it:
# `t.grad_fn` (e.g. `AddBackward0`). Each node lists its inputs' nodes in
# `node.next_functions`, a tuple of `(node, index)` pairs; a leaf that requires grad shows
# up there as an `AccumulateGrad` node, and an input that needs no gradient as `None`.
# TensorFlow 2 hides its tape; in PyTorch the graph is an object you can inspect.
# Docs: https://pytorch.org/docs/stable/notes/autograd.html

# %%
import torch


def grad_fn_chain(t: torch.Tensor) -> list[str]:
    """Names of the backward nodes met by always following the *first* input from ``t``.

    Start at ``node = t.grad_fn``. While ``node`` is not None: append the node's class name,
    ``type(node).__name__``, with its trailing digits removed (``"AddBackward0"`` ->
    ``"AddBackward"``), then move to
    ``node.next_functions[0][0]``, or stop when ``next_functions`` is empty.
    A tensor with no ``grad_fn`` (a leaf) gives ``[]``.

    Example:
        >>> x = torch.ones(2, requires_grad=True)
        >>> grad_fn_chain(((x + 7) * 3).sum())
        ['SumBackward', 'MulBackward', 'AddBackward', 'AccumulateGrad']
        >>> grad_fn_chain(x)
        []
    """
    # TODO: from t.grad_fn, follow next_functions[0][0], collecting class names.
    raise NotImplementedError("grad_fn_chain")
