"""Corpus for exercises/03_nn/06_init.py: init_like_keras."""
import math

import torch
import torch.nn as nn


def right__init_like_keras__manual_bound(module: nn.Module) -> None:
    "alternative | computes the Glorot bound sqrt(3) * sqrt(2 / (fan_in + fan_out)) by hand and draws with uniform_ under no_grad; bias.zero_()"
    if not isinstance(module, (nn.Conv2d, nn.Linear)):
        return
    w = module.weight
    receptive = 1
    for s in w.shape[2:]:
        receptive *= s
    fan_in = w.shape[1] * receptive
    fan_out = w.shape[0] * receptive
    bound = math.sqrt(3.0) * (1.0 * math.sqrt(2.0 / float(fan_in + fan_out)))
    with torch.no_grad():
        w.uniform_(-bound, bound)
        if module.bias is not None:
            module.bias.zero_()


def right__init_like_keras__init_functions(module: nn.Module) -> None:
    "alternative | nn.init.xavier_uniform_ with an explicit gain=1.0 and nn.init.constant_(bias, 0.0), guarded by getattr(module, 'bias', None)"
    if isinstance(module, nn.Linear) or isinstance(module, nn.Conv2d):
        nn.init.xavier_uniform_(module.weight, gain=1.0)
        bias = getattr(module, "bias", None)
        if bias is not None:
            nn.init.constant_(bias, 0.0)


def right__init_like_keras__data_fill(module: nn.Module) -> None:
    "alternative | old-style but correct: xavier_uniform_ on weight.data and bias.data.fill_(0)"
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        nn.init.xavier_uniform_(module.weight.data)
        if module.bias is not None:
            module.bias.data.fill_(0.0)


def wrong__init_like_keras__xavier_normal(module: nn.Module) -> None:
    "beginner | nn.init.xavier_normal_ (Keras' glorot_normal) instead of Glorot uniform | differs when: torch.manual_seed(0); nn.Linear(400, 400): weights are normal, some beyond the uniform bound sqrt(6/800) ~ 0.0866, and the values differ under the same seed"
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_normal_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


def wrong__init_like_keras__no_bias_check(module: nn.Module) -> None:
    "beginner | zeroes module.bias without checking for None: layers built with bias=False crash | differs when: module=nn.Linear(4, 3, bias=False) raises (AttributeError on None) instead of only re-initialising the weight"
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight)
        module.bias.data.zero_()


def wrong__init_like_keras__linear_only(module: nn.Module) -> None:
    "tf-habit | only handles the Dense counterpart nn.Linear: Conv2d keeps PyTorch's default init (random bias) | differs when: module=nn.Conv2d(1, 4, 3): bias is not zeros afterwards"
    if isinstance(module, nn.Linear):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


def wrong__init_like_keras__relu_gain(module: nn.Module) -> None:
    "examples | copies the tutorial line xavier_uniform_(w, gain=nn.init.calculate_gain('relu')): the bound is sqrt(2) times Glorot's | differs when: torch.manual_seed(0); nn.Linear(4, 3): weights are sqrt(2) times those of plain xavier_uniform_ under the same seed"
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight, gain=nn.init.calculate_gain("relu"))
        if module.bias is not None:
            nn.init.zeros_(module.bias)


def wrong__init_like_keras__has_weight(module: nn.Module) -> None:
    "subtle | dispatches on 'has a weight with 2+ dims' instead of the layer type: Conv1d, Conv3d, Embedding... are re-initialised too, though only Conv2d and Linear should be | differs when: module=nn.Conv1d(2, 3, 3): its bias becomes zeros instead of being left alone"
    weight = getattr(module, "weight", None)
    if isinstance(weight, torch.Tensor) and weight.dim() >= 2:
        nn.init.xavier_uniform_(weight)
        bias = getattr(module, "bias", None)
        if bias is not None:
            nn.init.zeros_(bias)


def wrong__init_like_keras__recurses(module: nn.Module) -> None:
    "subtle | loops over module.modules() itself: called on a container it re-initialises the children (and, used with model.apply, every layer several times) | differs when: module=nn.Sequential(nn.Linear(4, 3)) called directly zeroes the inner bias, though a container must be left alone"
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def wrong__init_like_keras__new_parameters(module: nn.Module) -> None:
    "subtle | replaces weight and bias with fresh nn.Parameter objects instead of filling them in place: the new ones are float32 on the CPU and trainable whatever the old ones were, and an optimizer built earlier still holds the old tensors | differs when: module=nn.Linear(4, 3).double(): weight and bias become float32"
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        w = torch.empty(module.weight.shape)
        nn.init.xavier_uniform_(w)
        module.weight = nn.Parameter(w)
        if module.bias is not None:
            module.bias = nn.Parameter(torch.zeros(module.bias.shape))
