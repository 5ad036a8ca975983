"""Realistic learner answers for exercises/06_pytorch2/03_dynamic_shapes.py (compile_for_any_batch)."""
from typing import Callable

import torch
from torch import nn


# --------------------------------------------------------------------------- right


def right__compile_for_any_batch__mark_dynamic(model: nn.Module, backend: str | Callable = "inductor") -> Callable:
    """alternative | compiles with the default dynamic=None and marks dimension 0 of every tensor argument (of size >= 2) dynamic with torch._dynamo.mark_dynamic before each call"""
    compiled = torch.compile(model, backend=backend)

    def run(*args, **kwargs):
        for a in args:
            if isinstance(a, torch.Tensor) and a.dim() > 0 and a.shape[0] >= 2:
                torch._dynamo.mark_dynamic(a, 0)
        return compiled(*args, **kwargs)

    return run


def right__compile_for_any_batch__module_compile(model: nn.Module, backend: str | Callable = "inductor") -> Callable:
    """alternative | compiles the module in place with model.compile(backend=..., dynamic=True) and returns the module itself, which is callable"""
    model.compile(backend=backend, dynamic=True)
    return model


# --------------------------------------------------------------------------- wrong


def wrong__compile_for_any_batch__automatic_dynamic(model: nn.Module, backend: str | Callable = "inductor") -> Callable:
    """tf-habit | relies on the default (automatic dynamic shapes, like tf.function's reduce_retracing): the first graph is specialised to the first batch size and the second size recompiles | differs when: called on batches of 8, 5 and 3 rows, the backend compiles twice (at 8 and at 5) instead of once"""
    return torch.compile(model, backend=backend)


def wrong__compile_for_any_batch__static(model: nn.Module, backend: str | Callable = "inductor") -> Callable:
    """beginner | dynamic=False, read as 'a static, compiled graph rather than dynamic eager code': every new batch size compiles again | differs when: called on batches of 8, 5 and 3 rows, the backend compiles three times instead of once"""
    return torch.compile(model, backend=backend, dynamic=False)


def right__compile_for_any_batch__fullgraph(model: nn.Module, backend: str | Callable = "inductor") -> Callable:
    """alternative | dynamic=True with fullgraph=True, to be sure batches share one graph (first written as wrong for a model with a graph break, judged right: the docstring asks for one graph for every batch size, which a graph break rules out anyway)"""
    return torch.compile(model, backend=backend, dynamic=True, fullgraph=True)


def wrong__compile_for_any_batch__torchscript(model: nn.Module, backend: str | Callable = "inductor") -> Callable:
    """old-api | torch.jit.script(model), the pre-2.0 shape-generic graph: it accepts any batch size but never compiles with backend | differs when: backend is a callable that counts its calls: called on batches of 8, 5 and 3 rows it is called 0 times instead of once"""
    return torch.jit.script(model)
