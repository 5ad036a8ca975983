"""Realistic learner answers for 04_mnist/13_fit.py (fit_mnist)."""
import itertools
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader


# ----------------------------------------------------------------------------- helpers

def _train_epoch(model, loader, optimizer, criterion, writer, first_step):
    model.train()
    step = first_step
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        writer.add_scalar("loss/train", loss.item(), step)
        step += 1
    return step


def _accuracy(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / len(loader.dataset)


# ----------------------------------------------------------------------------- right

def right__fit_mnist__helper_functions(model: nn.Module, train_loader: DataLoader,
                                       test_loader: DataLoader, epochs: int, lr: float,
                                       writer: Any) -> list[float]:
    """alternative | splits the epoch into two helper functions (train returns the next global step, test returns the accuracy)"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    history = []
    step = 0
    for epoch in range(epochs):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        accuracy = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", accuracy, epoch)
        history.append(accuracy)
    return history


def right__fit_mnist__functional_loss_computed_step(model: nn.Module, train_loader: DataLoader,
                                                   test_loader: DataLoader, epochs: int,
                                                   lr: float, writer: Any) -> list[float]:
    """alternative | F.cross_entropy instead of the module, global step computed as epoch * len(train_loader) + batch index, inference_mode for testing"""
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr)
    steps_per_epoch = len(train_loader)
    accuracies = []
    for epoch in range(epochs):
        model.train()
        for i, (x, y) in enumerate(train_loader):
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), epoch * steps_per_epoch + i)
        model.eval()
        hits = 0
        with torch.inference_mode():
            for x, y in test_loader:
                hits += int(model(x).argmax(1).eq(y).sum())
        acc = hits / len(test_loader.dataset)
        writer.add_scalar("accuracy/test", acc, epoch)
        accuracies.append(acc)
    return accuracies


def right__fit_mnist__counter_and_concat(model: nn.Module, train_loader: DataLoader,
                                         test_loader: DataLoader, epochs: int, lr: float,
                                         writer: Any) -> list[float]:
    """alternative | itertools.count() hands out the global steps; predictions are concatenated and compared once per epoch under set_grad_enabled(False)"""
    criterion = nn.CrossEntropyLoss(reduction="mean")
    optimizer = torch.optim.Adam(model.parameters(), lr)
    steps = itertools.count()
    result = []
    for epoch in range(epochs):
        model.train(True)
        for data, target in train_loader:
            optimizer.zero_grad(set_to_none=True)
            output = model(data)
            loss = criterion(output, target)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), next(steps))
        model.train(False)
        predictions, targets = [], []
        with torch.set_grad_enabled(False):
            for data, target in test_loader:
                predictions.append(model(data).argmax(dim=1))
                targets.append(target)
        correct = (torch.cat(predictions) == torch.cat(targets)).sum().item()
        accuracy = float(correct) / len(test_loader.dataset)
        writer.add_scalar("accuracy/test", accuracy, epoch)
        result.append(accuracy)
    return result


# ----------------------------------------------------------------------------- wrong

def wrong__fit_mnist__step_resets_each_epoch(model: nn.Module, train_loader: DataLoader,
                                             test_loader: DataLoader, epochs: int, lr: float,
                                             writer: Any) -> list[float]:
    """beginner | logs the loss at the batch index of enumerate(train_loader), which restarts at 0 every epoch, so the epochs draw on top of each other | differs when: epochs=2 with 3 batches per epoch: "loss/train" steps are 0, 1, 2, 0, 1, 2 instead of 0..5"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    accs = []
    for epoch in range(epochs):
        model.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            optimizer.zero_grad()
            loss = criterion(model(data), target)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), batch_idx)
        acc = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs


def wrong__fit_mnist__one_based_epoch(model: nn.Module, train_loader: DataLoader,
                                      test_loader: DataLoader, epochs: int, lr: float,
                                      writer: Any) -> list[float]:
    """tf-habit | counts epochs from 1 as Keras prints them ("Epoch 1/3") and logs the accuracy at step epoch + 1 | differs when: epochs=2: "accuracy/test" is logged at steps 1, 2 instead of 0, 1"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    step = 0
    accs = []
    for epoch in range(1, epochs + 1):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        acc = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs


def wrong__fit_mnist__train_mode_set_once(model: nn.Module, train_loader: DataLoader,
                                          test_loader: DataLoader, epochs: int, lr: float,
                                          writer: Any) -> list[float]:
    """subtle | calls model.train() once before the epoch loop; after the first evaluation the model stays in eval mode, so epochs 2+ train with dropout off | differs when: epochs=2 and a model with dropout: in the second epoch the training forwards run with model.training False (dropout off), so the logged losses and the final weights differ"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    step = 0
    accs = []
    model.train()
    for epoch in range(epochs):
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
            step += 1
        acc = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs


def wrong__fit_mnist__optimizer_per_epoch(model: nn.Module, train_loader: DataLoader,
                                          test_loader: DataLoader, epochs: int, lr: float,
                                          writer: Any) -> list[float]:
    """subtle | creates the Adam optimizer inside the epoch loop, so its moment estimates and step count restart every epoch | differs when: epochs=2: the second epoch's updates differ (Adam's bias correction restarts), so losses and weights differ from the second epoch on"""
    criterion = nn.CrossEntropyLoss()
    step = 0
    accs = []
    for epoch in range(epochs):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        acc = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs


def wrong__fit_mnist__no_zero_grad(model: nn.Module, train_loader: DataLoader,
                                   test_loader: DataLoader, epochs: int, lr: float,
                                   writer: Any) -> list[float]:
    """beginner | never clears the gradients (GradientTape habits: each tape starts fresh, .grad does not), so every step uses the sum of all gradients so far | differs when: 2 or more batches: the second step's update differs and the logged losses diverge"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    step = 0
    accs = []
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
            step += 1
        acc = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs


def wrong__fit_mnist__logs_loss_tensor(model: nn.Module, train_loader: DataLoader,
                                       test_loader: DataLoader, epochs: int, lr: float,
                                       writer: Any) -> list[float]:
    """old-api | logs loss.data (a 0-d tensor) as in 0.4-era tensorboardX examples instead of the Python float loss.item() | differs when: any run: the "loss/train" values handed to add_scalar are tensors, not floats"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    n_iter = 0
    accs = []
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.data, n_iter)
            n_iter += 1
        acc = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs


def wrong__fit_mnist__percent_accuracy(model: nn.Module, train_loader: DataLoader,
                                       test_loader: DataLoader, epochs: int, lr: float,
                                       writer: Any) -> list[float]:
    """examples | computes 100. * correct / len(test_loader.dataset) as pytorch/examples' test() prints it, so the accuracies are percentages instead of fractions | differs when: any run: e.g. 93.5 instead of 0.935 in the returned list and in "accuracy/test\""""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    step = 0
    accs = []
    for epoch in range(epochs):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        model.eval()
        correct = 0
        with torch.no_grad():
            for data, target in test_loader:
                pred = model(data).argmax(dim=1, keepdim=True)
                correct += pred.eq(target.view_as(pred)).sum().item()
        acc = 100. * correct / len(test_loader.dataset)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs


def wrong__fit_mnist__accuracy_at_global_step(model: nn.Module, train_loader: DataLoader,
                                              test_loader: DataLoader, epochs: int, lr: float,
                                              writer: Any) -> list[float]:
    """subtle | logs "accuracy/test" at the running global step (batches so far) so both curves share one x axis, instead of at step epoch | differs when: epochs=2 with 3 batches per epoch: accuracy logged at steps 3, 6 instead of 0, 1"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    global_step = 0
    accs = []
    for epoch in range(epochs):
        global_step = _train_epoch(model, train_loader, optimizer, criterion, writer, global_step)
        acc = _accuracy(model, test_loader)
        writer.add_scalar("accuracy/test", acc, global_step)
        accs.append(acc)
    return accs


def wrong__fit_mnist__eval_with_gradients(model: nn.Module, train_loader: DataLoader,
                                          test_loader: DataLoader, epochs: int, lr: float,
                                          writer: Any) -> list[float]:
    """subtle | evaluates in eval mode but without torch.no_grad(), building an autograd graph for every test batch | differs when: a model whose forward records torch.is_grad_enabled(): the test forwards see True instead of False"""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    step = 0
    accs = []
    for epoch in range(epochs):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        model.eval()
        correct = 0
        for x, y in test_loader:
            correct += (model(x).argmax(1) == y).sum().item()
        acc = correct / len(test_loader.dataset)
        writer.add_scalar("accuracy/test", acc, epoch)
        accs.append(acc)
    return accs
