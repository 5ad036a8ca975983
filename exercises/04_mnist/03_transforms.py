# %% [markdown]
# # The MNIST transform pipeline
# `transforms.Compose` chains callables that torchvision datasets apply to every example as
# it is loaded. For MNIST the usual chain is `ToTensor()` (PIL image → float (1, 28, 28) in
# [0, 1]) then `Normalize` with the training set's pixel mean 0.1307 and std 0.3081 (measured
# *after* ToTensor, so on the [0, 1] scale). Order matters: `Normalize` needs a tensor.
# Docs: https://pytorch.org/vision/stable/transforms.html

# %%
from torchvision import transforms


def mnist_transform() -> transforms.Compose:
    """Return ``Compose([ToTensor(), Normalize(mean=(0.1307,), std=(0.3081,))])``.

    Applied to a 28x28 PIL image (what ``datasets.MNIST`` yields) it gives a float32 tensor
    (1, 28, 28) with roughly zero mean and unit std over the dataset (an equivalent pipeline,
    giving the same tensors, is as good). TensorFlow 2: the
    ``tf.data`` version is ``ds.map(lambda x, y: ((tf.cast(x, tf.float32) / 255 - 0.1307) /
    0.3081, y))``, or ``keras.layers.Rescaling`` + ``Normalization`` inside the model.

    Example:
        >>> from PIL import Image; import numpy as np
        >>> mnist_transform()(Image.fromarray(np.zeros((28, 28), np.uint8))).shape
        torch.Size([1, 28, 28])
    """
    # TODO: compose ToTensor() and Normalize((0.1307,), (0.3081,)), in that order.
    raise NotImplementedError("mnist_transform")
