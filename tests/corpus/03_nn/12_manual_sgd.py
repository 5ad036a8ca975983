"""Corpus for exercises/03_nn/12_manual_sgd.py: manual_sgd_step."""
import torch
import torch.nn as nn


def right__manual_sgd_step__sub_scaled(model: nn.Module, lr: float) -> None:
    "alternative | p.sub_(lr * p.grad) under no_grad instead of add_ with alpha"
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.sub_(lr * p.grad)


def right__manual_sgd_step__data_inplace(model: nn.Module, lr: float) -> None:
    "alternative | 0.4-era style but correct: in place on p.data (p.data.add_(p.grad.data, alpha=-lr)), so no no_grad block is needed"
    for p in model.parameters():
        if p.grad is None:
            continue
        p.data.add_(p.grad.data, alpha=-lr)


def right__manual_sgd_step__foreach(model: nn.Module, lr: float) -> None:
    "alternative | collects the parameters that have a gradient and updates them with one torch._foreach_add_ call (what SGD's foreach path does)"
    params = [p for p in model.parameters() if p.grad is not None]
    if not params:
        return
    grads = [p.grad for p in params]
    with torch.no_grad():
        torch._foreach_add_(params, grads, alpha=-lr)


def right__manual_sgd_step__copy_back(model: nn.Module, lr: float) -> None:
    "alternative | computes p - lr * grad out of place and copy_ s it back into the same parameter tensor under no_grad"
    with torch.no_grad():
        for _name, p in model.named_parameters():
            g = p.grad
            if g is not None:
                p.copy_(p - lr * g)


def wrong__manual_sgd_step__rebind(model: nn.Module, lr: float) -> None:
    "beginner | p = p - lr * p.grad only rebinds the loop variable: the model's parameters never change | differs when: the docstring example: layer.weight is unchanged instead of w - 0.5"
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p = p - lr * p.grad


def wrong__manual_sgd_step__no_no_grad(model: nn.Module, lr: float) -> None:
    "beginner | the in-place update outside torch.no_grad(): autograd refuses an in-place op on a leaf that requires grad | differs when: the docstring example raises RuntimeError (a leaf Variable that requires grad is being used in an in-place operation)"
    for p in model.parameters():
        if p.grad is not None:
            p -= lr * p.grad


def wrong__manual_sgd_step__no_none_check(model: nn.Module, lr: float) -> None:
    "beginner | assumes every parameter has a gradient: a frozen or unused parameter (grad None) crashes the step | differs when: the docstring example (layer.bias.grad is None) raises TypeError instead of updating the weight"
    with torch.no_grad():
        for p in model.parameters():
            p.add_(p.grad, alpha=-lr)


def wrong__manual_sgd_step__keras_layers(model: nn.Module, lr: float) -> None:
    "tf-habit | loops over the layers like Keras' model.layers (model.children()): parameters of the model itself, or nested deeper, are skipped | differs when: the docstring example: nn.Linear has no children, so layer.weight is unchanged"
    with torch.no_grad():
        for layer in model.children():
            for p in layer.parameters(recurse=False):
                if p.grad is not None:
                    p.add_(p.grad, alpha=-lr)


def wrong__manual_sgd_step__data_rebind(model: nn.Module, lr: float) -> None:
    "old-api | p.data = p.data - lr * p.grad: the values are right but .data is pointed at a new tensor instead of updating the parameter's memory | differs when: the docstring example with v = layer.weight.detach() taken before the call: v still holds the old value (the parameter's storage was not updated in place)"
    for p in model.parameters():
        if p.grad is not None:
            p.data = p.data - lr * p.grad


def wrong__manual_sgd_step__clears_grads(model: nn.Module, lr: float) -> None:
    "subtle | zeroes each gradient after using it (folding zero_grad into the step): the docstring says to leave the gradients as they are | differs when: the docstring example: layer.weight.grad is [[0.]] afterwards instead of [[1.]]"
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.add_(p.grad, alpha=-lr)
                p.grad.zero_()


def wrong__manual_sgd_step__shared_twice(model: nn.Module, lr: float) -> None:
    "subtle | walks each module's own parameters (recurse=False): a parameter shared by two layers (tied weights) is updated twice | differs when: a = nn.Linear(1, 1); b = nn.Linear(1, 1); b.weight = a.weight; a.weight.grad = torch.ones(1, 1); manual_sgd_step(nn.Sequential(a, b), 0.5) moves the weight by -1.0 instead of -0.5"
    with torch.no_grad():
        for module in model.modules():
            for p in module.parameters(recurse=False):
                if p.grad is not None:
                    p.add_(p.grad, alpha=-lr)


def wrong__manual_sgd_step__skips_frozen_with_grad(model: nn.Module, lr: float) -> None:
    "subtle | also requires p.requires_grad, but SGD (and the docstring) update every parameter whose grad is not None | differs when: the docstring example after layer.weight.requires_grad_(False) (grad still set): the weight is unchanged instead of w - 0.5"
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad and p.grad is not None:
                p.add_(p.grad, alpha=-lr)
