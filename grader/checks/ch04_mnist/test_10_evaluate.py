"""Checks for exercises/04_mnist/10_evaluate.py: accuracy in eval mode, without autograd.

The model starts in train mode with dropout 0.5, so forgetting model.eval() changes the
predictions; it records whether autograd was on in each forward; the datasets' sizes are not
multiples of the batch size, so a wrong denominator shows.
"""

import torch
from torch.utils.data import DataLoader, TensorDataset

from grader.checks.ch04_mnist._helpers import tiny_data, tiny_net
from grader.mistakes import mistake


def accuracy_facts(target, n, batch_size):
    model = tiny_net(seed=0, dropout=0.5)
    images, labels = tiny_data(n, seed=1)
    model.eval()
    with torch.no_grad():
        predicted = model(images).argmax(dim=1)
    labels = torch.where(torch.arange(n) % 3 == 0, labels, predicted)  # about 70 % right
    model.train()
    model.grad_seen.clear()
    accuracy = target(model, DataLoader(TensorDataset(images, labels), batch_size=batch_size))
    return {"accuracy": accuracy, "autograd_on_during_forward": any(model.grad_seen)}


def test_evaluate_accuracy(kata):
    for example in ({"n": 103, "batch_size": 10}, {"n": 50, "batch_size": 64},
                    {"n": 64, "batch_size": 16}):
        kata.compare("evaluate_accuracy", example, probe=accuracy_facts)


@mistake("evaluate_accuracy", diagnosis="model.eval() is missing: dropout is still active, so "
         "predictions are random and accuracy is too low. Call model.eval() first.")
def no_eval_mode(model, loader):
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / len(loader.dataset)


@mistake("evaluate_accuracy", diagnosis="the forward passes ran with autograd on, building "
         "graphs nobody uses (time and memory). Wrap the loop in `with torch.no_grad():`.")
def no_no_grad(model, loader):
    model.eval()
    correct = 0
    for images, labels in loader:
        correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / len(loader.dataset)


@mistake("evaluate_accuracy", diagnosis="len(loader) * batch_size counts the last, smaller "
         "batch as full. Divide by the number of examples, len(loader.dataset).")
def batches_times_batch_size(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / (len(loader) * loader.batch_size)


@mistake("evaluate_accuracy", diagnosis="the mean of per-batch accuracies weighs the last, "
         "smaller batch like a full one. Count correct predictions, then divide by "
         "len(loader.dataset).")
def mean_of_batch_accuracies(model, loader):
    model.eval()
    accuracies = []
    with torch.no_grad():
        for images, labels in loader:
            accuracies.append((model(images).argmax(dim=1) == labels).float().mean().item())
    return sum(accuracies) / len(accuracies)


@mistake("evaluate_accuracy", diagnosis="the result is a tensor, not a Python float: count "
         "with .sum().item() (or return float(...)).")
def returns_tensor(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum()
    return correct / len(loader.dataset)


@mistake("evaluate_accuracy", diagnosis="the result is a percentage; return a fraction in "
         "[0, 1]: correct / len(loader.dataset), without the factor 100.")
def percent(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
    return 100 * correct / len(loader.dataset)
