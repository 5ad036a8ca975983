# %% [markdown]
# # Adding and removing size-1 dimensions
# `t.unsqueeze(d)` inserts a dimension of size 1 at position `d` (`tf.expand_dims`), e.g. to
# turn one sample into a batch of one. `t.squeeze(d)` removes dimension `d` if it has size 1
# (`tf.squeeze(x, axis=d)`). Both return views. Beware `t.squeeze()` without a dimension: it
# removes *every* size-1 dimension, so a batch of one sample silently loses its batch axis.
# Docs: https://pytorch.org/docs/stable/generated/torch.squeeze.html

# %%
import torch


def add_batch_dim(x: torch.Tensor) -> torch.Tensor:
    """One sample ``x`` of any shape ``S`` as a batch of one: shape ``(1, *S)``, a view of x.

    TensorFlow: ``tf.expand_dims(x, 0)``.

    Example:
        >>> add_batch_dim(torch.zeros(3, 28, 28)).shape
        torch.Size([1, 3, 28, 28])
    """
    # TODO: insert a new dimension of size 1 in front with unsqueeze.
    raise NotImplementedError("add_batch_dim")


def drop_channel_dim(x: torch.Tensor) -> torch.Tensor:
    """Grey images of shape ``(N, 1, H, W)`` as shape ``(N, H, W)``, a view of x.

    It must work for any N, H, W, including 1 (and N = 0). TensorFlow: ``tf.squeeze(x, axis=1)``.

    Example:
        >>> drop_channel_dim(torch.zeros(1, 1, 28, 28)).shape
        torch.Size([1, 28, 28])
    """
    # TODO: squeeze only dimension 1 (name it), never every size-1 dimension.
    raise NotImplementedError("drop_channel_dim")
