"""Checks for exercises/03_nn/11_eval_mode.py: evaluation mode and no_grad.

The model has BatchNorm (with running statistics from a few training batches) and dropout, so
train mode gives other (random) outputs and moves the running statistics. Compared: the
output (values and whether it carries a graph), the mode the model is left in, and the
BatchNorm statistics after the call.
"""

import torch
from hypothesis import strategies as st

from grader.checks.ch03_nn._nets import TinyBnNet
from grader.mistakes import mistake


def evaluate(eval_logits, batch, was_training, seed):
    torch.manual_seed(seed)
    model = TinyBnNet()
    g = torch.Generator().manual_seed(seed)
    for _ in range(3):  # running statistics that differ from a fresh model's
        model(torch.randn(8, 6, generator=g) * 2 + 1)
    model.train(was_training)
    out = eval_logits(model, torch.randn(batch, 6, generator=g))
    return {"output": out, "model.training": model.training,
            "bn.running_mean": model.bn.running_mean.clone(),
            "bn.num_batches_tracked": int(model.bn.num_batches_tracked)}


NOTES = {"result['output']": "evaluation: no dropout, BatchNorm with its running statistics, "
                             "no autograd graph",
         "result['model.training']": "the model must be back in the mode it was in",
         "result['bn']": "evaluation must not update BatchNorm's running statistics"}


def test_eval_logits(kata):
    inputs = st.fixed_dictionaries({"batch": st.integers(1, 6), "was_training": st.booleans(),
                                    "seed": st.integers(0, 1000)})
    kata.compare("eval_logits", inputs, probe=evaluate, max_examples=8, notes=NOTES, examples=[
        {"batch": 4, "was_training": True, "seed": 0},
        {"batch": 3, "was_training": False, "seed": 1}])


@mistake("eval_logits", diagnosis="the model stayed in train mode: dropout zeroed random units "
         "and BatchNorm normalised with this batch's statistics (and updated its running ones). "
         "Call model.eval() before the forward pass (Keras: training=False).")
def no_eval(model, x):
    with torch.no_grad():
        return model(x)


@mistake("eval_logits", diagnosis="without torch.no_grad() the output carries an autograd graph "
         "(requires_grad=True, a grad_fn): wrap the forward pass in `with torch.no_grad():`. "
         "model.eval() does not switch autograd off.")
def no_no_grad(model, x):
    was_training = model.training
    model.eval()
    out = model(x)
    model.train(was_training)
    return out


@mistake("eval_logits", diagnosis="the model was left in eval mode: remember was_training = "
         "model.training before model.eval() and call model.train(was_training) afterwards, or "
         "the training that follows runs without dropout.")
def mode_not_restored(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)


@mistake("eval_logits", diagnosis="model.train() at the end switches on training mode even "
         "when the model was in eval mode before the call: restore the mode it had, "
         "model.train(was_training).")
def always_back_to_train(model, x):
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train()
    return out
