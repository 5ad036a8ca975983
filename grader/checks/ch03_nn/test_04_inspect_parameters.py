"""Checks for exercises/03_nn/04_inspect_parameters.py: counting and listing parameters.

The probes build the model inside the worker from a small description: Linear layers (some
without bias, some frozen), maybe a BatchNorm (whose buffers are not parameters), maybe one
layer used twice (a shared parameter is counted once), or the notebook's MNIST layers on the
meta device (1,199,882 parameters, no memory needed).
"""

from collections import OrderedDict

import torch.nn as nn
from hypothesis import strategies as st

from grader.mistakes import mistake

NOTEBOOK = {"widths": [], "frozen": [], "batchnorm": False, "shared": False, "mnist": True}


def build(widths, frozen, batchnorm, shared, mnist):
    if mnist:
        return nn.ModuleDict({"conv1": nn.Conv2d(1, 32, 3, device="meta"),
                              "conv2": nn.Conv2d(32, 64, 3, device="meta"),
                              "fc1": nn.Linear(9216, 128, device="meta"),
                              "fc2": nn.Linear(128, 10, device="meta")})
    layers = OrderedDict()
    for i, (a, b) in enumerate(zip(widths, widths[1:])):
        layers[f"fc{i}"] = nn.Linear(a, b, bias=i % 2 == 0)
        if batchnorm and i == 0:
            layers["bn"] = nn.BatchNorm1d(b)
        layers[f"act{i}"] = nn.ReLU()
    if shared:
        head = nn.Linear(widths[-1], widths[-1])
        layers["head"], layers["head_again"] = head, head
    for i in frozen:
        layers[f"fc{i}"].requires_grad_(False)
        if i == 0 and batchnorm:
            layers["bn"].requires_grad_(False)
    return nn.Sequential(layers)


@st.composite
def models(draw):
    widths = draw(st.lists(st.integers(1, 6), min_size=2, max_size=5))
    return {"widths": widths,
            "frozen": draw(st.lists(st.integers(0, len(widths) - 2), max_size=2, unique=True)),
            "batchnorm": draw(st.booleans()), "shared": draw(st.booleans()), "mnist": False}


def count_probe(count_parameters, trainable_only, **spec):
    return count_parameters(build(**spec), trainable_only=trainable_only)


def count_probe_default(count_parameters, **spec):
    """count_parameters(model) without trainable_only: its default (True) must apply"""
    return count_parameters(build(**spec))


def test_count_parameters(kata):
    examples = [dict(NOTEBOOK, trainable_only=True),
                {"widths": [4, 3, 2], "frozen": [0], "batchnorm": True, "shared": True,
                 "mnist": False, "trainable_only": True},
                {"widths": [4, 3, 2], "frozen": [0], "batchnorm": True, "shared": True,
                 "mnist": False, "trainable_only": False}]
    inputs = models().flatmap(lambda spec: st.fixed_dictionaries(
        {"trainable_only": st.booleans(), **{k: st.just(v) for k, v in spec.items()}}))
    kata.compare("count_parameters", inputs, probe=count_probe, examples=examples,
                 max_examples=15)
    kata.compare("count_parameters", {"widths": [4, 3, 2], "frozen": [0], "batchnorm": False,
                                      "shared": False, "mnist": False},
                 probe=count_probe_default)


@mistake("count_parameters", diagnosis="state_dict() also holds buffers (BatchNorm's running "
         "mean, variance and batch count), which are not parameters, and lists a shared "
         "parameter under each of its names: sum p.numel() over model.parameters().")
def from_state_dict(model, trainable_only=True):
    return sum(t.numel() for t in model.state_dict().values())


@mistake("count_parameters", diagnosis="that is the number of parameter *tensors*: add up "
         "p.numel(), the number of scalars in each.")
def counts_tensors(model, trainable_only=True):
    return len([p for p in model.parameters() if p.requires_grad or not trainable_only])


@mistake("count_parameters", diagnosis="frozen parameters (requires_grad False, like Keras' "
         "trainable=False) were counted although trainable_only is True: keep only p with "
         "p.requires_grad.")
def ignores_trainable_only(model, trainable_only=True):
    return sum(p.numel() for p in model.parameters())


@mistake("count_parameters", diagnosis="with trainable_only=False every parameter counts, frozen "
         "ones too: filter on p.requires_grad only when trainable_only is True.")
def always_trainable_only(model, trainable_only=True):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def table_probe(parameter_table, **spec):
    rows = parameter_table(build(**spec))
    return [(str(name), tuple(int(d) for d in shape), bool(trainable))
            for name, shape, trainable in rows]


def test_parameter_table(kata):
    kata.compare("parameter_table", models(), probe=table_probe, max_examples=15, examples=[
        NOTEBOOK, {"widths": [4, 3, 2], "frozen": [1], "batchnorm": True, "shared": True,
                   "mnist": False}])


@mistake("parameter_table", diagnosis="state_dict() lists buffers too (BatchNorm's running_mean, "
         "running_var, num_batches_tracked), and its tensors are detached, so requires_grad is "
         "always False: iterate over model.named_parameters().")
def from_state_dict_rows(model):
    return [(name, tuple(t.shape), t.requires_grad) for name, t in model.state_dict().items()]


@mistake("parameter_table", diagnosis="the third entry must say whether the parameter is "
         "trainable: p.requires_grad (False for frozen layers).")
def always_trainable(model):
    return [(name, tuple(p.shape), True) for name, p in model.named_parameters()]


@mistake("parameter_table")
def only_top_level(model):
    return [(name, tuple(p.shape), p.requires_grad)
            for name, p in model.named_parameters(recurse=False)]
