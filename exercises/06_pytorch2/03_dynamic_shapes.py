# %% [markdown]
# # One compiled graph for every batch size
# By default `torch.compile` specialises its first graph to the exact shapes it saw. A batch of
# another size fails the graph's guards and triggers a recompile (after which Dynamo marks that
# dimension dynamic). The last, smaller batch of an epoch, or a server's requests of varying size,
# then pay for a compile. `dynamic=True` asks for shape-generic graphs from the first call;
# `torch._dynamo.mark_dynamic(x, 0)` marks one dimension of one input. Sizes 0 and 1 are always
# specialised (a batch of 1 compiles once more), as is a size equal to a fixed size of the model.
# Docs: https://pytorch.org/docs/stable/torch.compiler_dynamic_shapes.html

# %%
from typing import Callable

import torch
from torch import nn


def compile_for_any_batch(model: nn.Module, backend: str | Callable = "inductor") -> Callable:
    """Compile ``model`` with ``backend`` so that batches of any size (>= 2) share one graph.

    Return the compiled model: called on batches of sizes 8, 5, 3... it compiles once, at the
    first call, and returns what the eager model returns.
    TensorFlow 2: ``tf.function(model, input_signature=[tf.TensorSpec([None, 16])])``, where
    ``None`` is the dynamic batch dimension (``reduce_retracing=True`` relaxes shapes later).
    Example:
        >>> fast = compile_for_any_batch(nn.Linear(16, 4), backend="eager")
        >>> [fast(torch.randn(n, 16)).shape[0] for n in (8, 5, 3)]
        [8, 5, 3]
    """
    # TODO: torch.compile the model with the backend, asking for dynamic shapes from the start.
    raise NotImplementedError("compile_for_any_batch")
