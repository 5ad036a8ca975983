# %% [markdown]
# # Finding and removing a graph break
# A graph break is where Dynamo stops capturing: the code in between runs in plain Python and
# each side becomes its own graph, so the compiler cannot fuse across it. To find them, run
# `torch._dynamo.explain(fn)(*args)`: its `graph_break_count` and `break_reasons` say how many and
# where (or run with `TORCH_LOGS="graph_breaks"`). The usual causes: a Python `if`/`while` on a
# tensor's value, `.tolist()` and `.numpy()` (a tensor's value leaves the graph), `.item()` in
# older releases (recent ones keep the number in the graph while only tensor code uses it), and
# calls into libraries Dynamo cannot trace. The cure is to keep the decision in the graph with
# tensor operations: `torch.where`, `torch.clamp`, masks.
# Docs: https://pytorch.org/docs/stable/torch.compiler_troubleshooting.html

# %%
import torch


def clip_norm_no_break(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """Scale ``x`` down so that its L2 norm is at most ``max_norm``, without a graph break.

    The obvious version breaks the graph: the Python ``if`` decides on the norm's value, which
    a graph cannot do (older releases already break at ``.item()``)::

        norm = torch.linalg.vector_norm(x)
        if norm.item() > max_norm:
            x = x * (max_norm / norm)
        return x

    Compute the same with tensor operations only, so that
    ``torch.compile(clip_norm_no_break, fullgraph=True)`` captures it in one graph: multiply by
    ``max_norm / norm`` clamped to at most 1 (or choose with ``torch.where``). ``x`` has any shape
    (an empty one has norm 0 and stays as it is) and a floating dtype; the result has x's shape and
    dtype, and ``x`` itself is not changed. ``max_norm`` is a positive float.
    TensorFlow 2: ``tf.clip_by_norm(x, max_norm)``. Inside a ``tf.function`` AutoGraph turns a
    Python ``if`` on a tensor into ``tf.cond``; Dynamo does not rewrite it, it breaks the graph.
    Example:
        >>> clip_norm_no_break(torch.tensor([3.0, 4.0]), 1.0)
        tensor([0.6000, 0.8000])
    """
    # TODO: compute the norm, then one factor min(1, max_norm / norm) as a tensor, no .item().
    raise NotImplementedError("clip_norm_no_break")
