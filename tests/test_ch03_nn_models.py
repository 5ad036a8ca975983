"""The models chapter 3's checks name by code (grader/checks/ch03_nn/_nets.py) are what that code
builds: a learner who pastes a failing input's model gets the model the check used."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn

from grader.checks.ch03_nn import _nets

WRITTEN_AS_CODE = [d for d in [*_nets.KIND_MODELS.values(), *_nets.OTHER_MODELS]
                   if " with " not in d and not d.startswith("the notebook")]


@pytest.mark.parametrize("description", WRITTEN_AS_CODE)
def test_a_model_written_as_code_is_the_model_built(description):
    built = _nets.build(description)
    pasted = eval(description, {"nn": nn, "torch": torch})  # noqa: S307 - our own strings
    assert type(pasted) is type(built)
    assert [(n, p.shape) for n, p in pasted.named_parameters()] == \
        [(n, p.shape) for n, p in built.named_parameters()]
    assert [type(m) for m in pasted.modules()] == [type(m) for m in built.modules()]


def test_the_models_described_in_words_have_what_the_words_say():
    tied = _nets.build(_nets.KIND_MODELS["tied"])
    assert tied[2].weight is tied[0].weight
    shared = _nets.build("nn.Sequential(head, nn.ReLU(), head) with head = nn.Linear(3, 3)")
    assert shared[0] is shared[2]
    subclass = _nets.build(_nets.KIND_MODELS["linear_subclass"])
    assert isinstance(subclass[0], nn.Linear) and type(subclass[0]) is not nn.Linear
    assert sum(p.numel() for p in _nets.build(_nets.NOTEBOOK_ON_META).parameters()) == 1_199_882


def test_every_model_is_built_the_same_way_twice():
    for description in [*_nets.KIND_MODELS.values(), *_nets.OTHER_MODELS]:
        first, second = _nets.build(description), _nets.build(description)
        for a, b in zip(first.parameters(), second.parameters()):
            assert a.device.type == "meta" or torch.equal(a, b)
