"""Checks for exercises/03_nn/04_inspect_parameters.py: counting and listing parameters.

Models are drawn as the code that builds them (grader/checks/ch03_nn/_nets.py) and built inside
the worker: parameters on the root module itself (a bare nn.Linear), tied parameters and a
module used twice (listed and counted once), buffers (BatchNorm: not parameters), a subclass of
nn.Linear, Conv1d/Conv3d/ConvTranspose2d, a 0-d parameter, a model without parameters, and the
notebook's MNIST layers on the meta device (1,199,882 parameters, no memory needed); some of the
parameters are frozen (requires_grad False).
"""

import torch
from hypothesis import strategies as st

from grader.checks.ch03_nn._nets import NOTEBOOK_ON_META, build_frozen, frozen_models, model_code
from grader.mistakes import mistake

CORNERS = ("root_parameters", "tied_parameters", "buffers", "subclass", "conv_variants")
LAYERED = "nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 2, bias=False))"
SHARED = "nn.Sequential(head, nn.ReLU(), head) with head = nn.Linear(3, 3)"


def count_probe(count_parameters, model, frozen, trainable_only):
    """count_parameters(the model built by that code, with the parameters named in frozen set to requires_grad=False, trainable_only=trainable_only)"""
    return count_parameters(build_frozen(model, frozen), trainable_only=trainable_only)


def count_probe_default(count_parameters, model, frozen):
    """count_parameters(model) without trainable_only: its default (True) must apply"""
    return count_parameters(build_frozen(model, frozen))


def test_count_parameters(kata):
    examples = [
        {"model": model_code("linear"), "frozen": [], "trainable_only": True},
        {"model": NOTEBOOK_ON_META, "frozen": [], "trainable_only": True},
        {"model": LAYERED, "frozen": ["0.bias"], "trainable_only": True},
        {"model": LAYERED, "frozen": ["0.bias"], "trainable_only": False},
        {"model": SHARED, "frozen": [], "trainable_only": True},
        {"model": model_code("tied"), "frozen": [], "trainable_only": False},
        {"model": model_code("with_buffers"), "frozen": ["1.weight"], "trainable_only": True},
        {"model": model_code("linear_subclass"), "frozen": [], "trainable_only": True},
        {"model": model_code("conv3d"), "frozen": [], "trainable_only": True},
        {"model": "nn.ReLU()", "frozen": [], "trainable_only": True},
    ]
    inputs = frozen_models(CORNERS).flatmap(lambda spec: st.fixed_dictionaries(
        {"trainable_only": st.booleans(), **{k: st.just(v) for k, v in spec.items()}}))
    kata.compare("count_parameters", inputs, probe=count_probe, examples=examples,
                 max_examples=15)
    kata.compare("count_parameters", {"model": LAYERED, "frozen": ["3.weight"]},
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


@mistake("count_parameters", diagnosis="p.requires_grad == trainable_only keeps only the frozen "
         "parameters when trainable_only is False: then every parameter counts. Keep p when "
         "p.requires_grad or not trainable_only.")
def flag_equality(model, trainable_only=True):
    return sum(p.numel() for p in model.parameters() if p.requires_grad == trainable_only)


@mistake("count_parameters", diagnosis="model.children() (Keras' model.layers) misses the "
         "parameters registered on the model itself: a bare nn.Linear has no children at all. "
         "model.parameters() yields every parameter, the root's included.")
def children_only(model, trainable_only=True):
    return sum(p.numel() for layer in model.children() for p in layer.parameters()
               if p.requires_grad or not trainable_only)


@mistake("count_parameters", diagnosis="a parameter shared by two layers (tied weights) was "
         "counted once per layer: walking each module's own parameters finds it twice. "
         "model.parameters() yields each parameter once.")
def counts_tied_twice(model, trainable_only=True):
    return sum(p.numel() for m in model.modules() for p in m.parameters(recurse=False)
               if p.requires_grad or not trainable_only)


@mistake("count_parameters", diagnosis="np.sum / np.prod return NumPy numbers (np.int64, and "
         "np.float64 0.0 for a model without parameters), not a Python int: sum p.numel() "
         "with Python's sum.")
def numpy_sum(model, trainable_only=True):
    import numpy as np

    kept = [p for p in model.parameters() if p.requires_grad or not trainable_only]
    return np.sum([np.prod(p.shape) for p in kept])


def table_probe(parameter_table, model, frozen):
    """parameter_table(the model built by that code, with the parameters named in frozen set to requires_grad=False); a torch.Size shape counts as the tuple it is"""
    rows = parameter_table(build_frozen(model, frozen))
    if isinstance(rows, list):
        rows = [_plain_shape(row) for row in rows]
    return rows


def _plain_shape(row):
    if isinstance(row, tuple) and len(row) == 3 and isinstance(row[1], torch.Size):
        return (row[0], tuple(row[1]), row[2])
    return row


def test_parameter_table(kata):
    kata.compare("parameter_table", frozen_models(CORNERS), probe=table_probe, max_examples=15,
                 examples=[{"model": model_code("linear"), "frozen": ["bias"]},
                           {"model": NOTEBOOK_ON_META, "frozen": []},
                           {"model": LAYERED, "frozen": ["3.weight"]},
                           {"model": SHARED, "frozen": []},
                           {"model": model_code("tied"), "frozen": []},
                           {"model": model_code("with_buffers"), "frozen": []},
                           {"model": model_code("linear_subclass"), "frozen": ["0.bias"]},
                           {"model": model_code("conv1d"), "frozen": []}])


@mistake("parameter_table", diagnosis="state_dict() lists buffers too (BatchNorm's running_mean, "
         "running_var, num_batches_tracked), and its tensors are detached, so requires_grad is "
         "always False: iterate over model.named_parameters().")
def from_state_dict_rows(model):
    return [(name, tuple(t.shape), t.requires_grad) for name, t in model.state_dict().items()]


@mistake("parameter_table", diagnosis="state_dict(keep_vars=True) keeps requires_grad but still "
         "lists the buffers (BatchNorm's running_mean, running_var, num_batches_tracked), which "
         "are not parameters: iterate over model.named_parameters().")
def state_dict_keep_vars(model):
    return [(name, tuple(t.shape), t.requires_grad)
            for name, t in model.state_dict(keep_vars=True).items()]


@mistake("parameter_table", diagnosis="the third entry must say whether the parameter is "
         "trainable: p.requires_grad (False for frozen layers).")
def always_trainable(model):
    return [(name, tuple(p.shape), True) for name, p in model.named_parameters()]


@mistake("parameter_table", diagnosis="frozen parameters were left out (as Keras' "
         "trainable_weights would): list every parameter, with trainable False for the frozen "
         "ones.")
def trainable_rows_only(model):
    return [(name, tuple(p.shape), p.requires_grad) for name, p in model.named_parameters()
            if p.requires_grad]


@mistake("parameter_table", diagnosis="named_parameters(recurse=False) lists only the parameters "
         "registered on the model itself, none of its layers': leave recurse at its default.")
def only_top_level(model):
    return [(name, tuple(p.shape), p.requires_grad)
            for name, p in model.named_parameters(recurse=False)]


@mistake("parameter_table", diagnosis="each row must be a tuple (name, shape, trainable), not a "
         "list: a list never equals a tuple in Python.")
def rows_as_lists(model):
    return [[name, tuple(p.shape), p.requires_grad] for name, p in model.named_parameters()]


@mistake("parameter_table", diagnosis="the rows were sorted by name: keep registration order, as "
         "named_parameters() gives it (the order of the state_dict).")
def sorted_rows(model):
    return sorted((name, tuple(p.shape), p.requires_grad) for name, p in model.named_parameters())


@mistake("parameter_table", diagnosis="each module's own short names ('weight', 'bias') lose "
         "the path to the layer: model.named_parameters() gives the full dotted names, "
         "'0.weight', 'fc1.bias', the keys of the state_dict.")
def short_names(model):
    return [(name, tuple(p.shape), p.requires_grad) for m in model.modules()
            for name, p in m.named_parameters(recurse=False)]


@mistake("parameter_table", diagnosis="a parameter shared by two layers got a row under each "
         "name (remove_duplicate=False): list it once, under its first name, as "
         "named_parameters() does by default.")
def shared_listed_twice(model):
    return [(name, tuple(p.shape), p.requires_grad)
            for name, p in model.named_parameters(remove_duplicate=False)]
