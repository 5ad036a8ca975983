"""Realistic learner answers for exercises/05_cifar10_gpu/05_mixed_precision.py (amp_train_step)."""
import torch
import torch.nn.functional as F
from torch import nn


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__amp_train_step__loss_module_set_to_none(model: nn.Module, optimizer: torch.optim.Optimizer,
                                                   scaler: torch.amp.GradScaler, images: torch.Tensor,
                                                   labels: torch.Tensor, device: torch.device) -> float:
    """alternative | nn.CrossEntropyLoss module, a use_amp flag computed once, zero_grad(set_to_none=True), float(loss)"""
    use_amp = device.type == "cuda"
    criterion = nn.CrossEntropyLoss()
    optimizer.zero_grad(set_to_none=True)
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=use_amp):
        logits = model(images)
        loss = criterion(logits, labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return float(loss)


def right__amp_train_step__plain_branch_off_cuda(model: nn.Module, optimizer: torch.optim.Optimizer,
                                                 scaler: torch.amp.GradScaler, images: torch.Tensor,
                                                 labels: torch.Tensor, device: torch.device) -> float:
    """alternative | two explicit branches: the autocast + scaler path on CUDA, a plain float32 step elsewhere (where the scaler is disabled anyway)"""
    optimizer.zero_grad()
    if device.type == "cuda":
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            loss = F.cross_entropy(model(images), labels)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    else:
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
    return loss.item()


def right__amp_train_step__amp_autocast_alias(model: nn.Module, optimizer: torch.optim.Optimizer,
                                              scaler: torch.amp.GradScaler, images: torch.Tensor,
                                              labels: torch.Tensor, device: torch.device) -> float:
    """alternative | torch.amp.autocast(device.type, ...) spelling, model.zero_grad() instead of optimizer.zero_grad(), loss detached before .item()"""
    model.zero_grad()
    with torch.amp.autocast(device.type, dtype=torch.float16, enabled=(device.type == "cuda")):
        output = model(images)
        loss = F.cross_entropy(output, labels)
    scaled = scaler.scale(loss)
    scaled.backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.detach().item()


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__amp_train_step__no_zero_grad(model: nn.Module, optimizer: torch.optim.Optimizer,
                                        scaler: torch.amp.GradScaler, images: torch.Tensor,
                                        labels: torch.Tensor, device: torch.device) -> float:
    """tf-habit | no zero_grad (GradientTape habit: fresh gradients every step); .grad accumulates across steps | differs when: the parameters already hold a .grad (e.g. from a previous call): the update uses old + new gradients"""
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


def wrong__amp_train_step__autocast_always_on(model: nn.Module, optimizer: torch.optim.Optimizer,
                                              scaler: torch.amp.GradScaler, images: torch.Tensor,
                                              labels: torch.Tensor, device: torch.device) -> float:
    """subtle | torch.autocast(device_type=device.type) without dtype/enabled: on CPU it switches on with bfloat16, so linear/conv run in bfloat16 and loss and update change | differs when: device=torch.device("cpu"), a Linear model with random float32 inputs (loss differs from the float32 one at about 1e-3)"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


def wrong__amp_train_step__enabled_if_cuda_exists(model: nn.Module, optimizer: torch.optim.Optimizer,
                                                  scaler: torch.amp.GradScaler, images: torch.Tensor,
                                                  labels: torch.Tensor, device: torch.device) -> float:
    """subtle | enabled=torch.cuda.is_available() looks at the machine instead of `device` | differs when: device=torch.device("cpu") on a machine with a GPU: CPU autocast runs in float16 and the loss/update change (identical on a CPU-only machine)"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=torch.cuda.is_available()):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


def wrong__amp_train_step__unscaled_backward(model: nn.Module, optimizer: torch.optim.Optimizer,
                                             scaler: torch.amp.GradScaler, images: torch.Tensor,
                                             labels: torch.Tensor, device: torch.device) -> float:
    """beginner | loss.backward() instead of scaler.scale(loss).backward(), but scaler.step still unscales: on CUDA the gradients are divided by the scale (65536) and the step is ~0 | differs when: device=torch.device("cuda") with an enabled GradScaler (parameters barely move); identical on CPU where the scaler is disabled"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    loss.backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


def wrong__amp_train_step__double_step(model: nn.Module, optimizer: torch.optim.Optimizer,
                                       scaler: torch.amp.GradScaler, images: torch.Tensor,
                                       labels: torch.Tensor, device: torch.device) -> float:
    """beginner | keeps the usual optimizer.step() and adds scaler.step(optimizer): the parameters are updated twice (on CUDA the first step even uses the still-scaled gradients) | differs when: device=torch.device("cpu"), SGD(lr=0.1): the parameters move twice as far"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    optimizer.step()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


def wrong__amp_train_step__returns_scaled_loss(model: nn.Module, optimizer: torch.optim.Optimizer,
                                               scaler: torch.amp.GradScaler, images: torch.Tensor,
                                               labels: torch.Tensor, device: torch.device) -> float:
    """subtle | reports the scaled loss (loss * scale) instead of the loss | differs when: device=torch.device("cuda") with an enabled GradScaler (returns about 2.3 * 65536); identical on CPU where scale() is a no-op"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    scaled_loss = scaler.scale(loss)
    scaled_loss.backward()
    scaler.step(optimizer)
    scaler.update()
    return scaled_loss.item()


def wrong__amp_train_step__no_scaler_update(model: nn.Module, optimizer: torch.optim.Optimizer,
                                            scaler: torch.amp.GradScaler, images: torch.Tensor,
                                            labels: torch.Tensor, device: torch.device) -> float:
    """subtle | forgets scaler.update(): the scale never shrinks after an overflow (every later step is skipped) nor grows | differs when: device=torch.device("cuda"), a step whose float16 gradients overflow: scaler.get_scale() stays 65536.0 instead of halving (no difference on CPU, where the scaler is disabled)"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    return loss.item()


def wrong__amp_train_step__loss_outside_autocast(model: nn.Module, optimizer: torch.optim.Optimizer,
                                                 scaler: torch.amp.GradScaler, images: torch.Tensor,
                                                 labels: torch.Tensor, device: torch.device) -> float:
    """subtle | only the forward is inside autocast; the loss is taken outside on the float16 logits, so cross-entropy runs in float16 instead of being autocast to float32 | differs when: device=torch.device("cuda") (loss value and gradients differ in the low bits, float16 log-softmax); identical on CPU"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        logits = model(images)
    loss = F.cross_entropy(logits, labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


def wrong__amp_train_step__loss_data_index(model: nn.Module, optimizer: torch.optim.Optimizer,
                                           scaler: torch.amp.GradScaler, images: torch.Tensor,
                                           labels: torch.Tensor, device: torch.device) -> float:
    """old-api | 0.4-era `loss.data[0]` to read the loss: indexing a 0-d tensor raises IndexError in modern PyTorch | differs when: any call, e.g. device=torch.device("cpu") (IndexError: invalid index of a 0-dim tensor, after the step was taken)"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.data[0]


def wrong__amp_train_step__returns_tensor(model: nn.Module, optimizer: torch.optim.Optimizer,
                                          scaler: torch.amp.GradScaler, images: torch.Tensor,
                                          labels: torch.Tensor, device: torch.device) -> float:
    """beginner | returns the loss tensor (0-d, with its graph, on the device) instead of a Python float | differs when: any call (type(result) is torch.Tensor, not float)"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss


def wrong__amp_train_step__whole_model_half(model: nn.Module, optimizer: torch.optim.Optimizer,
                                            scaler: torch.amp.GradScaler, images: torch.Tensor,
                                            labels: torch.Tensor, device: torch.device) -> float:
    """tf-habit | imitates Keras' global "mixed_float16" policy by converting the model and the images to float16 on CUDA: the weights themselves become float16 (no float32 master copy; the scaler refuses to unscale float16 grads) | differs when: device=torch.device("cuda") (model parameters end up float16 / "Attempting to unscale FP16 gradients"); identical on CPU"""
    optimizer.zero_grad()
    if device.type == "cuda":
        model.half()
        images = images.half()
    loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


def wrong__amp_train_step__bfloat16_on_cuda(model: nn.Module, optimizer: torch.optim.Optimizer,
                                            scaler: torch.amp.GradScaler, images: torch.Tensor,
                                            labels: torch.Tensor, device: torch.device) -> float:
    """subtle | autocast(dtype=torch.bfloat16) "because bf16 does not need a scaler": not the float16 the docstring asks for | differs when: device=torch.device("cuda") (matmuls/convs in bfloat16, loss differs at ~1e-3); identical on CPU where autocast is off"""
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()
