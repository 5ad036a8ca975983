"""amp_train_step: on CPU autocast stays off and the step equals plain float32 training; with CUDA
pretended available, the forward runs under float16 CUDA autocast and the scaler is used."""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


class SpyScaler(torch.amp.GradScaler):
    """A GradScaler that counts the calls made on it: enabled for (pretended) CUDA, as the
    docstring's caller makes it; disabled (it changes nothing) on CPU."""

    def __init__(self, device):
        super().__init__(device, enabled=device == "cuda")
        self.calls = []

    def scale(self, outputs):
        self.calls.append("scale")
        return super().scale(outputs)

    def step(self, optimizer, *args, **kwargs):
        self.calls.append("step")
        return super().step(optimizer, *args, **kwargs)

    def update(self, new_scale=None):
        self.calls.append("update")
        return super().update(new_scale)


def _autocast_facts(model):
    facts = []

    def hook(module, inputs):
        facts.append({"cuda_autocast": torch.is_autocast_enabled("cuda"),
                      "cuda_dtype": torch.get_autocast_dtype("cuda"),
                      "cpu_autocast": torch.is_autocast_enabled("cpu"),
                      "mps_autocast": torch.is_autocast_enabled("mps")})

    model.register_forward_pre_hook(hook)
    return facts


def steps_on(target, device, steps, seed):
    """A few steps on CPU tensors ('cuda': CUDA pretended there; 'mps': any other device).

    With 'cuda' only the autocast flags and scaler calls are compared; with 'mps' the steps must
    be plain float32 ones, as on the CPU."""
    model = _helpers.tiny_net(seed, dropout=0.0)
    images, labels = _helpers.tiny_data(4 * steps, seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    facts = _autocast_facts(model)
    with _helpers.cuda_available(device == "cuda"):
        scaler = SpyScaler(device)
        losses = [target(model, optimizer, scaler, images[4 * i:4 * i + 4],
                         labels[4 * i:4 * i + 4], torch.device(device)) for i in range(steps)]
    return {"autocast_during_forward": facts, "scaler_calls": scaler.calls,
            "losses": losses if device != "cuda" else None,
            "weights": _helpers.params(model) if device != "cuda" else None}


def steps_on_real_cuda(target):
    model = _helpers.tiny_net(0, dropout=0.0).cuda()
    images, labels = (t.cuda() for t in _helpers.tiny_data(12, 0))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scaler = torch.amp.GradScaler("cuda")
    losses = [target(model, optimizer, scaler, images[i:i + 4], labels[i:i + 4],
                     torch.device("cuda")) for i in (0, 4, 8)]
    return {"losses": losses, "weights": [w.cpu() for w in _helpers.params(model)],
            "scale": scaler.get_scale()}


def test_amp_train_step(kata):
    kata.compare("amp_train_step",
                 st.fixed_dictionaries({"device": st.sampled_from(["cpu", "cuda"]),
                                        "steps": st.integers(1, 3), "seed": st.integers(0, 99)}),
                 probe=steps_on, max_examples=4,
                 examples=[{"device": "cpu", "steps": 3, "seed": 0},
                           {"device": "cuda", "steps": 1, "seed": 0},
                           {"device": "mps", "steps": 1, "seed": 0}],
                 notes={"result['autocast_during_forward']":
                        "the forward pass must run inside torch.autocast(device_type=device.type, "
                        "dtype=torch.float16, enabled=device.type == 'cuda')",
                        "result['scaler_calls']": "use the scaler: scaler.scale(loss).backward(), "
                                                  "scaler.step(optimizer), scaler.update()"})


@pytest.mark.gpu
def test_amp_train_step__cuda(kata):
    kata.compare("amp_train_step", {}, probe=steps_on_real_cuda, atol=1e-2, rtol=1e-2)


@mistake("amp_train_step", diagnosis="Autocast is on for every device but the CPU: float16 "
         "autocast and loss scaling belong to CUDA here, so enable it only when "
         "device.type == 'cuda' (not device.type != 'cpu': MPS and other devices take plain "
         "float32 steps).")
def autocast_unless_cpu(model, optimizer, scaler, images, labels, device):
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16,
                        enabled=device.type != "cpu"):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


@mistake("amp_train_step", diagnosis="Autocast is on for the CPU too: there it computes in "
         "bfloat16 and the results drift from float32. Enable it only on CUDA: "
         "enabled=(device.type == 'cuda').")
def autocast_everywhere(model, optimizer, scaler, images, labels, device):
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type):
        loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


@mistake("amp_train_step", diagnosis="The scaler is never used: call "
         "scaler.scale(loss).backward(), scaler.step(optimizer) and scaler.update() instead of "
         "loss.backward() and optimizer.step(), or small float16 gradients underflow to zero on "
         "the GPU.")
def no_scaler(model, optimizer, scaler, images, labels, device):
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16,
                        enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    loss.backward()
    optimizer.step()
    return loss.item()


@mistake("amp_train_step", diagnosis="The forward pass runs outside autocast, so a GPU computes in "
         "float32: wrap the forward and the loss in torch.autocast(device_type=device.type, "
         "dtype=torch.float16, enabled=device.type == 'cuda').")
def no_autocast(model, optimizer, scaler, images, labels, device):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()
