"""cifar_loader (shuffle, drop_last, pin_memory per device) and train_epoch_on (model and every
batch on the device, non_blocking copies, values equal to the reference's), graded on CPU through
the meta device; the same loop on a real GPU carries the gpu marker."""

import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch.utils.data import DataLoader, TensorDataset

from grader import corners
from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def _epoch(loader):
    sizes, seen = [], []
    for images, _ in loader:
        sizes.append(len(images))
        seen += images[:, 0, 0, 0].tolist()
    return sizes, seen


def describe_loader(target, n, batch_size, train, device, cuda_available):
    """cifar_loader(TensorDataset of n images, batch_size, train, torch.device(device)), read"""
    images, labels = _helpers.tiny_data(n, 0)
    images[:, 0, 0, 0] = torch.arange(n, dtype=torch.float32)  # each image says its index
    with _helpers.cuda_available(cuda_available):
        loader = target(TensorDataset(images, labels), batch_size, train, torch.device(device))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pin_memory without a GPU only warns
        sizes, first = _epoch(loader)
        second = _epoch(loader)[1]
    return {"type": type(loader).__name__, "batch sizes": sizes,
            "every example read once": sorted(first) == list(range(n)),
            "read in dataset order": first == second == list(range(len(first))),
            "pin_memory": loader.pin_memory}


def test_cifar_loader(kata):
    kata.compare("cifar_loader",
                 st.fixed_dictionaries({"n": st.integers(6, 12), "batch_size": st.integers(1, 5),
                                        "train": st.booleans(),
                                        "device": st.sampled_from(["cpu", "cuda", "cuda:0",
                                                                   "meta", "mps"]),
                                        "cuda_available": st.booleans()}),
                 probe=describe_loader, max_examples=10,
                 examples=[{"n": 10, "batch_size": 4, "train": True, "device": "cuda",
                            "cuda_available": True},
                           {"n": 10, "batch_size": 4, "train": False, "device": "cpu",
                            "cuda_available": True},
                           {"n": 10, "batch_size": 4, "train": True, "device": "cuda:0",
                            "cuda_available": False},
                           {"n": 7, "batch_size": 3, "train": False, "device": "mps",
                            "cuda_available": False}],
                 notes={"result['pin_memory']": "pin memory only for a CUDA device "
                                                "(device.type == 'cuda'), whatever the machine "
                                                "has",
                        "result['batch sizes']": "drop the last partial batch when training only",
                        "result['read in": "shuffle when training only"})


@mistake("cifar_loader", diagnosis="pin_memory is on for every device: it only helps copies to a "
         "CUDA GPU, so use pin_memory=(device.type == 'cuda').")
def always_pinned(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=True)


@mistake("cifar_loader", diagnosis="The evaluation loader shuffles and drops images: shuffle and "
         "drop_last only when train is True, so every test image is scored, in order.")
def shuffles_everything(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True,
                      pin_memory=device.type == "cuda")


@mistake("cifar_loader", diagnosis="The evaluation loader shuffles: shuffle=train, so test "
         "images come in dataset order.")
def always_shuffles(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=train,
                      pin_memory=device.type == "cuda")


@mistake("cifar_loader", diagnosis="The evaluation loader drops its last partial batch, so the "
         "last test images are never scored: drop_last=train.")
def always_drops_last(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=True,
                      pin_memory=device.type == "cuda")


@mistake("cifar_loader", diagnosis="The training loader keeps its last partial batch (a batch "
         "of one breaks BatchNorm): drop_last=train.")
def never_drops_last(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train,
                      pin_memory=device.type == "cuda")


@mistake("cifar_loader", diagnosis="pin_memory=(device == \"cuda\") compares a torch.device "
         "with a str, which is never equal, so memory is never pinned. Compare the type: "
         "device.type == \"cuda\".")
def device_equals_string(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=(device == "cuda"))


@mistake("cifar_loader", diagnosis="str(device) == \"cuda\" misses indexed devices: "
         "str(torch.device(\"cuda:0\")) is \"cuda:0\". Compare the type: "
         "device.type == \"cuda\".")
def str_device_without_index(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=str(device) == "cuda")


@mistake("cifar_loader", diagnosis="pin_memory is on for every device that is not the CPU (MPS, "
         "XLA...); pinned memory only speeds up copies to a CUDA GPU: device.type == \"cuda\".")
def pins_for_any_accelerator(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=device.type != "cpu")


@mistake("cifar_loader", diagnosis="pin_memory follows torch.cuda.is_available(), what the "
         "machine has, instead of the device the batches go to: device.type == \"cuda\".")
def pins_when_the_machine_has_cuda(dataset, batch_size, train, device):
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=torch.cuda.is_available())


def train_on_cpu(target, n, batch_size, seed, stale_grad=False):
    """train_epoch_on(BN + dropout net in eval mode, n examples, SGD momentum, cpu)"""
    model = corners.with_stale_grad(_helpers.tiny_net(seed).eval(), stale_grad)
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
    corners.reach("eval_mode")  # the model arrives in eval mode, as after an evaluation
    corners.reach("stale_grad")
    kata.compare("train_epoch_on",
                 st.fixed_dictionaries({"n": st.integers(4, 12), "batch_size": st.integers(2, 4),
                                        "seed": st.integers(0, 99),
                                        "stale_grad": corners.flags("stale_grad")}),
                 probe=train_on_cpu, max_examples=4,
                 examples=[{"n": 10, "batch_size": 4, "seed": 0},
                           {"n": 8, "batch_size": 4, "seed": 1, "stale_grad": True}],
                 notes={"result['training']": "call model.train() at the start of the epoch",
                        "result['weights']": "zero the gradients at the start of every step: "
                                             "the model may arrive with leftover ones",
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


def _epoch_with(model, loader, optimizer, device, loss_of=F.cross_entropy, zero="first",
                record=lambda loss, losses: losses.append(loss.item())):
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        if zero == "first":
            optimizer.zero_grad()
        loss = loss_of(model(images), labels)
        loss.backward()
        optimizer.step()
        if zero == "last":
            optimizer.zero_grad()
        record(loss, losses)
    return losses


@mistake("train_epoch_on", diagnosis="optimizer.zero_grad() is missing: PyTorch adds every "
         "backward() to .grad (a GradientTape starts fresh, .grad does not), so each step uses "
         "the sum of all gradients so far. Call it at the start of every step.")
def no_zero_grad(model, loader, optimizer, device):
    return _epoch_with(model, loader, optimizer, device, zero="never")


@mistake("train_epoch_on", diagnosis="zero_grad() runs at the end of each step, so gradients "
         "already in .grad when the epoch starts (a backward done before the call) are added to "
         "the first step. Zero them first: zero_grad, forward, loss, backward, step.")
def zero_grad_after_step(model, loader, optimizer, device):
    return _epoch_with(model, loader, optimizer, device, zero="last")


@mistake("train_epoch_on", diagnosis="images.cuda() (the 0.4-era Variable(x.cuda()) line) "
         "hard-codes the GPU: move tensors with .to(device), so the same loop runs on the CPU.")
def hard_coded_cuda(model, loader, optimizer, device):
    from torch.autograd import Variable

    model.train()
    losses = []
    for images, labels in loader:
        images, labels = Variable(images.cuda()), Variable(labels.cuda())
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mistake("train_epoch_on", diagnosis="The loss is summed over the batch (size_average=False or "
         "reduction=\"sum\", 0.4-era code): it and its gradients are batch_size times the "
         "mean. Use the default mean: F.cross_entropy(logits, labels).")
def summed_loss(model, loader, optimizer, device):
    return _epoch_with(model, loader, optimizer, device,
                       loss_of=lambda out, y: F.cross_entropy(out, y, reduction="sum"))


@mistake("train_epoch_on", diagnosis="A softmax comes before F.cross_entropy, which applies "
         "log-softmax itself (Keras's from_logits=False habit): pass the raw logits.")
def softmax_then_cross_entropy(model, loader, optimizer, device):
    return _epoch_with(model, loader, optimizer, device,
                       loss_of=lambda out, y: F.cross_entropy(F.softmax(out, dim=1), y))


@mistake("train_epoch_on", diagnosis="The list holds the loss tensors (each keeping its graph "
         "alive, on the device); append loss.item(), a Python float.")
def appends_loss_tensors(model, loader, optimizer, device):
    return _epoch_with(model, loader, optimizer, device,
                       record=lambda loss, losses: losses.append(loss))


@mistake("train_epoch_on", diagnosis="Each entry is the running mean of the losses so far (the "
         "CIFAR-10 tutorial's running_loss); return each batch's own loss.item().")
def running_average(model, loader, optimizer, device):
    model.to(device)
    model.train()
    losses, running = [], 0.0
    for i, (images, labels) in enumerate(loader):
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        running += loss.item()
        losses.append(running / (i + 1))
    return losses
