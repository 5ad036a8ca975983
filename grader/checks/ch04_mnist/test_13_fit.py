"""Checks for exercises/04_mnist/13_fit.py: a full training run on the synthetic MNIST.

Budget stated to the learner: 3 epochs over 1000 images at batch 32 (96 Adam steps, lr 3e-3) on
a small CNN must reach at least 90 % test accuracy (the reference reaches about 97 %). The logged
losses must equal the reference's step for step (same init, batch order and dropout seed), and
the logged steps and tags must be right. Exact accuracy figures are not compared.
"""

import tempfile

import torch
from tensorboardX import SummaryWriter
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader import tbevents
from grader.checks.ch04_mnist._helpers import PhaseLoader, SmallCNN, mnist_tensors
from grader.mistakes import mistake

TARGET_ACCURACY = 0.9


class RecordingWriter:
    """The probe's SummaryWriter, also noting the type of every value given to add_scalar."""

    def __init__(self, writer):
        self.writer = writer
        self.kinds = set()

    def add_scalar(self, tag, scalar_value, global_step=None, *args, **kwargs):
        self.kinds.add((tag, type(scalar_value).__name__))
        return self.writer.add_scalar(tag, scalar_value, global_step, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.writer, name)


def fit_facts(target, root, base, epochs, lr, batch_size):
    """fit_mnist(SmallCNN, synthetic MNIST loaders, epochs, lr, writer), the event file read back"""
    torch.set_flush_denormal(True)  # a diverging run (no zero_grad) stays fast; same on both sides
    train_images, train_labels = mnist_tensors(root, train=True)
    test_images, test_labels = mnist_tensors(root, train=False)
    torch.manual_seed(0)
    model = SmallCNN()
    train_loader = PhaseLoader(DataLoader(TensorDataset(train_images, train_labels),
                                          batch_size=batch_size, shuffle=True,
                                          generator=torch.Generator().manual_seed(1)),
                               model, "train")
    test_loader = PhaseLoader(DataLoader(TensorDataset(test_images, test_labels), batch_size=100),
                              model, "test")
    logdir = tempfile.mkdtemp(dir=base)
    writer = RecordingWriter(SummaryWriter(logdir))
    torch.manual_seed(2)
    accuracies = target(model, train_loader, test_loader, epochs, lr, writer)
    writer.close()
    logged = tbevents.scalars(logdir)
    losses = logged.get("loss/train", [])
    logged_accuracy = logged.get("accuracy/test", [])
    values = [v for _, v in losses]
    return {
        "modes (phase, model.training, grad enabled)": sorted(model.modes),
        "tags": sorted(logged),
        "(tag, type of the value) given to add_scalar": sorted(writer.kinds),
        "loss_steps": [s for s, _ in losses],
        "losses": torch.tensor(values),
        "accuracy_steps": [s for s, _ in logged_accuracy],
        "returned_types": [type(a).__name__ for a in accuracies],
        # Same model as the reference's (the losses match step for step), so the same accuracy:
        # 250 test images make accuracies multiples of 0.004, safe to round to 4 places.
        "accuracies": [round(float(a), 4) for a in accuracies],
        "logged_accuracy_is_returned": len(accuracies) == len(logged_accuracy) and all(
            abs(a - v) < 1e-6 for a, (_, v) in zip(accuracies, logged_accuracy)),
        "loss_falls": len(values) >= 20 and sum(values[-10:]) < sum(values[:10]),
        f"reaches_{TARGET_ACCURACY}": bool(accuracies) and accuracies[-1] >= TARGET_ACCURACY,
    }


def test_fit_mnist(kata):
    kata.compare("fit_mnist", {"root": kata.datasets.mnist, "base": str(kata.tmp_path),
                               "epochs": 3, "lr": 3e-3, "batch_size": 32},
                 probe=fit_facts, rtol=1e-4, atol=1e-5, notes={
                     "result['modes": "while training: model.train() with autograd on; while "
                                      "testing: model.eval() inside torch.no_grad().",
                     "result['losses']": "same init, data order and seed: the losses must "
                                         "match the reference's step for step.",
                     "result['(tag": "log Python floats: loss.item(), not the loss tensor"})


def _evaluate(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / len(loader.dataset)


@mistake("fit_mnist", diagnosis="optimizer.zero_grad() is missing, so gradients pile up "
         "across batches. Call it before every backward().")
def no_zero_grad(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
            step += 1
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="the step restarts at 0 every epoch, so TensorBoard draws the "
         "epochs on top of each other. Keep one global step counter across epochs.")
def step_restarts_each_epoch(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    accuracies = []
    for epoch in range(epochs):
        model.train()
        for step, (images, labels) in enumerate(train_loader):
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="model.train() is called once before the loop, but evaluating "
         "switches to eval mode, so from the second epoch on dropout is off. Call model.train() "
         "at the start of every epoch.")
def train_mode_once(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    model.train()
    for epoch in range(epochs):
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
            step += 1
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="testing ran with the model in training mode (dropout on). "
         "Call model.eval() before the test loop, and model.train() again before training.")
def no_eval_for_testing(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
            step += 1
        correct = 0
        with torch.no_grad():
            for images, labels in test_loader:
                correct += (model(images).argmax(dim=1) == labels).sum().item()
        accuracies.append(correct / len(test_loader.dataset))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="the optimizer must be torch.optim.Adam(model.parameters(), "
         "lr=lr); plain SGD at this learning rate barely moves in 96 steps.")
def plain_sgd(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.SGD(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
            step += 1
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


def _train_epoch(model, loader, optimizer, criterion, writer, step):
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        writer.add_scalar("loss/train", loss.item(), step)
        step += 1
    return step


@mistake("fit_mnist", diagnosis="the accuracy is logged at epoch + 1 (Keras prints \"Epoch "
         "1/3\"); log it at step epoch: 0, 1, ...")
def one_based_epoch(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(1, epochs + 1):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="the optimizer is created inside the epoch loop, so Adam's "
         "moment estimates and step count restart every epoch. Create it once, before the loop.")
def optimizer_per_epoch(model, train_loader, test_loader, epochs, lr, writer):
    criterion = nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="the loss is logged as a tensor (loss or loss.data); log the "
         "Python float loss.item().")
def logs_loss_tensor(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.data, step)
            step += 1
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="the accuracies are percentages (100. * correct / n, as "
         "pytorch/examples prints them); return and log fractions in [0, 1].")
def percent_accuracy(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        accuracies.append(100.0 * _evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies


@mistake("fit_mnist", diagnosis="the accuracy is logged at the global batch step; the "
         "docstring asks for step epoch (0, 1, ...) for \"accuracy/test\".")
def accuracy_at_global_step(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        accuracies.append(_evaluate(model, test_loader))
        writer.add_scalar("accuracy/test", accuracies[-1], step)
    return accuracies


@mistake("fit_mnist", diagnosis="testing ran with autograd on (model.eval() does not switch it "
         "off): wrap the test loop in `with torch.no_grad():`.")
def evaluates_with_autograd(model, train_loader, test_loader, epochs, lr, writer):
    optimizer, criterion = torch.optim.Adam(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        step = _train_epoch(model, train_loader, optimizer, criterion, writer, step)
        model.eval()
        correct = 0
        for images, labels in test_loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
        accuracies.append(correct / len(test_loader.dataset))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies
