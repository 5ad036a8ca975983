"""amp_train_step: on CPU autocast stays off and the step equals plain float32 training; with CUDA
pretended available, the forward runs under float16 CUDA autocast and the scaler is used."""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader.checks._patch import namespaces_of, patched
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


def _loss_spy(facts):
    original = F.cross_entropy

    def cross_entropy(*args, **kwargs):
        facts.append({"cuda_autocast": torch.is_autocast_enabled("cuda"),
                      "cpu_autocast": torch.is_autocast_enabled("cpu")})
        return original(*args, **kwargs)

    return cross_entropy


def steps_on(target, device, steps, seed, cuda_available=False):
    """amp_train_step on CPU tensors, `steps` times; device "cuda": CUDA pretended there"""
    model = _helpers.tiny_net(seed, dropout=0.0)
    images, labels = _helpers.tiny_data(4 * steps, seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    facts, loss_facts = _autocast_facts(model), []
    with _helpers.cuda_available(device == "cuda" or cuda_available), \
            patched((F, "cross_entropy", _loss_spy(loss_facts)), reaching=namespaces_of(target)):
        scaler = SpyScaler(device)
        losses = [target(model, optimizer, scaler, images[4 * i:4 * i + 4],
                         labels[4 * i:4 * i + 4], torch.device(device)) for i in range(steps)]
    return {"autocast_during_forward": facts, "autocast while the loss was computed": loss_facts,
            # A disabled scaler does nothing: skipping its calls off CUDA is as good.
            "scaler_calls": scaler.calls if device == "cuda" else "not graded (disabled)",
            "losses": losses, "weights": _helpers.params(model)}


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
                                        "steps": st.integers(1, 3), "seed": st.integers(0, 99),
                                        "cuda_available": st.booleans()}),
                 probe=steps_on, max_examples=4,
                 examples=[{"device": "cpu", "steps": 3, "seed": 0},
                           {"device": "cuda", "steps": 2, "seed": 0},
                           {"device": "mps", "steps": 1, "seed": 0},
                           {"device": "cpu", "steps": 1, "seed": 1, "cuda_available": True}],
                 notes={"result['autocast_during_forward']":
                        "the forward pass must run inside torch.autocast(device_type=device.type, "
                        "dtype=torch.float16, enabled=device.type == 'cuda')",
                        "result['autocast while": "compute the loss inside the autocast block "
                                                   "too",
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


def _step(model, optimizer, scaler, images, labels, device, enabled=None, dtype=torch.float16,
          loss_inside=True, backward="scaled", steps=("scaler",), update=True, zero=True,
          result=lambda loss, scaled: loss.item()):
    if zero:
        optimizer.zero_grad()
    on = device.type == "cuda" if enabled is None else enabled
    with torch.autocast(device_type=device.type, dtype=dtype, enabled=on):
        logits = model(images)
        if loss_inside:
            loss = F.cross_entropy(logits, labels)
    if not loss_inside:
        loss = F.cross_entropy(logits, labels)
    scaled = scaler.scale(loss)
    (scaled if backward == "scaled" else loss).backward()
    for kind in steps:
        (scaler.step if kind == "scaler" else lambda o: o.step())(optimizer)
    if update:
        scaler.update()
    return result(loss, scaled)


@mistake("amp_train_step", diagnosis="autocast is enabled by torch.cuda.is_available(), what the "
         "machine has: on a GPU machine a CPU step then runs under float16 autocast. Follow "
         "the device: enabled=(device.type == 'cuda').")
def enabled_if_the_machine_has_cuda(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device,
                 enabled=torch.cuda.is_available())


@mistake("amp_train_step", diagnosis="loss.backward() skips the scaler, but scaler.step still "
         "divides the gradients by the scale (65536), so the update almost vanishes. Call "
         "scaler.scale(loss).backward().")
def unscaled_backward(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device, backward="plain")


@mistake("amp_train_step", diagnosis="scaler.scale(loss) is never called (loss.backward() "
         "instead), so with CUDA the scaler has no scale yet and scaler.step(optimizer) fails "
         "(\"Attempted step but _scale is None\"). Call scaler.scale(loss).backward().")
def never_scales(model, optimizer, scaler, images, labels, device):
    optimizer.zero_grad()
    with torch.autocast(device_type=device.type, dtype=torch.float16,
                        enabled=device.type == "cuda"):
        loss = F.cross_entropy(model(images), labels)
    loss.backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


@mistake("amp_train_step", diagnosis="optimizer.step() and scaler.step(optimizer) both run, so "
         "the parameters move twice (on CUDA the first time with still-scaled gradients). "
         "scaler.step(optimizer) replaces optimizer.step().")
def steps_twice(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device, steps=("plain", "scaler"))


@mistake("amp_train_step", diagnosis="The scaled loss is returned (loss × scale, about 65536 "
         "times too big on CUDA): return loss.item(), the loss itself.")
def returns_scaled_loss(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device,
                 result=lambda loss, scaled: scaled.item())


@mistake("amp_train_step", diagnosis="scaler.update() is missing: the scale never adapts (after "
         "an overflow every later step would be skipped). Call it after scaler.step(optimizer).")
def no_scaler_update(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device, update=False)


@mistake("amp_train_step", diagnosis="Only the forward pass is inside autocast; the loss is "
         "computed outside, in float16 on CUDA. Compute the loss inside the with block: "
         "autocast runs cross-entropy in float32.")
def loss_outside_autocast(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device, loss_inside=False)


@mistake("amp_train_step", diagnosis="loss.data[0] (0.4-era code) indexes a 0-d tensor, which "
         "raises IndexError today: read the loss with loss.item().")
def loss_data_index(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device,
                 result=lambda loss, scaled: loss.data[0])


@mistake("amp_train_step", diagnosis="The loss tensor is returned (0-d, with its graph, on the "
         "device): return the Python float loss.item().")
def returns_the_loss_tensor(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device,
                 result=lambda loss, scaled: loss)


@mistake("amp_train_step", diagnosis="The model itself was converted to float16 (model.half(), "
         "Keras's mixed_float16 habit): there is no float32 master copy, and the scaler refuses "
         "to unscale float16 gradients. Keep the model float32 and let autocast pick float16 "
         "per operation.")
def whole_model_half(model, optimizer, scaler, images, labels, device):
    optimizer.zero_grad()
    if device.type == "cuda":
        model.half()
        images = images.half()
    loss = F.cross_entropy(model(images), labels)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()


@mistake("amp_train_step", diagnosis="autocast runs in bfloat16; the spec's CUDA step uses "
         "dtype=torch.float16 (with the scaler).")
def bfloat16_autocast(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device, dtype=torch.bfloat16)


@mistake("amp_train_step", diagnosis="optimizer.zero_grad() is missing, so .grad keeps the "
         "previous steps' gradients and each update uses their sum. Zero them at the start "
         "of the step.")
def no_zero_grad(model, optimizer, scaler, images, labels, device):
    return _step(model, optimizer, scaler, images, labels, device, zero=False)
