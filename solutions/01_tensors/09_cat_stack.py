# %% [markdown]
# # `stack` or `cat`
# `torch.stack(tensors)` puts tensors of one shape side by side along a **new** dimension
# (`tf.stack`): N samples of shape S make a batch of shape (N, *S). `torch.cat(tensors)` joins
# them along an **existing** dimension (`tf.concat`): batches of 3 and 5 rows make 8 rows.
# Both copy the data into a new tensor.
# Docs: https://pytorch.org/docs/stable/generated/torch.stack.html

# %%
import torch


def stack_samples(samples: list[torch.Tensor]) -> torch.Tensor:
    """A batch from a non-empty list of same-shape samples: shape ``(len(samples), *S)``.

    The samples share one shape ``S`` (maybe ``()``) and one dtype, which the batch keeps. The
    batch is a new tensor (a copy), even of a single sample.
    TensorFlow: ``tf.stack(samples, axis=0)``.

    Example:
        >>> stack_samples([torch.zeros(28, 28), torch.ones(28, 28)]).shape
        torch.Size([2, 28, 28])
    """
    # Why: stack adds the new batch dimension; cat would join along the samples' own first axis.
    return torch.stack(samples, dim=0)  # (N, *S)


def concat_batches(batches: list[torch.Tensor]) -> torch.Tensor:
    """One batch from a non-empty list of batches ``(n_i, *S)``: shape ``(sum n_i, *S)``.

    The batches may have different lengths (0 included) and share ``S`` and one dtype, which
    the result keeps. The result is a new tensor (a copy), even of a single batch. TensorFlow:
    ``tf.concat(batches, axis=0)``.

    Example:
        >>> concat_batches([torch.zeros(3, 2), torch.zeros(5, 2)]).shape
        torch.Size([8, 2])
    """
    # Why: cat joins along dimension 0, which may differ in length between the batches.
    return torch.cat(batches, dim=0)  # (sum n_i, *S)
