"""Checks for exercises/04_mnist/09_train_epoch.py: one epoch of the training loop.

Same init, data, batch order and dropout seed on both sides; after the epoch every parameter
must equal the reference's, and the returned mean loss too. The model starts in eval mode (as
after an evaluation), so a loop without model.train() trains without dropout and differs.
"""

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader import corners
from grader.checks.ch04_mnist._helpers import tiny_data, tiny_net
from grader.mistakes import mistake


def epoch_facts(target, n, batch_size, lr, stale_grad=False):
    """train_one_epoch on a small dropout net (left in eval mode), SGD momentum 0.9, n examples"""
    model = corners.with_stale_grad(tiny_net(seed=0), stale_grad)
    images, labels = tiny_data(n, seed=1)
    loader = DataLoader(TensorDataset(images, labels), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(2))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.eval()
    torch.manual_seed(3)
    mean_loss = target(model, loader, optimizer, nn.CrossEntropyLoss())
    tensor = torch.is_tensor(mean_loss)
    return {"type of the result": type(mean_loss).__name__,
            "the result keeps an autograd graph": tensor and mean_loss.requires_grad,
            "mean loss": float(mean_loss) if tensor and mean_loss.numel() == 1 else mean_loss,
            "parameters": {name: p.detach().clone() for name, p in model.named_parameters()}}


def test_train_one_epoch(kata):
    corners.reach("eval_mode")  # the model arrives in eval mode, as after an evaluation
    corners.reach("stale_grad")
    for example in ({"n": 37, "batch_size": 8, "lr": 0.05}, {"n": 16, "batch_size": 4, "lr": 0.1},
                    {"n": 12, "batch_size": 4, "lr": 0.1, "stale_grad": True}):
        kata.compare("train_one_epoch", example, probe=epoch_facts, rtol=1e-5, atol=1e-6)


@mistake("train_one_epoch", diagnosis="optimizer.zero_grad() is missing, so each backward() "
         "adds to the previous batches' gradients. Call it at the start of every batch.")
def no_zero_grad(model, loader, optimizer, criterion):
    model.train()
    total, batches = 0.0, 0
    for images, labels in loader:
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item()
        batches += 1
    return total / batches


@mistake("train_one_epoch", diagnosis="model.train() is missing: a model left in eval mode "
         "(after evaluating) trains with dropout switched off. Call model.train() first.")
def no_train_mode(model, loader, optimizer, criterion):
    total, batches = 0.0, 0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item()
        batches += 1
    return total / batches


@mistake("train_one_epoch", diagnosis="the running loss adds up loss *tensors*: the result is "
         "a tensor that keeps every batch's autograd graph alive (memory grows each step). "
         "Accumulate loss.item(), a Python float.")
def accumulates_tensors(model, loader, optimizer, criterion):
    model.train()
    total, batches = 0.0, 0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss
        batches += 1
    return total / batches


@mistake("train_one_epoch", diagnosis="the sum of batch losses was divided by the number of "
         "examples; the mean over batches divides by the number of batches, len(loader).")
def divides_by_examples(model, loader, optimizer, criterion):
    model.train()
    total = 0.0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader.dataset)


@mistake("train_one_epoch", diagnosis="optimizer.step() never finds a gradient, so the "
         "weights never change: when it runs, the gradients are not computed yet (step before "
         "backward) or already cleared (zero_grad between backward and step). Order per batch: "
         "zero_grad, forward, loss, backward, step.")
def step_before_backward(model, loader, optimizer, criterion):
    model.train()
    total, batches = 0.0, 0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        optimizer.step()
        loss.backward()
        total += loss.item()
        batches += 1
    return total / batches


@mistake("train_one_epoch", diagnosis="the running loss adds up loss.data (or loss.detach()), "
         "so the result is a 0-d tensor, not a Python float. Accumulate loss.item().")
def accumulates_loss_data(model, loader, optimizer, criterion):
    model.train()
    total, batches = 0, 0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.data
        batches += 1
    return total / batches


@mistake("train_one_epoch", diagnosis="each batch's loss was weighted by its size (the "
         "per-example mean Keras prints); the docstring asks for the plain mean over batches: "
         "sum of loss.item() / number of batches.")
def weighted_by_batch_size(model, loader, optimizer, criterion):
    model.train()
    total, seen = 0.0, 0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item() * images.size(0)
        seen += images.size(0)
    return total / seen


@mistake("train_one_epoch", diagnosis="only the last batch's loss is returned; return the mean "
         "over all batches (sum of loss.item() / number of batches).")
def last_batch_loss(model, loader, optimizer, criterion):
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
    return loss.item()


@mistake("train_one_epoch", diagnosis="criterion(labels, outputs) is Keras's loss(y_true, "
         "y_pred) order; PyTorch losses take the prediction first: criterion(outputs, labels).")
def keras_argument_order(model, loader, optimizer, criterion):
    model.train()
    total, batches = 0.0, 0
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(labels, model(images))
        loss.backward()
        optimizer.step()
        total += loss.item()
        batches += 1
    return total / batches


@mistake("train_one_epoch", covered_by="step_before_backward")
def zero_grad_between_backward_and_step(model, loader, optimizer, criterion):
    model.train()
    total, batches = 0.0, 0
    for images, labels in loader:
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        total += loss.item()
        batches += 1
    return total / batches


@mistake("train_one_epoch", diagnosis="zero_grad() runs after step(), at the end of each batch, "
         "so gradients the model arrived with (a backward done before the call) are added to "
         "the first step. Zero them first: zero_grad, forward, loss, backward, step.")
def zero_grad_after_step(model, loader, optimizer, criterion):
    model.train()
    total, batches = 0.0, 0
    for images, labels in loader:
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        total += loss.item()
        batches += 1
    return total / batches
