"""snapshot_weights: the copy keeps the values of the moment it was taken while training goes on,
for parameters and buffers alike, and shares no memory with the model."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def snapshot_then_train(target, seed, steps):
    model = _helpers.tiny_net(seed)
    images, labels = _helpers.tiny_data(4, seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    best = target(model)
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(images), labels).backward()
        optimizer.step()
    live = [t.untyped_storage().data_ptr() for t in model.state_dict().values()]
    shared = sorted(name for name, t in dict(best).items() if torch.is_tensor(t)
                    and t.untyped_storage().data_ptr() in live)
    return {"snapshot": dict(best), "shares_memory_with_model": shared}


def test_snapshot_weights(kata):
    kata.compare("snapshot_weights",
                 st.fixed_dictionaries({"seed": st.integers(0, 99), "steps": st.integers(1, 3)}),
                 probe=snapshot_then_train, max_examples=3, exact=True,
                 examples=[{"seed": 0, "steps": 2}],
                 notes={"result['snapshot']": "the snapshot must keep the values it had when it "
                                              "was taken: clone every tensor"})


@mistake("snapshot_weights", diagnosis="model.state_dict() returns the live tensors, so your "
         "\"best\" weights changed with every optimizer step (dict(...) or copy.copy copy the "
         "dict, not the tensors). Clone them: {k: v.detach().clone() for k, v in "
         "model.state_dict().items()}, or copy.deepcopy(model.state_dict()).")
def live_state_dict(model):
    return model.state_dict()


@mistake("snapshot_weights", covered_by="live_state_dict")  # same results as live_state_dict
def shallow_copy(model):
    return dict(model.state_dict())


@mistake("snapshot_weights", diagnosis="named_parameters() misses the buffers (batch norm's "
         "running mean and variance) and returns tensors that require grad: copy "
         "model.state_dict() instead.")
def parameters_only(model):
    return {name: p.detach().clone() for name, p in model.named_parameters()}
