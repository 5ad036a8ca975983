"""Realistic learner answers for exercises/06_pytorch2/01_compile.py (compile_strict, compile_in_place)."""
from typing import Callable

import torch
from torch import nn


# =============================================================================================
# compile_strict
# =============================================================================================

# --------------------------------------------------------------------------- right


def right__compile_strict__decorator_factory(fn: Callable, backend: str | Callable = "inductor") -> Callable:
    """alternative | calls torch.compile without the function first, which returns a decorator, then applies it to fn"""
    strict = torch.compile(backend=backend, fullgraph=True)
    return strict(fn)


def right__compile_strict__options_dict(fn: Callable, backend: str | Callable = "inductor") -> Callable:
    """alternative | gathers the compile options in a dict and unpacks them into torch.compile(fn, **options)"""
    options = {"fullgraph": True, "backend": backend}
    compiled = torch.compile(fn, **options)
    return compiled


# --------------------------------------------------------------------------- wrong


def wrong__compile_strict__no_fullgraph(fn: Callable, backend: str | Callable = "inductor") -> Callable:
    """beginner | torch.compile(fn, backend=backend) without fullgraph=True: a graph break is silently run in Python instead of raising | differs when: fn = lambda x: x * 2 if x.sum() > 0 else -x (a data-dependent branch, a graph break) returns a result at its first call instead of raising"""
    return torch.compile(fn, backend=backend)


def wrong__compile_strict__ignores_backend(fn: Callable, backend: str | Callable = "inductor") -> Callable:
    """tf-habit | like tf.function(jit_compile=True), which has no backend to choose, it asks only for fullgraph=True: the backend argument is dropped and inductor always compiles | differs when: backend is a custom callable backend (lambda gm, inputs: gm.forward) that records its calls: it is never called, inductor compiles instead"""
    return torch.compile(fn, fullgraph=True)


def wrong__compile_strict__torchscript(fn: Callable, backend: str | Callable = "inductor") -> Callable:
    """old-api | torch.jit.script(fn), the pre-2.0 way to get a graph: TorchScript needs the source of a typed def and ignores the backend | differs when: the docstring example fn = lambda x: torch.sin(x) ** 2 raises at compile_strict (a lambda's source cannot be scripted) instead of returning a compiled function"""
    return torch.jit.script(fn)


def wrong__compile_strict__inference_only(fn: Callable, backend: str | Callable = "inductor") -> Callable:
    """beginner | thinks compiling is for inference and runs the compiled function under torch.no_grad(): the result carries no graph to backpropagate | differs when: fast(torch.ones(3, requires_grad=True)) returns a tensor with requires_grad=False (fn's own result requires grad)"""
    compiled = torch.compile(fn, backend=backend, fullgraph=True)

    def run(*args, **kwargs):
        with torch.no_grad():
            return compiled(*args, **kwargs)

    return run


# =============================================================================================
# compile_in_place
# =============================================================================================

# --------------------------------------------------------------------------- right


def right__compile_in_place__unbound_method(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """alternative | calls the method through the class, nn.Module.compile(model, backend=backend), then returns the same object"""
    nn.Module.compile(model, backend=backend)
    return model


def right__compile_in_place__explicit_defaults(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """alternative | spells out compile's defaults (fullgraph=False, dynamic=None) beside the backend, keyword arguments from a dict"""
    settings = dict(backend=backend, fullgraph=False, dynamic=None)
    model.compile(**settings)
    return model


# --------------------------------------------------------------------------- wrong


def wrong__compile_in_place__returns_wrapper(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """beginner | returns torch.compile(model, backend=backend): a new OptimizedModule whose state_dict keys start with _orig_mod. | differs when: compile_in_place(nn.Linear(4, 2), backend="eager") is not the Linear given, and its state_dict keys are ['_orig_mod.weight', '_orig_mod.bias']"""
    return torch.compile(model, backend=backend)


def wrong__compile_in_place__returns_compile_result(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """beginner | returns what model.compile(...) returns, as torch.compile returns the compiled model; Module.compile compiles in place and returns None | differs when: compile_in_place(nn.Linear(4, 2), backend="eager") returns None instead of the Linear"""
    model = model.compile(backend=backend)
    return model


def wrong__compile_in_place__torchscript(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """old-api | torch.jit.script(model), the pre-2.0 way: returns a new RecursiveScriptModule and never uses backend | differs when: compile_in_place(nn.Linear(4, 2), backend="eager") returns a ScriptModule that is not the Linear given"""
    return torch.jit.script(model)


def wrong__compile_in_place__fullgraph(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """subtle | carries fullgraph=True over from compile_strict: a model whose forward breaks the graph now raises instead of computing what the eager model does | differs when: a module whose forward is `return x * 2 if x.sum() > 0 else -x` (data-dependent if) raises at its first call instead of returning x * 2"""
    model.compile(backend=backend, fullgraph=True)
    return model


def wrong__compile_in_place__eval_first(model: nn.Module, backend: str | Callable = "inductor") -> nn.Module:
    """examples | adapted from an inference/deployment example: model.eval() before compiling, which switches a training model into evaluation mode | differs when: nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4)) in training mode comes back with training=False, normalises with the running statistics and no longer updates them"""
    model.eval()
    model.compile(backend=backend)
    return model
