"""Checks for exercises/03_nn/11_eval_mode.py: evaluation mode and no_grad.

The model has BatchNorm (with running statistics from a few training batches), an nn.Dropout
and a functional dropout that follows the root module's own flag, so train mode gives other
(random) outputs and moves the running statistics. The call is made in train or eval mode, and
with autograd enabled, under torch.no_grad() or under torch.inference_mode(). Compared: the
output (values and whether it carries a graph), the mode of every module afterwards, the
BatchNorm statistics, and whether autograd is still as the caller had it.
"""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch03_nn._nets import TinyBnNet
from grader.mistakes import mistake


def evaluate(eval_logits, batch, was_training, seed, grad_mode):
    """torch.manual_seed(seed); a small model with BatchNorm and dropouts, run 3 times in train mode (running statistics), then model.train(was_training); out = eval_logits(model, x) for x of shape (batch, 6), called under torch.no_grad() or torch.inference_mode() when grad_mode says so"""
    torch.manual_seed(seed)
    model = TinyBnNet()
    g = torch.Generator().manual_seed(seed)
    for _ in range(3):  # running statistics that differ from a fresh model's
        model(torch.randn(8, 6, generator=g) * 2 + 1)
    model.train(was_training)
    x = torch.randn(batch, 6, generator=g)
    with corners.under(grad_mode):
        out = eval_logits(model, x)
        enabled_after = torch.is_grad_enabled()
    return {"output": out, "model.training": model.training,
            "training flag of every module": {name or "(the model)": m.training
                                              for name, m in model.named_modules()},
            "bn.running_mean": model.bn.running_mean.clone(),
            "bn.num_batches_tracked": int(model.bn.num_batches_tracked),
            "autograd enabled after the call, as before it": enabled_after}


NOTES = {"result['output']": "evaluation: no dropout, BatchNorm with its running statistics, "
                             "no autograd graph",
         "result['model.training']": "the model must be back in the mode it was in",
         "result['training flag": "every module must be back in the mode it was in",
         "result['bn']": "evaluation must not update BatchNorm's running statistics",
         "result['autograd": "torch.no_grad() belongs around the forward pass only (a with "
                             "block): the caller's autograd mode must be as it was"}


def test_eval_logits(kata):
    inputs = st.fixed_dictionaries({"batch": st.integers(1, 6),
                                    "was_training": st.booleans().map(_mode),
                                    "seed": st.integers(0, 1000),
                                    "grad_mode": corners.grad_modes()})
    kata.compare("eval_logits", inputs, probe=evaluate, max_examples=8, notes=NOTES, examples=[
        {"batch": 4, "was_training": True, "seed": 0, "grad_mode": "enabled"},
        {"batch": 3, "was_training": False, "seed": 1, "grad_mode": "enabled"},
        {"batch": 2, "was_training": True, "seed": 2, "grad_mode": "no_grad"},
        {"batch": 1, "was_training": True, "seed": 3, "grad_mode": "inference_mode"}])


def _mode(was_training):
    if not was_training:
        corners.reach("eval_mode")
    return was_training


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


@mistake("eval_logits", diagnosis="model.training = False changes the model's own flag only: its "
         "submodules (Dropout, BatchNorm) keep training=True. model.eval() sets every submodule, "
         "and model.train(was_training) restores them all.")
def root_flag_only(model, x):
    was_training = model.training
    model.training = False
    with torch.no_grad():
        out = model(x)
    model.training = was_training
    return out


@mistake("eval_logits", diagnosis="torch.set_grad_enabled(False) called as a function switches "
         "autograd off for everything after the call too: use it (or torch.no_grad()) as a "
         "context manager, `with torch.no_grad(): out = model(x)`.")
def grad_mode_leak(model, x):
    was_training = model.training
    model.eval()
    torch.set_grad_enabled(False)
    out = model(x)
    model.train(was_training)
    return out
