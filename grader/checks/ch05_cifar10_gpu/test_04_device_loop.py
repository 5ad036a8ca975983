"""cifar_loader (shuffle, drop_last, pin_memory per device) and train_epoch_on (model and every
batch on the device, non_blocking copies, values equal to the reference's), graded on CPU through
the meta device; the same loop on a real GPU carries the gpu marker."""

import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch.utils.data import DataLoader, RandomSampler, TensorDataset

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def describe_loader(target, n, batch_size, train, device):
    images, labels = _helpers.tiny_data(n, 0)
    loader = target(TensorDataset(images, labels), batch_size, train, torch.device(device))
    return {"type": type(loader).__name__, "batch_size": loader.batch_size,
            "shuffled": isinstance(loader.sampler, RandomSampler),
            "drop_last": loader.drop_last, "pin_memory": loader.pin_memory,
            "batches": len(loader)}


def test_cifar_loader(kata):
    kata.compare("cifar_loader",
                 st.fixed_dictionaries({"n": st.integers(1, 12), "batch_size": st.integers(1, 5),
                                        "train": st.booleans(),
                                        "device": st.sampled_from(["cpu", "cuda", "meta"])}),
                 probe=describe_loader, max_examples=15,
                 examples=[{"n": 10, "batch_size": 4, "train": True, "device": "cuda"},
                           {"n": 10, "batch_size": 4, "train": False, "device": "cpu"}],
                 notes={"result['pin_memory']": "pin memory only for a CUDA device "
                                                "(device.type == 'cuda')",
                        "result['drop_last']": "drop the last partial batch when training only"})


@mistake("cifar_loader", diagnosis="pin_memory is on for every device: it only helps copies to a "
         "CUDA GPU, so use pin_memory=(device.type == 'cuda').")
def always_pinned(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=True)


@mistake("cifar_loader", diagnosis="The evaluation loader shuffles or drops images: shuffle and "
         "drop_last only when train is True, so every test image is scored, in order.")
def shuffles_everything(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True,
                      pin_memory=device.type == "cuda")


def train_on_cpu(target, n, batch_size, seed):
    """Train a BN + dropout net for one epoch on CPU; losses, weights, mode, non_blocking use."""
    model = _helpers.tiny_net(seed).eval()
    images, labels = _helpers.tiny_data(n, seed)
    loader = DataLoader(TensorDataset(images, labels), batch_size=batch_size)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    non_blocking = []
    original = torch.Tensor.to

    def spy(self, *args, **kwargs):
        images = self.dim() == 4 and not isinstance(self, torch.nn.Parameter)
        labels = self.dim() == 1 and not self.is_floating_point()
        if images or labels:
            non_blocking.append(bool(kwargs.get("non_blocking")) or any(a is True for a in args))
        return original(self, *args, **kwargs)

    torch.Tensor.to = spy
    try:
        losses = target(model, loader, optimizer, torch.device("cpu"))
    finally:
        torch.Tensor.to = original
    return {"losses": losses, "weights": _helpers.params(model), "training": model.training,
            "batches_moved_with_non_blocking": bool(non_blocking) and all(non_blocking)}


def train_on_meta(target):
    """device=meta stands in for a GPU: what was on which device when the model ran."""
    model = _helpers.tiny_net(0)
    images, labels = _helpers.tiny_data(8, 0)
    loader = DataLoader(TensorDataset(images, labels), batch_size=4)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    backward = []
    model.register_full_backward_hook(lambda *grads: backward.append(True))
    with _helpers.record_forward_devices(model) as seen, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            target(model, loader, optimizer, torch.device("meta"))
            error = None
        except Exception as exc:  # noqa: BLE001 - .item() cannot read a meta tensor: expected
            error = _helpers.unless_todo(exc, "train_epoch_on")
    return {"(input device, model device) at forward": sorted(seen),
            "backward_ran": bool(backward), "model_device_after": _helpers.device_types(model),
            "error": error}


def test_train_epoch_on(kata):
    kata.compare("train_epoch_on", {}, probe=train_on_meta,
                 notes={"result['(input": "the model and each batch must both be moved to the "
                                          "device (and tensors reassigned: x = x.to(device))",
                        "result['backward_ran']": "the labels must be moved to the device too"})
    kata.compare("train_epoch_on",
                 st.fixed_dictionaries({"n": st.integers(4, 12), "batch_size": st.integers(2, 4),
                                        "seed": st.integers(0, 99)}),
                 probe=train_on_cpu, max_examples=4, examples=[{"n": 10, "batch_size": 4,
                                                                "seed": 0}],
                 notes={"result['training']": "call model.train() at the start of the epoch",
                        "result['batches_moved": "move images and labels with .to(device, "
                                                 "non_blocking=True)"
                                                " so copies from pinned memory overlap compute"})


@pytest.mark.gpu
def test_train_epoch_on__cuda(kata):
    kata.compare("train_epoch_on", {}, probe=train_on_cuda, atol=1e-4, rtol=1e-3)


def train_on_cuda(target):
    model = _helpers.tiny_net(0, dropout=0.0)
    images, labels = _helpers.tiny_data(12, 0)
    loader = DataLoader(TensorDataset(images, labels), batch_size=4, pin_memory=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = target(model, loader, optimizer, torch.device("cuda"))
    return {"losses": losses, "model_device": _helpers.device_types(model),
            "weights": [w.cpu() for w in _helpers.params(model)]}


@mistake("train_epoch_on", diagnosis="`images.to(device)` on its own line does nothing: a tensor's "
         ".to returns a new tensor (unlike a module's). Write images = images.to(device, "
         "non_blocking=True), and the same for labels.")
def to_without_reassigning(model, loader, optimizer, device):
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images.to(device, non_blocking=True)
        labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mistake("train_epoch_on", diagnosis="The model is never moved: call model.to(device) before the "
         "loop, or its weights stay on the CPU while the batches are on the GPU.")
def model_not_moved(model, loader, optimizer, device):
    model.train()
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mistake("train_epoch_on", diagnosis="The model stays in whatever mode it was in: call "
         "model.train() at the start of the epoch (after an evaluation it is in eval mode, and "
         "batch norm and dropout would not train).")
def no_train_mode(model, loader, optimizer, device):
    model.to(device)
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mistake("train_epoch_on", diagnosis="The batches are copied with a plain .to(device): pass "
         "non_blocking=True so that, from pinned memory, the copy overlaps the GPU's work.")
def blocking_copies(model, loader, optimizer, device):
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
