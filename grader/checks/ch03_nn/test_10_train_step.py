"""Checks for exercises/03_nn/10_train_step.py: the canonical optimisation step.

From the same seeded weights, data and dropout stream, a few calls of the learner's step must
leave exactly the parameters (and momentum) the reference's leave, and return the same losses
as Python floats. The model starts in eval mode, as after an evaluation, and SGD has momentum,
so a missing ``model.train()`` or ``zero_grad()`` changes the result.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F
from hypothesis import strategies as st

from grader.checks.ch03_nn._nets import TinyMnistNet, batches
from grader.mistakes import mistake


def run_steps(train_one_step, steps, batch, lr, seed):
    torch.manual_seed(seed)
    model = TinyMnistNet()
    model.eval()  # as an evaluation would have left it
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    losses = [train_one_step(model, optimizer, nn.CrossEntropyLoss(), x, target)
              for x, target in batches(steps, batch, seed)]
    momentum = [optimizer.state[p].get("momentum_buffer") for p in model.parameters()]
    return {"losses": losses, "parameters": model.state_dict(), "momentum": momentum,
            "model.training": model.training}


NOTES = {"result['losses']": "the loss each call returned (loss.item(), a Python float)",
         "result['parameters']": "the parameters after the steps",
         "result['model.training']": "a training step puts the model in training mode"}


def test_train_one_step(kata):
    inputs = st.fixed_dictionaries({"steps": st.integers(2, 4), "batch": st.integers(2, 6),
                                    "lr": st.sampled_from([0.01, 0.1]),
                                    "seed": st.integers(0, 1000)})
    kata.compare("train_one_step", inputs, probe=run_steps, exact=True, max_examples=5,
                 notes=NOTES, examples=[{"steps": 3, "batch": 4, "lr": 0.1, "seed": 0}])


@mistake("train_one_step", diagnosis="the gradients were never cleared: backward() adds into "
         "each .grad, so every step also applied all earlier gradients. Call "
         "optimizer.zero_grad() before loss.backward().")
def no_zero_grad(model, optimizer, criterion, x, target):
    model.train()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.item()


@mistake("train_one_step", diagnosis="the optimizer stepped without gradients: they were "
         "cleared between backward() and step(), or step() ran before backward(). Keep the "
         "order zero_grad() -> forward -> loss -> backward() -> step().")
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


@mistake("train_one_step", diagnosis="the optimizer stepped without gradients: they were "
         "cleared between backward() and step(), or step() ran before backward(). Keep the "
         "order zero_grad() -> forward -> loss -> backward() -> step().")
def step_before_backward(model, optimizer, criterion, x, target):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    optimizer.step()
    loss.backward()
    return loss.item()
