"""Chapter 3's reference solutions agree with PyTorch itself, so the differential checks grade
against the truth: shapes from real layers, losses from F.cross_entropy, steps from optim.SGD."""

from __future__ import annotations

import copy
import importlib.util
import math
from types import ModuleType

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from conftest import SOLUTIONS


def _solution(name: str) -> ModuleType:
    path = SOLUTIONS / "03_nn" / name
    spec = importlib.util.spec_from_file_location(f"ch03_reference_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kernel,stride,padding", [(1, 1, 0), (3, 1, 0), (3, 2, 1), (5, 2, 2),
                                                   (4, 3, 3), (7, 4, 0)])
def test_conv_and_pool_sizes_equal_what_the_layers_produce(kernel, stride, padding):
    shapes = _solution("01_conv_shapes.py")
    for h, w in [(7, 7), (28, 28), (13, 30)]:
        x = torch.zeros(1, 2, h, w, device="meta")
        out = nn.Conv2d(2, 3, kernel, stride, padding, device="meta")(x)
        assert shapes.conv2d_out_hw(h, w, kernel, stride, padding) == tuple(out.shape[2:])
        pooled = F.max_pool2d(torch.zeros(1, 2, h, w), kernel, stride)
        assert shapes.maxpool2d_out_hw(h, w, kernel, stride) == tuple(pooled.shape[2:])
        pooled = F.max_pool2d(torch.zeros(1, 2, h, w), kernel)
        assert shapes.maxpool2d_out_hw(h, w, kernel) == tuple(pooled.shape[2:])


def test_mnist_net_has_the_notebooks_parameters_and_raw_logits():
    net = _solution("03_mnist_net.py").MnistNet()
    shapes = [tuple(p.shape) for p in net.parameters()]
    assert shapes == [(32, 1, 3, 3), (32,), (64, 32, 3, 3), (64,), (128, 9216), (128,),
                      (10, 128), (10,)]
    assert _solution("04_inspect_parameters.py").count_parameters(net) == 1_199_882
    net.eval()
    logits = net(torch.randn(4, 1, 28, 28))
    assert logits.shape == (4, 10) and bool((logits < 0).any())  # no ReLU, no softmax


def test_cross_entropy_by_hand_equals_pytorchs_values_and_gradients():
    ce = _solution("08_cross_entropy.py")
    g = torch.Generator().manual_seed(0)
    for scale, tol in [(1.0, {}), (30.0, {}), (1e4, {"rtol": 1e-5, "atol": 1e-2})]:
        x = (torch.randn(5, 7, generator=g) * scale).requires_grad_(True)
        target = torch.randint(0, 7, (5,), generator=g)
        torch.testing.assert_close(ce.log_softmax_by_hand(x), F.log_softmax(x, 1), **tol)
        mine = ce.cross_entropy_by_hand(x, target)
        (grad_mine,) = torch.autograd.grad(mine, x)
        theirs = F.cross_entropy(x, target)
        (grad_theirs,) = torch.autograd.grad(theirs, x)
        assert torch.isfinite(mine) and torch.isfinite(grad_mine).all()
        torch.testing.assert_close(mine, theirs, **tol)
        torch.testing.assert_close(grad_mine, grad_theirs, **tol)


def test_categorical_cross_entropy_is_keras_formula():
    targets = _solution("09_targets.py")
    logits = torch.randn(4, 5)
    probs = F.one_hot(torch.tensor([0, 4, 2, 2]), 5).float() * 0.9 + 0.02
    keras = -(probs * torch.log(torch.softmax(logits, 1))).sum(1).mean()
    torch.testing.assert_close(targets.categorical_cross_entropy(logits, probs), keras)
    assert targets.onehot_to_index(probs).dtype == torch.int64


def test_manual_sgd_step_equals_optim_sgd_bit_for_bit():
    step = _solution("12_manual_sgd.py").manual_sgd_step
    torch.manual_seed(0)
    mine = nn.Sequential(nn.Linear(20, 30), nn.ReLU(), nn.Linear(30, 5))
    theirs = copy.deepcopy(mine)
    optimizer = torch.optim.SGD(theirs.parameters(), lr=0.037)
    x = torch.randn(7, 20)
    for _ in range(3):
        for model in (mine, theirs):
            model.zero_grad()
            model(x).pow(2).sum().backward()
        step(mine, 0.037)
        optimizer.step()
    for a, b in zip(mine.parameters(), theirs.parameters()):
        assert torch.equal(a, b)


def test_linear_from_scratch_matches_nn_linear():
    layer = _solution("07_linear_from_scratch.py").LinearFromScratch(6, 4)
    reference = nn.Linear(6, 4)
    layer.load_state_dict(reference.state_dict())
    x = torch.randn(2, 3, 6)
    torch.testing.assert_close(layer(x), reference(x))
    assert all(p.abs().max() <= 1 / math.sqrt(6) for p in
               _solution("07_linear_from_scratch.py").LinearFromScratch(6, 4).parameters())


def test_init_like_keras_gives_glorot_weights_and_zero_biases():
    init = _solution("06_init.py").init_like_keras
    net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.Flatten(), nn.Linear(8, 5))
    bn_before = copy.deepcopy(net[1].state_dict())
    net.apply(init)
    limit = math.sqrt(6 / (3 * 9 + 8 * 9))
    assert net[0].weight.abs().max() <= limit and not net[0].bias.any()
    assert not net[3].bias.any()
    for name, value in net[1].state_dict().items():
        assert torch.equal(value, bn_before[name])


def test_sgd_updates_a_frozen_parameter_that_holds_a_gradient_as_the_reference_does():
    """The docstring's claim (manual_sgd_step): optim.SGD looks at .grad, not requires_grad."""
    step = _solution("12_manual_sgd.py").manual_sgd_step
    torch.manual_seed(0)
    mine = nn.Linear(3, 2)
    theirs = copy.deepcopy(mine)
    before = mine.weight.detach().clone()
    for model in (mine, theirs):
        model.weight.grad = torch.ones_like(model.weight)
        model.weight.requires_grad_(False)
    torch.optim.SGD(theirs.parameters(), lr=0.5).step()
    step(mine, 0.5)
    assert torch.equal(mine.weight, theirs.weight)
    assert torch.equal(theirs.weight, before - 0.5)  # SGD moved the frozen parameter
    assert torch.equal(mine.weight.grad, torch.ones(2, 3))


def test_load_matching_weights_copies_with_a_cast_in_the_models_order_and_leaves_state_alone():
    load = _solution("05_state_dict.py").load_matching_weights
    source = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
    source(torch.randn(5, 4))
    state = {k: v.double() if v.is_floating_point() else v
             for k, v in reversed(list(source.state_dict().items()))
             if not k.endswith("num_batches_tracked")}
    keys_before = list(state)
    target = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
    loaded = load(target, state)
    assert loaded == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                      "1.running_var"]
    assert list(state) == keys_before
    for name, value in target.state_dict().items():
        assert value.dtype != torch.float64
        if name in state:
            torch.testing.assert_close(value, state[name].to(value.dtype))
            assert value.untyped_storage().data_ptr() != state[name].untyped_storage().data_ptr()
