# %% [markdown]
# # Mixed precision on CUDA
# On a GPU, running most of the forward pass in float16 is about twice as fast and halves the
# memory of activations. `torch.autocast` picks float16 for the ops that are safe (matmuls,
# convolutions) and keeps float32 for the rest; a `GradScaler` multiplies the loss before the
# backward pass so small float16 gradients do not underflow to zero, and unscales them before
# the step. Docs: https://pytorch.org/docs/stable/amp.html

# %%
import torch
import torch.nn.functional as F
from torch import nn


def amp_train_step(model: nn.Module, optimizer: torch.optim.Optimizer,
                   scaler: torch.amp.GradScaler, images: torch.Tensor, labels: torch.Tensor,
                   device: torch.device) -> float:
    """One training step with automatic mixed precision on CUDA; plain float32 anywhere else.

    ``model``, ``images`` and ``labels`` are already on ``device``; ``scaler`` was made with
    ``torch.amp.GradScaler(device.type, enabled=device.type == "cuda")``. Run the forward pass
    and the loss inside ``torch.autocast(device_type=device.type, dtype=torch.float16,
    enabled=device.type == "cuda")``, then ``scaler.scale(loss).backward()``,
    ``scaler.step(optimizer)``, ``scaler.update()``. Return the loss as a float.
    On CPU autocast must stay off: CPU autocast would use bfloat16 and change the results.
    TensorFlow 2: ``keras.mixed_precision.set_global_policy("mixed_float16")`` plus a
    ``LossScaleOptimizer``; PyTorch scopes it to a ``with`` block and a scaler instead.
    Example:
        >>> scaler = torch.amp.GradScaler("cpu", enabled=False)
        >>> amp_train_step(model, optimizer, scaler, images, labels, torch.device("cpu"))
        2.30...
    """
    # TODO: zero the grads, forward + loss under autocast, then the scaler's three calls.
    raise NotImplementedError("amp_train_step")
