"""Corpus for exercises/03_nn/04_inspect_parameters.py: count_parameters, parameter_table."""
import math

import numpy as np
import torch
import torch.nn as nn


# ---------------------------------------------------------------------------------------------
# count_parameters
# ---------------------------------------------------------------------------------------------

def right__count_parameters__named_loop(model: nn.Module, trainable_only: bool = True) -> int:
    "alternative | explicit loop over named_parameters() with math.prod of the shape and a continue for frozen ones"
    total = 0
    for _name, p in model.named_parameters():
        if trainable_only and not p.requires_grad:
            continue
        total += math.prod(p.shape)
    return total


def right__count_parameters__dedup_by_id(model: nn.Module, trainable_only: bool = True) -> int:
    "alternative | walks every module's own parameters (recurse=False) and de-duplicates shared ones by id"
    seen = set()
    total = 0
    for module in model.modules():
        for p in module.parameters(recurse=False):
            if id(p) in seen:
                continue
            seen.add(id(p))
            if p.requires_grad or not trainable_only:
                total += p.numel()
    return total


def right__count_parameters__filter_then_sum(model: nn.Module, trainable_only: bool = True) -> int:
    "alternative | builds the list of kept parameters with filter(), then sums numel with int(sum(...))"
    params = model.parameters()
    if trainable_only:
        params = filter(lambda p: p.requires_grad, params)
    return int(sum(p.numel() for p in params))


def wrong__count_parameters__ignores_flag(model: nn.Module, trainable_only: bool = True) -> int:
    "beginner | never looks at requires_grad: frozen parameters are counted even when trainable_only=True | differs when: model=nn.Linear(3, 2) with model.bias.requires_grad_(False), trainable_only=True gives 8 instead of 6"
    return sum(p.numel() for p in model.parameters())


def wrong__count_parameters__state_dict(model: nn.Module, trainable_only: bool = True) -> int:
    "beginner | sums over state_dict().values(): counts buffers (BatchNorm running stats, num_batches_tracked) and cannot see requires_grad | differs when: model=nn.BatchNorm1d(3) gives 13 instead of 6"
    return sum(t.numel() for t in model.state_dict().values())


def wrong__count_parameters__tensor_count(model: nn.Module, trainable_only: bool = True) -> int:
    "beginner | len() of the parameter list: counts parameter tensors, not scalar entries | differs when: model=nn.Linear(3, 2) gives 2 instead of 8"
    return len([p for p in model.parameters() if p.requires_grad or not trainable_only])


def wrong__count_parameters__children_only(model: nn.Module, trainable_only: bool = True) -> int:
    "tf-habit | loops over the layers like Keras' model.layers (model.children()): parameters registered on the model itself are missed | differs when: model=nn.Linear(3, 2) (no children) gives 0 instead of 8"
    total = 0
    for layer in model.children():
        for p in layer.parameters():
            if p.requires_grad or not trainable_only:
                total += p.numel()
    return total


def wrong__count_parameters__keras_numpy(model: nn.Module, trainable_only: bool = True) -> int:
    "tf-habit | the Keras idiom np.sum([np.prod(v.shape) for v in trainable_weights]): returns numpy scalars (numpy.float64 0.0 for an empty list), not a Python int | differs when: model=nn.ReLU() returns np.float64(0.0) instead of int 0; nn.Linear(3, 2) returns np.int64(8)"
    weights = [p for p in model.parameters() if p.requires_grad or not trainable_only]
    return np.sum([np.prod(v.shape) for v in weights])


def wrong__count_parameters__shared_twice(model: nn.Module, trainable_only: bool = True) -> int:
    "subtle | sums each module's own parameters(recurse=False): a parameter shared by two layers (tied weights) is counted twice | differs when: a = nn.Linear(2, 2, bias=False); b = nn.Linear(2, 2, bias=False); b.weight = a.weight; model=nn.Sequential(a, b) gives 8 instead of 4"
    total = 0
    for module in model.modules():
        for p in module.parameters(recurse=False):
            if p.requires_grad or not trainable_only:
                total += p.numel()
    return total


def wrong__count_parameters__flag_equality(model: nn.Module, trainable_only: bool = True) -> int:
    "subtle | filters with p.requires_grad == trainable_only: with trainable_only=False it counts only the frozen parameters instead of all | differs when: model=nn.Linear(3, 2), trainable_only=False gives 0 instead of 8"
    return sum(p.numel() for p in model.parameters() if p.requires_grad == trainable_only)


# ---------------------------------------------------------------------------------------------
# parameter_table
# ---------------------------------------------------------------------------------------------

def right__parameter_table__dict_items(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "alternative | goes through dict(model.named_parameters()) (insertion order kept), shape via tuple(p.size()) and bool()"
    params = dict(model.named_parameters())
    return [(name, tuple(p.size()), bool(p.requires_grad)) for name, p in params.items()]


def right__parameter_table__walk_modules(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "alternative | rebuilds named_parameters by hand: named_modules() pre-order, each module's own parameters with the prefix, shared ones listed once"
    rows = []
    seen = set()
    for prefix, module in model.named_modules():
        for short, p in module.named_parameters(recurse=False):
            if id(p) in seen:
                continue
            seen.add(id(p))
            name = f"{prefix}.{short}" if prefix else short
            rows.append((name, tuple(int(s) for s in p.shape), p.requires_grad))
    return rows


def right__parameter_table__append_loop(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "alternative | plain append loop with the tuple built by tuple(list(p.shape))"
    table = []
    for name, param in model.named_parameters():
        shape = tuple(list(param.shape))
        table.append((name, shape, param.requires_grad))
    return table


def wrong__parameter_table__state_dict(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "beginner | reads state_dict(): its tensors are detached (requires_grad always False) and buffers are listed as if parameters | differs when: model=nn.Sequential(nn.Linear(3, 2)) gives ('0.weight', (2, 3), False) instead of True"
    return [(k, tuple(v.shape), v.requires_grad) for k, v in model.state_dict().items()]


def wrong__parameter_table__keep_vars_buffers(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "subtle | state_dict(keep_vars=True) fixes requires_grad but still lists buffers (running_mean, running_var, num_batches_tracked) as rows | differs when: model=nn.BatchNorm1d(3) gives 5 rows instead of 2 ('weight', 'bias')"
    return [(k, tuple(v.shape), v.requires_grad) for k, v in model.state_dict(keep_vars=True).items()]


def wrong__parameter_table__trainable_only(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "tf-habit | lists only what would be in Keras' trainable_weights: frozen parameters are dropped instead of shown with trainable=False | differs when: model=nn.Linear(3, 2) with model.bias.requires_grad_(False) gives 1 row instead of [('weight', (2, 3), True), ('bias', (2,), False)]"
    return [(n, tuple(p.shape), p.requires_grad) for n, p in model.named_parameters() if p.requires_grad]


def wrong__parameter_table__rows_are_lists(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "beginner | each row is a list [name, shape, trainable], not a tuple | differs when: model=nn.Sequential(nn.Linear(3, 2)) gives [['0.weight', (2, 3), True], ...], which is not equal to the tuples"
    return [[n, tuple(p.shape), p.requires_grad] for n, p in model.named_parameters()]


def wrong__parameter_table__torch_size(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "old-api | shape kept as p.size() (a torch.Size), not converted to a plain tuple | differs when: model=nn.Sequential(nn.Linear(3, 2)) gives ('0.weight', torch.Size([2, 3]), True): the shape is a torch.Size, not a tuple of ints"
    return [(n, p.size(), p.requires_grad) for n, p in model.named_parameters()]


def wrong__parameter_table__sorted(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "subtle | sorted by name instead of registration order ('10.weight' sorts before '2.weight', 'bias' before 'weight') | differs when: model=nn.Linear(3, 2) gives [('bias', ...), ('weight', ...)] instead of weight first"
    return sorted((n, tuple(p.shape), p.requires_grad) for n, p in model.named_parameters())


def wrong__parameter_table__no_prefix(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "beginner | walks the modules but keeps only each parameter's short name: 'weight' instead of '0.weight' | differs when: model=nn.Sequential(nn.Linear(3, 2)) gives [('weight', (2, 3), True), ('bias', (2,), True)]"
    rows = []
    for module in model.modules():
        for name, p in module.named_parameters(recurse=False):
            rows.append((name, tuple(p.shape), p.requires_grad))
    return rows


def wrong__parameter_table__shared_twice(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    "subtle | named_parameters(remove_duplicate=False): a parameter shared by two layers gets two rows | differs when: a = nn.Linear(2, 2); b = nn.Linear(2, 2); b.weight = a.weight; model=nn.Sequential(a, b) gives 4 rows (with '1.weight') instead of 3"
    return [(n, tuple(p.shape), p.requires_grad)
            for n, p in model.named_parameters(remove_duplicate=False)]
