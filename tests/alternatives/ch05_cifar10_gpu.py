"""Right answers to chapter 5 (CIFAR-10 on a GPU) written differently from the reference."""

import copy
import os
import tempfile

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader

from grader.mistakes import alternative


@alternative("BaselineCifarNet")
class SequentialBaseline(nn.Module):
    """Keras-style: one nn.Sequential, nn.Flatten, nn.ReLU modules."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(),
                                  nn.MaxPool2d(2), nn.Flatten(), nn.Linear(12544, 128),
                                  nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return self.body(x)


@alternative("VggBnNet")
class VggFromConfig(nn.Module):
    """torchvision's cfg-list style, inplace ReLUs (nn.Flatten kept first in the classifier: the
    docstring fixes the state_dict keys)."""

    def __init__(self):
        super().__init__()
        layers, channels = [], 3
        for v in [64, 64, "M", 128, 128, "M", 256, 256, "M"]:
            if v == "M":
                layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
            else:
                layers += [nn.Conv2d(channels, v, kernel_size=3, padding=1), nn.BatchNorm2d(v),
                           nn.ReLU(inplace=True)]
                channels = v
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(256 * 4 * 4, 256),
                                        nn.BatchNorm1d(256), nn.ReLU(inplace=True),
                                        nn.Linear(256, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


@alternative("cifar_transforms")
def transforms_v2(train):
    from torchvision.transforms import v2

    to_tensor = [v2.ToImage(), v2.ToDtype(torch.float32, scale=True)]
    if not train:
        return v2.Compose(to_tensor)
    return v2.Compose([v2.RandomCrop(32, padding=4, fill=0), v2.RandomHorizontalFlip(p=0.5)]
                      + to_tensor)


@alternative("cifar_transforms")
def tensor_first(train):
    from torchvision import transforms

    steps = [transforms.ToTensor()]
    if train:
        steps += [transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip()]
    return transforms.Compose(steps)


@alternative("cifar_loader")
def keyword_flags(dataset, batch_size, train, device):
    on_gpu = torch.device(device).type == "cuda"
    if train:
        return DataLoader(dataset, batch_size, shuffle=True, drop_last=True, pin_memory=on_gpu)
    return DataLoader(dataset, batch_size, pin_memory=on_gpu)


@alternative("train_epoch_on")
def criterion_module_and_set_to_none(model, loader, optimizer, device):
    model = model.to(device)
    model.train()
    criterion = nn.CrossEntropyLoss()
    losses = []
    for batch in loader:
        images, labels = (t.to(device=device, non_blocking=True) for t in batch)
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    return losses


@alternative("amp_train_step")
def amp_namespace(model, optimizer, scaler, images, labels, device):
    use_amp = device.type == "cuda"
    with torch.amp.autocast(device.type, dtype=torch.float16, enabled=use_amp):
        logits = model(images)
        loss = F.cross_entropy(logits, labels)
    optimizer.zero_grad(set_to_none=True)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return float(loss)


@alternative("amp_train_step")
def autocast_follows_the_scaler(model, optimizer, scaler, images, labels, device):
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, enabled=scaler.is_enabled()):
        loss = nn.CrossEntropyLoss()(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


@alternative("save_for_inference")
def named_temporary_file(model, path):
    folder = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
        tmp = handle.name
        try:
            torch.save(model.state_dict(), handle)
        except BaseException:
            handle.close()
            os.unlink(tmp)
            raise
    os.replace(tmp, path)


@alternative("save_for_inference")
def pathlib_replace(model, path):
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    try:
        torch.save(model.state_dict(), tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


@alternative("load_for_inference")
def move_first_then_load(model, path, device):
    model.to(device).eval()
    with open(path, "rb") as f:
        model.load_state_dict(torch.load(f, map_location={"cuda:0": "cpu"} if device.type == "cpu"
                                         else device, weights_only=True))
    return model


@alternative("save_resume_checkpoint")
def extra_keys(path, model, optimizer, epoch):
    state = dict(epoch=epoch, model=model.state_dict(),  # noqa: C408 - keyword spelling
                 optimizer=optimizer.state_dict(), rng_state=torch.random.get_rng_state(),
                 note="resume me")
    if torch.cuda.is_available():
        state.update(cuda_rng_state=torch.cuda.get_rng_state_all())
    torch.save(state, path)


@alternative("load_resume_checkpoint")
def restore_in_another_order(path, model, optimizer, device):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    torch.random.set_rng_state(checkpoint["rng_state"])
    cuda_states = checkpoint.get("cuda_rng_state")
    if torch.cuda.is_available() and cuda_states is not None:
        torch.cuda.set_rng_state_all(cuda_states)
    model.load_state_dict(checkpoint["model"])
    model.to(device)
    optimizer.load_state_dict(checkpoint["optimizer"])
    return int(checkpoint["epoch"])


@alternative("load_untrusted")
def from_file_object(path):
    with open(path, "rb") as f:
        return torch.load(f, map_location=torch.device("cpu"), weights_only=True)


@alternative("snapshot_weights")
def deepcopy_state_dict(model):
    return copy.deepcopy(model.state_dict())


@alternative("predict_classes")
def inference_mode_and_list(model, loader, device):
    model = model.to(device).eval()
    out = []
    with torch.inference_mode():
        for images, _labels in loader:
            out.append(torch.argmax(model(images.to(device, non_blocking=True)), 1).to("cpu"))
    return torch.cat(out).long()


@alternative("export_for_deployment")
def file_object_and_train_false(model, example, path):
    """model.train(False) for eval(), the batch Dim under another name, args= by keyword,
    and the program written through an open file."""
    from torch.export import Dim, export, save

    model.train(False)
    program = export(model, args=(example,), dynamic_shapes=({0: Dim("n")},))
    with open(path, "wb") as handle:
        save(program, handle)
