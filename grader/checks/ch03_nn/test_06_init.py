"""Checks for exercises/03_nn/06_init.py: Keras-style initialisation through model.apply.

The probe builds the same seeded model on both sides, applies the learner's function to every
submodule with ``model.apply`` and compares the whole state_dict: initialisers draw from the
seeded generator, so the right initialiser on the right layers gives the same numbers.
"""

import math

import torch
import torch.nn as nn
from hypothesis import strategies as st

from grader.mistakes import mistake


def build(channels, hidden, head_bias):
    return nn.Sequential(
        nn.Conv2d(1, channels, 3), nn.BatchNorm2d(channels), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(channels * 3 * 3, hidden), nn.ReLU(),
        nn.Linear(hidden, 10, bias=head_bias))  # for (N, 1, 8, 8) inputs


def applied(init_like_keras, channels, hidden, head_bias):
    model = build(channels, hidden, head_bias)
    model.apply(init_like_keras)
    return model.state_dict()


def test_init_like_keras(kata):
    inputs = st.fixed_dictionaries({"channels": st.integers(1, 4), "hidden": st.integers(1, 16),
                                    "head_bias": st.booleans()})
    kata.compare("init_like_keras", inputs, probe=applied, max_examples=8, examples=[
        {"channels": 4, "hidden": 16, "head_bias": True},
        {"channels": 2, "hidden": 5, "head_bias": False}])


@mistake("init_like_keras", diagnosis="BatchNorm has a weight too, a 1-D one, and Glorot needs "
         "fan-in and fan-out: pick the layers with isinstance(module, (nn.Conv2d, nn.Linear)) "
         "instead of hasattr(module, 'weight').")
def any_module_with_weight(module):
    if hasattr(module, "weight"):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)


@mistake("init_like_keras", diagnosis="a layer built with bias=False has module.bias None: "
         "zero the bias only when module.bias is not None.")
def assumes_bias(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)


@mistake("init_like_keras", diagnosis="Keras' default glorot_uniform is nn.init.xavier_uniform_; "
         "xavier_normal_ is glorot_normal.")
def glorot_normal(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_normal_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


@mistake("init_like_keras", diagnosis="the biases keep PyTorch's random start: Keras' "
         "bias_initializer is 'zeros', so set them with nn.init.zeros_(module.bias).")
def keeps_bias(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight)


@mistake("init_like_keras", diagnosis="only the Linear layers were initialised: Keras' Conv2D "
         "also starts from glorot_uniform and zeros, so treat nn.Conv2d the same way.")
def linear_only(module):
    if isinstance(module, nn.Linear):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


@mistake("init_like_keras")
def he_uniform(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.kaiming_uniform_(module.weight, nonlinearity="relu")
        if module.bias is not None:
            nn.init.zeros_(module.bias)


@mistake("init_like_keras", diagnosis="the Glorot limit uses fan_in + fan_out, and a conv's fans "
         "include the kernel area (in_channels * kh * kw): nn.init.xavier_uniform_ works them "
         "out for you.")
def fans_without_kernel(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        fan_out, fan_in = module.weight.shape[:2]
        limit = math.sqrt(6 / (fan_in + fan_out))
        with torch.no_grad():
            module.weight.uniform_(-limit, limit)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
