"""Realistic learner answers for exercises/06_pytorch2/10_forward_hooks.py (extract_features)."""
import contextlib

import torch
from torch import nn


# --------------------------------------------------------------------------- right


def right__extract_features__exit_stack(model: nn.Module, layer_names: list[str],
                                        x: torch.Tensor) -> dict[str, torch.Tensor]:
    """alternative | uses each RemovableHandle as a context manager inside a contextlib.ExitStack, which removes them all on leaving the with block, exception or not; a hook factory binds each name"""
    captured: dict[str, torch.Tensor] = {}

    def make_hook(name: str):
        def hook(module, inputs, output):
            captured[name] = output.clone()
        return hook

    with contextlib.ExitStack() as stack:
        for name in layer_names:
            stack.enter_context(model.get_submodule(name).register_forward_hook(make_hook(name)))
        with torch.no_grad():
            model(x)
    return {name: captured[name] for name in layer_names if name in captured}


def right__extract_features__named_modules_lookup(model: nn.Module, layer_names: list[str],
                                                  x: torch.Tensor) -> dict[str, torch.Tensor]:
    """alternative | looks the layers up in dict(model.named_modules()), binds the name with a lambda default argument, stores output.detach().clone(), removes the handles in a finally"""
    modules = dict(model.named_modules())
    outputs: dict[str, torch.Tensor] = {}
    handles = []
    try:
        for name in layer_names:
            handles.append(modules[name].register_forward_hook(
                lambda mod, inp, out, key=name: outputs.__setitem__(key, out.detach().clone())))
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return outputs


# --------------------------------------------------------------------------- wrong


def wrong__extract_features__eval_mode(model: nn.Module, layer_names: list[str],
                                       x: torch.Tensor) -> dict[str, torch.Tensor]:
    """tf-habit | switches to model.eval() for extraction, as Keras' predict runs with training=False, and leaves the model there | differs when: nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5)) in training mode: model.training is False after the call and the "1" output has no dropout applied"""
    features: dict[str, torch.Tensor] = {}
    handles = []

    def make_hook(name):
        def hook(module, inputs, output):
            features[name] = output.clone()
        return hook

    model.eval()
    try:
        for name in layer_names:
            handles.append(model.get_submodule(name).register_forward_hook(make_hook(name)))
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return features


def wrong__extract_features__no_clone(model: nn.Module, layer_names: list[str],
                                      x: torch.Tensor) -> dict[str, torch.Tensor]:
    """beginner | the forum snippet's `activation[name] = output.detach()`: detach shares memory with the output, so a later in-place layer changes what was kept | differs when: nn.Sequential(nn.Linear(4, 8), nn.ReLU(inplace=True)) with names ["0"]: the kept "0" output has its negatives zeroed by the ReLU"""
    features: dict[str, torch.Tensor] = {}
    handles = []

    def make_hook(name):
        def hook(module, inputs, output):
            features[name] = output.detach()
        return hook

    try:
        for name in layer_names:
            handles.append(model.get_submodule(name).register_forward_hook(make_hook(name)))
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return features


def wrong__extract_features__late_binding(model: nn.Module, layer_names: list[str],
                                          x: torch.Tensor) -> dict[str, torch.Tensor]:
    """beginner | defines the hook inside the loop, using the loop variable name: every hook looks it up when it runs and finds the last name | differs when: the docstring example (names ["0", "2"]) returns only {"2": ...} (layer 0's output written under "2", then overwritten) instead of both keys"""
    features: dict[str, torch.Tensor] = {}
    handles = []
    try:
        for name in layer_names:
            def hook(module, inputs, output):
                features[name] = output.clone()
            handles.append(model.get_submodule(name).register_forward_hook(hook))
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return features


def wrong__extract_features__no_finally(model: nn.Module, layer_names: list[str],
                                        x: torch.Tensor) -> dict[str, torch.Tensor]:
    """subtle | removes the hooks after the forward pass, but not in a finally: when the forward raises they stay registered | differs when: the docstring's net called with x=torch.ones(3, 5) (a shape error in layer "0") raises and leaves the hooks on net[0] and net[2] (net[0]._forward_hooks is not empty)"""
    features: dict[str, torch.Tensor] = {}
    handles = []

    def make_hook(name):
        def hook(module, inputs, output):
            features[name] = output.clone()
        return hook

    for name in layer_names:
        handles.append(model.get_submodule(name).register_forward_hook(make_hook(name)))
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return features


def wrong__extract_features__modules_dict(model: nn.Module, layer_names: list[str],
                                          x: torch.Tensor) -> dict[str, torch.Tensor]:
    """old-api | finds layers with model._modules[name], as old feature-extraction tutorials do: only direct children are found, not dotted nested names nor "" (the model) | differs when: nn.Sequential(nn.Sequential(nn.Linear(4, 8), nn.ReLU()), nn.Linear(8, 2)) with names ["0.0"] raises KeyError instead of returning the inner Linear's output"""
    features: dict[str, torch.Tensor] = {}
    handles = []

    def make_hook(name):
        def hook(module, inputs, output):
            features[name] = output.clone()
        return hook

    try:
        for name in layer_names:
            handles.append(model._modules[name].register_forward_hook(make_hook(name)))
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return features
