# %% [markdown]
# # One optimisation step
# TF2 writes a step as `with tf.GradientTape() as tape: loss = ...`, then
# `grads = tape.gradient(loss, model.trainable_variables)` and
# `optimizer.apply_gradients(zip(grads, model.trainable_variables))`. PyTorch keeps gradients
# in each parameter's `.grad` and *adds* to them on every `backward()`, so a step is:
# `optimizer.zero_grad()` -> forward -> loss -> `loss.backward()` -> `optimizer.step()`.
# Docs: https://pytorch.org/tutorials/beginner/basics/optimization_tutorial.html

# %%
import torch
import torch.nn as nn


def train_one_step(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                   x: torch.Tensor, target: torch.Tensor) -> float:
    """Do one training step of ``model`` on the batch ``(x, target)``; return the loss as a float.

    Put the model in training mode first (an evaluation may have left it in eval mode, which
    switches dropout off) and leave it there. ``criterion`` is e.g. ``nn.CrossEntropyLoss()``:
    give it the model's raw output. Only this batch's gradients may move the parameters, even if
    the parameters arrive holding old ones in ``.grad``; afterwards ``.grad`` holds this step's
    gradients (as after ``optimizer.step()``: the caller may log them). Return ``loss.item()``,
    the loss the step was computed from: a Python float does not keep the graph alive. It is
    called with autograd enabled (not under ``torch.no_grad()``).
    TensorFlow: ``model(x, training=True)`` inside a GradientTape, then ``apply_gradients``.
    Example:
        >>> net = nn.Linear(4, 3); opt = torch.optim.SGD(net.parameters(), lr=0.1)
        >>> x, target = torch.ones(2, 4), torch.tensor([0, 2])
        >>> type(train_one_step(net, opt, nn.CrossEntropyLoss(), x, target))
        <class 'float'>
    """
    # Why: backward() adds into .grad, so last step's gradients must be cleared first.
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.item()
