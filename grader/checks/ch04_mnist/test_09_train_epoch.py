"""Checks for exercises/04_mnist/09_train_epoch.py: one epoch of the training loop.

Same init, data, batch order and dropout seed on both sides; after the epoch every parameter
must equal the reference's, and the returned mean loss too. The model starts in eval mode (as
after an evaluation), so a loop without model.train() trains without dropout and differs.
"""

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks.ch04_mnist._helpers import tiny_data, tiny_net
from grader.mistakes import mistake


def epoch_facts(target, n, batch_size, lr):
    model = tiny_net(seed=0)
    images, labels = tiny_data(n, seed=1)
    loader = DataLoader(TensorDataset(images, labels), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(2))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.eval()
    torch.manual_seed(3)
    mean_loss = target(model, loader, optimizer, nn.CrossEntropyLoss())
    return {"mean_loss": mean_loss,
            "parameters": {name: p.detach().clone() for name, p in model.named_parameters()}}


def test_train_one_epoch(kata):
    for example in ({"n": 37, "batch_size": 8, "lr": 0.05}, {"n": 16, "batch_size": 4, "lr": 0.1}):
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


@mistake("train_one_epoch", diagnosis="optimizer.step() runs before loss.backward(), so each "
         "step uses stale gradients (none at all on the first batch). Order: zero_grad, "
         "forward, loss, backward, step.")
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
