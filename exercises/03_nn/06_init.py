# %% [markdown]
# # Weight initialisation, Keras style
# Keras `Dense` and `Conv2D` start with `kernel_initializer="glorot_uniform"` and
# `bias_initializer="zeros"`. PyTorch's `nn.Linear` and `nn.Conv2d` start differently (a
# Kaiming-uniform variant and a small random bias), so a ported model trains differently from
# its first step. `torch.nn.init` has the initialisers; `model.apply(fn)` calls `fn` on every
# submodule (children first, then the model itself).
# Docs: https://pytorch.org/docs/stable/nn.init.html

# %%
import torch.nn as nn


def init_like_keras(module: nn.Module) -> None:
    """Re-initialise one module in place as Keras would; use as ``model.apply(init_like_keras)``.

    ``nn.Conv2d`` and ``nn.Linear`` (and their subclasses): weight from
    ``nn.init.xavier_uniform_`` (Glorot uniform), bias (when the layer has one: ``bias=False``
    leaves it ``None``) set to zeros. Every other module (BatchNorm, ReLU, Conv1d, Conv3d,
    ConvTranspose2d, containers, ...) is left alone, and so are a container's children when it
    is called on the container itself: ``model.apply`` visits them. In place: the layer keeps
    its parameter tensors (and their dtype).
    TensorFlow: ``layers.Dense(10, kernel_initializer="glorot_uniform", bias_initializer="zeros")``.
    Example:
        >>> net = nn.Sequential(nn.Linear(4, 3), nn.ReLU())
        >>> _ = net.apply(init_like_keras)
        >>> net[0].bias.tolist()
        [0.0, 0.0, 0.0]
    """
    # TODO: for Conv2d / Linear only: xavier_uniform_ the weight, zeros_ the bias if not None.
    raise NotImplementedError("init_like_keras")
