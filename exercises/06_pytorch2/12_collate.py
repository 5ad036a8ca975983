# %% [markdown]
# # Batching sequences of different lengths: a collate_fn
# A `DataLoader` turns a list of samples into a batch with its `collate_fn`; the default one
# stacks tensors, which fails as soon as two sequences differ in length. TensorFlow pads in
# the input pipeline (`dataset.padded_batch(32)`, `keras.utils.pad_sequences`) and carries a
# mask beside the values (`Embedding(mask_zero=True)`, `Masking`). In PyTorch you write the
# collate function: pad with `torch.nn.utils.rnn.pad_sequence`, and return the mask yourself,
# built from the lengths (never from the values: a real token may equal the padding value).
# Docs: https://pytorch.org/docs/stable/data.html#dataloader-collate-fn

# %%
import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch: list[tuple[torch.Tensor, int]],
                pad_value: float = 0) -> dict[str, torch.Tensor]:
    """Collate ``(sequence, label)`` samples of different lengths into one padded batch.

    Each sequence is a tensor of shape (L_i,) (token ids) or (L_i, D) (feature vectors), all of
    one dtype and the same D; L_i may be 0. Return a dict of four tensors, with B samples and
    T = the longest L_i:
      "inputs":  (B, T) or (B, T, D), the sequences one after another, padded at the end with
                 ``pad_value``, of the sequences' dtype;
      "mask":    (B, T) bool, True at real positions and False at padding (the convention of
                 Keras masks; note that nn.MultiheadAttention's key_padding_mask is the opposite);
      "lengths": (B,) int64, each L_i;
      "labels":  (B,) int64.
    Use it as ``DataLoader(dataset, batch_size=32, collate_fn=pad_collate)``.
    TensorFlow 2: ``dataset.padded_batch(32, padding_values=(0, None))`` and a mask from
    ``Embedding(mask_zero=True)``.
    Example:
        >>> batch = pad_collate([(torch.tensor([5, 6, 7]), 1), (torch.tensor([8]), 0)])
        >>> batch["inputs"], batch["mask"]
        (tensor([[5, 6, 7], [8, 0, 0]]), tensor([[True, True, True], [True, False, False]]))
    """
    # TODO: pad_sequence(..., batch_first=True, padding_value=...), lengths, a mask from lengths.
    raise NotImplementedError("pad_collate")
