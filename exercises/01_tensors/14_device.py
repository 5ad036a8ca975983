# %% [markdown]
# # Choosing a device
# In PyTorch every tensor and every module lives on an explicit device: `cpu`, `cuda` (NVIDIA
# GPUs) or `mps` (Apple GPUs). Nothing moves by itself, so a script picks its device once, at
# the start, from what is available, and puts the model and each batch there. (TensorFlow picks
# a GPU on its own; `with tf.device("/GPU:0"):` overrides it.)
# Docs: https://pytorch.org/docs/stable/tensor_attributes.html#torch.device

# %%
import torch


def choose_device() -> torch.device:
    """The best available device: ``cuda`` if available, else ``mps`` if available, else ``cpu``.

    Return a ``torch.device`` (not a string); its index does not matter (``cuda`` or
    ``cuda:0``). Ask ``torch.cuda.is_available()`` and ``torch.backends.mps.is_available()``.
    TensorFlow: ``tf.config.list_physical_devices("GPU")``.

    Example:
        >>> choose_device()  # on a machine without a GPU
        device(type='cpu')
    """
    # TODO: check cuda, then mps, and wrap the chosen name in torch.device(...).
    raise NotImplementedError("choose_device")
