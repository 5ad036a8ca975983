# %% [markdown]
# # torch.compile: what tf.function is to TensorFlow
# `tf.function` traces a Python function into a graph, and `jit_compile=True` hands that graph
# to XLA. `torch.compile` does both jobs: at the first call, TorchDynamo captures the PyTorch
# operations of a function (or of a module's forward) into graphs, and a *backend* compiles
# them: "inductor" (the default: C++ and OpenMP on a CPU, Triton kernels on a GPU) or, to debug
# and on machines without a C compiler (Windows, a bare macOS), "eager" (run the captured graph
# as it is) and "aot_eager". Where Dynamo meets code it cannot capture it *breaks the graph*:
# that piece runs in plain Python between two graphs, unless you ask for `fullgraph=True`.
# Docs: https://pytorch.org/docs/stable/torch.compiler_get_started.html

# %%
from typing import Callable

import torch
from torch import nn


def compile_strict(fn: Callable, backend: str | Callable = "inductor") -> Callable:
    """Return ``fn`` compiled by ``torch.compile`` into one whole graph, with ``backend``.

    Pass ``backend`` on, and ``fullgraph=True``: then a function Dynamo cannot capture in a
    single graph raises an error at its first call, instead of running partly in Python
    (slower, and silently so). The compiled function returns what ``fn`` returns, for tensors of
    any shape and floating dtype.
    TensorFlow 2: ``tf.function(fn, jit_compile=True)``, which also refuses what XLA cannot
    compile.
    Example:
        >>> fast = compile_strict(lambda x: torch.sin(x) ** 2, backend="eager")
        >>> fast(torch.zeros(3))
        tensor([0., 0., 0.])
    """
    # TODO: return torch.compile(...) with the backend and fullgraph=True.
    raise NotImplementedError("compile_strict")


def compile_in_place(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """Compile ``model``'s forward pass in place, with ``backend``, and return ``model`` itself.

    ``torch.compile(model)`` returns a *new* wrapper module (an ``OptimizedModule``) whose
    ``state_dict()`` keys all start with ``_orig_mod.``, so a checkpoint saved from it does not
    load into a plain model. ``model.compile(...)`` compiles the module where it is: the object,
    its class and its ``state_dict`` keys stay the same. The compiled model computes what the
    eager one does, in training and in evaluation mode (batch-norm statistics included).
    TensorFlow 2: ``model.compile(..., jit_compile=True)`` (Keras compiles ``model.fit``'s step).
    Example:
        >>> net = nn.Linear(4, 2)
        >>> compile_in_place(net, backend="eager") is net
        True
    """
    # TODO: call the module's own compile method with the backend, then return the model.
    raise NotImplementedError("compile_in_place")
