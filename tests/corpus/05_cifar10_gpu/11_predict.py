"""Realistic learner answers for exercises/05_cifar10_gpu/11_predict.py (predict_classes)."""
import numpy as np
import torch
from torch import nn
from torch.autograd import Variable
from torch.utils.data import DataLoader


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__predict_classes__inference_mode(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """alternative | torch.inference_mode() instead of no_grad, non_blocking copies, and the torch.cat done outside the inference block (so the result is a normal tensor)"""
    model.to(device)
    model.eval()
    chunks = []
    with torch.inference_mode():
        for images, _ in loader:
            logits = model(images.to(device, non_blocking=True))
            chunks.append(logits.argmax(dim=1).cpu())
    return torch.cat([c.clone() for c in chunks])


def right__predict_classes__max_indices(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """alternative | torch.max(logits, 1) indices, set_grad_enabled(False), train(False), .to("cpu") instead of .cpu()"""
    model = model.to(device)
    model.train(False)
    preds = []
    with torch.set_grad_enabled(False):
        for batch in loader:
            images = batch[0].to(device)
            _, predicted = torch.max(model(images), 1)
            preds.append(predicted.to("cpu"))
    return torch.cat(preds, dim=0)


def right__predict_classes__decorated_helper(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """alternative | a @torch.no_grad()-decorated inner function per batch, max(dim=1).indices, and a single .cpu() after the concatenation"""
    @torch.no_grad()
    def predict_batch(x: torch.Tensor) -> torch.Tensor:
        return model(x).max(dim=1).indices

    model.to(device).eval()
    out = [predict_batch(images.to(device)) for images, _labels in loader]
    return torch.cat(out).cpu()


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__predict_classes__no_eval(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """beginner | no model.eval() (Keras' predict() runs in inference mode by itself): dropout stays on and BatchNorm normalises with each batch's statistics | differs when: a model with nn.Dropout(0.5) or BatchNorm in train mode (predictions random / depend on the batch); model.training stays True"""
    model.to(device)
    preds = []
    with torch.no_grad():
        for images, _ in loader:
            preds.append(model(images.to(device)).argmax(dim=1).cpu())
    return torch.cat(preds)


def wrong__predict_classes__volatile_variable(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """old-api | 0.4-era Variable(images, volatile=True) instead of torch.no_grad(): volatile has no effect any more, so the forward builds a graph | differs when: a model whose forward records torch.is_grad_enabled() (it sees True; a requires-grad model keeps a graph per batch)"""
    model.to(device)
    model.eval()
    preds = []
    for images, _ in loader:
        images = Variable(images.to(device), volatile=True)
        output = model(images)
        preds.append(output.data.max(1)[1].cpu())
    return torch.cat(preds)


def wrong__predict_classes__argmax_no_dim(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """beginner | logits.argmax() without dim (then .view(1) so torch.cat accepts it): one index into the flattened (B*10) logits per batch instead of one class per image | differs when: 4 images in batches of 2 (shape (2,) with values up to 19 instead of 4 classes)"""
    model.to(device)
    model.eval()
    preds = []
    with torch.no_grad():
        for images, _ in loader:
            preds.append(model(images.to(device)).argmax().view(1).cpu())
    return torch.cat(preds)


def wrong__predict_classes__keepdim(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """examples | pytorch/examples' `pred = output.argmax(dim=1, keepdim=True)` (written for pred.eq(target.view_as(pred))): the result has shape (N, 1) instead of (N,) | differs when: any loader, e.g. 3 images (shape (3, 1))"""
    model.to(device)
    model.eval()
    preds = []
    with torch.no_grad():
        for data, target in loader:
            data = data.to(device)
            output = model(data)
            pred = output.argmax(dim=1, keepdim=True)
            preds.append(pred.cpu())
    return torch.cat(preds)


def wrong__predict_classes__stays_on_device(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """subtle | forgets .cpu(): the predictions stay on `device`, and a later .numpy() raises "can't convert cuda:0 device type tensor to numpy" | differs when: device=torch.device("cuda") (result.device is cuda:0, not cpu); identical on CPU"""
    model.to(device)
    model.eval()
    preds = []
    with torch.no_grad():
        for images, _ in loader:
            preds.append(model(images.to(device)).argmax(dim=1))
    return torch.cat(preds)


def wrong__predict_classes__float_buffer(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """subtle | preallocates the result with torch.zeros(len(loader.dataset)), which is float32, and fills it slice by slice: class indices come back as 3.0, 8.0... instead of int64 | differs when: any loader (result.dtype is torch.float32, not torch.int64)"""
    model.to(device)
    model.eval()
    out = torch.zeros(len(loader.dataset))
    start = 0
    with torch.no_grad():
        for images, _ in loader:
            pred = model(images.to(device)).argmax(dim=1).cpu()
            out[start:start + len(pred)] = pred
            start += len(pred)
    return out[:start]


def wrong__predict_classes__squeeze(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """subtle | logits.squeeze().argmax(-1) "to drop extra dims": a batch of one image squeezes to (10,), argmax gives a 0-d tensor and torch.cat refuses it | differs when: 5 images with batch_size=2 (the partial last batch has one image: RuntimeError zero-dimensional tensor cannot be concatenated)"""
    model.to(device)
    model.eval()
    preds = []
    with torch.no_grad():
        for images, _ in loader:
            logits = model(images.to(device)).squeeze()
            preds.append(logits.argmax(-1).cpu())
    return torch.cat(preds)


def wrong__predict_classes__stack(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """subtle | torch.stack instead of torch.cat: a (num_batches, batch_size) matrix, and a partial last batch makes it raise | differs when: 4 images in batches of 2 (shape (2, 2) instead of (4,)); 5 images in batches of 2 (RuntimeError: stack expects each tensor to be equal size)"""
    model.to(device)
    model.eval()
    preds = []
    with torch.no_grad():
        for images, _ in loader:
            preds.append(model(images.to(device)).argmax(dim=1).cpu())
    return torch.stack(preds)


def wrong__predict_classes__first_batch_only(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """beginner | next(iter(loader)) (the "first batch" idiom from chapter 4) predicts only the first batch | differs when: 5 images with batch_size=2 (2 predictions instead of 5)"""
    model.to(device)
    model.eval()
    images, _ = next(iter(loader))
    with torch.no_grad():
        return model(images.to(device)).argmax(dim=1).cpu()


def wrong__predict_classes__numpy_like_keras(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """tf-habit | mirrors model.predict(ds).argmax(axis=1): collects NumPy logits and returns a NumPy array, not a torch tensor | differs when: any loader (returns np.ndarray instead of torch.Tensor)"""
    model.to(device)
    model.eval()
    outputs = []
    with torch.no_grad():
        for images, _ in loader:
            outputs.append(model(images.to(device)).cpu().numpy())
    return np.concatenate(outputs).argmax(axis=1)
