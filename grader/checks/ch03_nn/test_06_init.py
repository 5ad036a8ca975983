"""Checks for exercises/03_nn/06_init.py: Keras-style initialisation through model.apply.

The probe builds the same seeded model on both sides (drawn as the code that builds it: a small
CNN, a bare nn.Linear, tied weights, BatchNorm, a subclass of nn.Linear, Conv1d, Conv3d,
ConvTranspose2d; maybe in float64), applies the learner's function through model.apply (or calls
it once on the model itself) and compares the whole state_dict and whether each parameter is
still the same tensor: initialisers draw from the seeded generator, so the right initialiser on
the right layers gives the same numbers.
"""

import math

import torch
import torch.nn as nn
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch03_nn._nets import build, described_models, model_code
from grader.mistakes import mistake

CORNERS = ("root_parameters", "tied_parameters", "buffers", "subclass", "conv_variants")
CNN = ("nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), "
       "nn.Flatten(), nn.Linear(36, 16), nn.ReLU(), nn.Linear(16, 10))")
CNN_NO_HEAD_BIAS = ("nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), "
                    "nn.MaxPool2d(2), nn.Flatten(), nn.Linear(18, 5), nn.ReLU(), "
                    "nn.Linear(5, 10, bias=False))")
MODELS = {
    CNN: lambda: nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                               nn.Flatten(), nn.Linear(36, 16), nn.ReLU(), nn.Linear(16, 10)),
    CNN_NO_HEAD_BIAS: lambda: nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(),
                                            nn.MaxPool2d(2), nn.Flatten(), nn.Linear(18, 5),
                                            nn.ReLU(), nn.Linear(5, 10, bias=False)),
}
APPLY, DIRECT = "model.apply(init_like_keras)", "init_like_keras(model)"


def applied(init_like_keras, model, float64, called):
    """torch.manual_seed(0); model = that code (then model.double() if float64); then called as given"""
    if model in MODELS:
        torch.manual_seed(0)
        built = MODELS[model]()
    else:
        built = build(model)
    if float64:
        built = built.double()
    before = dict(built.named_parameters())
    if called == APPLY:
        built.apply(init_like_keras)
    else:
        init_like_keras(built)
    return {"state_dict": built.state_dict(),
            "parameters replaced by new tensors":
                [name for name, p in built.named_parameters() if p is not before.get(name)]}


@st.composite
def inits(draw):
    model = draw(st.one_of(st.sampled_from(sorted(MODELS)), described_models(CORNERS, ())))
    return {"model": model, "float64": draw(corners.flags("float64")),
            "called": draw(st.sampled_from([APPLY, APPLY, DIRECT]))}


def test_init_like_keras(kata):
    kata.compare("init_like_keras", inits(), probe=applied, max_examples=12, examples=[
        {"model": model_code("linear"), "float64": False, "called": APPLY},
        {"model": CNN, "float64": False, "called": APPLY},
        {"model": CNN_NO_HEAD_BIAS, "float64": False, "called": APPLY},
        {"model": model_code("conv1d"), "float64": False, "called": APPLY},
        {"model": model_code("linear_subclass"), "float64": False, "called": APPLY},
        {"model": CNN, "float64": False, "called": DIRECT},
        {"model": model_code("tied"), "float64": False, "called": APPLY},
        {"model": model_code("with_buffers"), "float64": False, "called": APPLY},
        {"model": model_code("linear"), "float64": _float64(), "called": APPLY}])


def _float64():
    corners.reach("float64")
    return True


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


@mistake("init_like_keras", diagnosis="a layer built with bias=False has module.bias None, so "
         "module.bias.data fails: zero the bias only when module.bias is not None.")
def assumes_bias_data(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight)
        module.bias.data.zero_()


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


@mistake("init_like_keras", diagnosis="kaiming_uniform_ is He initialisation (Keras' "
         "he_uniform), not Keras' default glorot_uniform: use nn.init.xavier_uniform_.")
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


@mistake("init_like_keras", diagnosis="gain=calculate_gain('relu') makes the limit sqrt(2) "
         "times Glorot's: Keras' glorot_uniform has gain 1, xavier_uniform_'s default.")
def relu_gain(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight, gain=nn.init.calculate_gain("relu"))
        if module.bias is not None:
            nn.init.zeros_(module.bias)


@mistake("init_like_keras", diagnosis="the function walks module.modules() itself, so called on "
         "a container it changes the children, and through model.apply every layer is "
         "re-initialised once per container above it: handle only the module it is given.")
def recurses(module):
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


@mistake("init_like_keras", diagnosis="any module with a weight of 2 or more dimensions was "
         "re-initialised (Conv1d, Conv3d, ConvTranspose2d, Embedding...): only nn.Conv2d and "
         "nn.Linear are asked for, isinstance(module, (nn.Conv2d, nn.Linear)).")
def any_matrix_weight(module):
    weight = getattr(module, "weight", None)
    if isinstance(weight, torch.Tensor) and weight.dim() >= 2:
        nn.init.xavier_uniform_(weight)
        if getattr(module, "bias", None) is not None:
            nn.init.zeros_(module.bias)


@mistake("init_like_keras", diagnosis="type(module) in (...) misses subclasses of nn.Linear and "
         "nn.Conv2d: isinstance(module, (nn.Conv2d, nn.Linear)) includes them.")
def exact_type(module):
    if type(module) in (nn.Conv2d, nn.Linear):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


@mistake("init_like_keras", diagnosis="new nn.Parameter objects replaced the layer's tensors "
         "(float32 whatever the layer's dtype, and an optimizer built earlier still holds the "
         "old ones): initialise in place, nn.init.xavier_uniform_(module.weight) and "
         "nn.init.zeros_(module.bias).")
def new_parameters(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        weight = torch.empty(module.weight.shape)
        nn.init.xavier_uniform_(weight)
        module.weight = nn.Parameter(weight)
        if module.bias is not None:
            module.bias = nn.Parameter(torch.zeros(module.bias.shape))
