"""Checks for exercises/03_nn/10_train_step.py: the canonical optimisation step.

From the same seeded weights, data and dropout stream, a few calls of the learner's step must
leave exactly the parameters (and momentum) the reference's leave, the same gradients in .grad
after the last call, and return the same losses as Python floats. The model may start in eval
mode (as after an evaluation) and with stale gradients in .grad, and SGD has momentum, so a
missing ``model.train()`` or ``zero_grad()``, or one in the wrong place, changes the result.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch03_nn._nets import TinyMnistNet, batches
from grader.mistakes import mistake


def run_steps(train_one_step, steps, batch, lr, seed, starts_in_eval, stale_grads):
    """torch.manual_seed(seed); model = a small CNN with dropout for (N, 1, 8, 8) images, in eval mode if starts_in_eval, every .grad filled with 0.25 if stale_grads; optimizer = SGD(lr, momentum=0.9); `steps` calls on batches of `batch` random images and labels"""
    torch.manual_seed(seed)
    model = TinyMnistNet()
    model.train(not starts_in_eval)
    corners.with_stale_grad(model, stale_grads)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    losses = [train_one_step(model, optimizer, nn.CrossEntropyLoss(), x, target)
              for x, target in batches(steps, batch, seed)]
    momentum = [optimizer.state[p].get("momentum_buffer") for p in model.parameters()]
    return {"losses": losses, "parameters": model.state_dict(), "momentum": momentum,
            "model.training": model.training,
            ".grad after the last step": {name: p.grad for name, p in model.named_parameters()}}


NOTES = {"result['losses']": "the loss each call returned (loss.item(), a Python float)",
         "result['parameters']": "the parameters after the steps",
         "result['model.training']": "a training step puts the model in training mode",
         "result['.grad after": "after a step, .grad holds that step's gradients"}


def test_train_one_step(kata):
    inputs = st.fixed_dictionaries({"steps": st.integers(1, 4), "batch": st.integers(1, 6),
                                    "lr": st.sampled_from([0.01, 0.1]),
                                    "seed": st.integers(0, 1000),
                                    "starts_in_eval": corners.flags("eval_mode"),
                                    "stale_grads": corners.flags("stale_grad")})
    kata.compare("train_one_step", inputs, probe=run_steps, exact=True, max_examples=5,
                 notes=NOTES, examples=[
                     {"steps": 3, "batch": 4, "lr": 0.1, "seed": 0, "starts_in_eval": False,
                      "stale_grads": False},
                     {"steps": 1, "batch": 4, "lr": 0.1, "seed": 1, "starts_in_eval": False,
                      "stale_grads": True},
                     {"steps": 2, "batch": 4, "lr": 0.1, "seed": 2, "starts_in_eval": True,
                      "stale_grads": False}])


@mistake("train_one_step", diagnosis="the gradients were never cleared: backward() adds into "
         "each .grad, so every step also applied all earlier gradients. Call "
         "optimizer.zero_grad() before loss.backward().")
def no_zero_grad(model, optimizer, criterion, x, target):
    model.train()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.item()


@mistake("train_one_step", diagnosis="the gradients were cleared between backward() and step(), "
         "so the optimizer stepped without them and nothing moved: call optimizer.zero_grad() "
         "before backward() (at the start of the step), never between backward() and step().")
def zero_grad_before_step(model, optimizer, criterion, x, target):
    model.train()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()


@mistake("train_one_step", diagnosis="the model was left in eval mode, so dropout was off while "
         "training: call model.train() at the start of the step (Keras: training=True).")
def no_train_mode(model, optimizer, criterion, x, target):
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.item()


@mistake("train_one_step", diagnosis="a softmax before nn.CrossEntropyLoss: the loss already "
         "applies log-softmax, so this squashes the loss and shrinks the gradients. Pass the raw "
         "logits.")
def softmax_before_loss(model, optimizer, criterion, x, target):
    model.train()
    optimizer.zero_grad()
    loss = criterion(F.softmax(model(x), dim=1), target)
    loss.backward()
    optimizer.step()
    return loss.item()


@mistake("train_one_step", diagnosis="return loss.item(), a Python float: returning the loss "
         "tensor keeps its whole autograd graph alive in whatever list collects the losses.")
def returns_tensor(model, optimizer, criterion, x, target):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss


@mistake("train_one_step", diagnosis="optimizer.step() ran before loss.backward(): it stepped "
         "with the gradients zero_grad() had just cleared, so the parameters never moved. Keep "
         "the order zero_grad() -> forward -> loss -> backward() -> step().")
def step_before_backward(model, optimizer, criterion, x, target):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    optimizer.step()
    loss.backward()
    return loss.item()


@mistake("train_one_step", diagnosis="optimizer.zero_grad() came at the end of the step: whatever "
         ".grad held before the call was added into this step's gradients, and this step's "
         "gradients are gone afterwards. Clear them at the start, before backward().")
def zero_grad_after_step(model, optimizer, criterion, x, target):
    model.train()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()


@mistake("train_one_step", diagnosis="the loss returned was computed again after the step (on "
         "the updated parameters): return loss.item() of the loss the step was computed from.")
def loss_after_update(model, optimizer, criterion, x, target):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        return criterion(model(x), target).item()


@mistake("train_one_step", diagnosis="loss.data[0] is the PyTorch 0.3 idiom: the loss is a 0-d "
         "tensor today and cannot be indexed. Return loss.item().")
def loss_data_index(model, optimizer, criterion, x, target):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.data[0]
