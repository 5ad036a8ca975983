"""Checks for exercises/04_mnist/10_evaluate.py: accuracy in eval mode, without autograd.

The model starts in train mode with dropout 0.5, so forgetting model.eval() changes the
predictions; it records whether autograd was on in each forward; the datasets' sizes are not
multiples of the batch size, so a wrong denominator shows.
"""

import torch
from torch.utils.data import DataLoader, TensorDataset

from grader import corners
from grader.checks.ch04_mnist._helpers import tiny_data, tiny_net
from grader.mistakes import mistake


def accuracy_facts(target, n, batch_size, mode="enabled"):
    """evaluate_accuracy(dropout net in train mode, DataLoader(n examples, batch_size)), in `mode`"""
    model = tiny_net(seed=0, dropout=0.5)
    images, labels = tiny_data(n, seed=1)
    model.eval()
    with torch.no_grad():
        predicted = model(images).argmax(dim=1)
    labels = torch.where(torch.arange(n) % 3 == 0, labels, predicted)  # about 70 % right
    model.train()
    model.grad_seen.clear()
    with corners.under(mode):
        accuracy = target(model, DataLoader(TensorDataset(images, labels), batch_size=batch_size))
        after = torch.is_grad_enabled()
    return {"accuracy": accuracy, "autograd on during the forward passes": any(model.grad_seen),
            "autograd on after the call": after}


def test_evaluate_accuracy(kata):
    for corner in corners.GRAD_MODE:
        corners.reach(corner)
    for example in ({"n": 103, "batch_size": 10}, {"n": 50, "batch_size": 64},
                    {"n": 64, "batch_size": 16},
                    {"n": 20, "batch_size": 8, "mode": "no_grad"},
                    {"n": 20, "batch_size": 8, "mode": "inference_mode"}):
        kata.compare("evaluate_accuracy", example, probe=accuracy_facts, notes={
            "result['autograd on after": "switch autograd off with `with torch.no_grad():` "
                                         "(it comes back on by itself at the end of the block)"})


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


@mistake("evaluate_accuracy", diagnosis="torch.set_grad_enabled(False) as a plain call switches "
         "autograd off for the rest of the program, the caller's training included. Use it (or "
         "torch.no_grad()) as a `with` block, which restores the mode at its end.")
def grad_mode_not_restored(model, loader):
    model.eval()
    torch.set_grad_enabled(False)
    correct = 0
    for images, labels in loader:
        correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / len(loader.dataset)


@mistake("evaluate_accuracy", diagnosis="argmax(0) runs over the batch axis (tf.argmax's "
         "default axis is 0); the class is the argmax over the logits of each example: "
         "argmax(dim=1).")
def argmax_over_the_batch(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(0) == labels).sum().item()
    return correct / len(loader.dataset)


@mistake("evaluate_accuracy", diagnosis="torch.max(logits, 1)[0] is the largest *value*; the "
         "predicted class is its index, torch.max(logits, 1)[1] (or argmax(dim=1)).")
def max_values_not_indices(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (torch.max(model(images), 1)[0] == labels).sum().item()
    return correct / len(loader.dataset)
