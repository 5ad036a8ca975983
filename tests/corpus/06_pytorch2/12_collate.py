"""Realistic learner answers for exercises/06_pytorch2/12_collate.py (pad_collate)."""
import torch
from torch.nn.utils.rnn import pad_sequence


# --------------------------------------------------------------------------- right


def right__pad_collate__preallocate(batch: list[tuple[torch.Tensor, int]],
                                    pad_value: float = 0) -> dict[str, torch.Tensor]:
    """alternative | no pad_sequence: allocates the padded tensor with new_full in the sequences' dtype, copies each sequence into its row and sets the mask row by row"""
    seqs = [s for s, _ in batch]
    lengths = torch.tensor([s.shape[0] for s in seqs], dtype=torch.int64)
    longest = int(lengths.max()) if len(seqs) else 0
    inputs = seqs[0].new_full((len(seqs), longest, *seqs[0].shape[1:]), pad_value)
    mask = torch.zeros(len(seqs), longest, dtype=torch.bool)
    for i, s in enumerate(seqs):
        inputs[i, :s.shape[0]] = s
        mask[i, :s.shape[0]] = True
    labels = torch.tensor([int(label) for _, label in batch], dtype=torch.int64)
    return {"inputs": inputs, "mask": mask, "lengths": lengths, "labels": labels}


def right__pad_collate__zip_and_broadcast(batch: list[tuple[torch.Tensor, int]],
                                          pad_value: float = 0) -> dict[str, torch.Tensor]:
    """alternative | unzips with zip(*batch), pads with pad_sequence and builds the mask by broadcasting lengths[:, None] > arange(T)"""
    seqs, labels = zip(*batch)
    inputs = pad_sequence(list(seqs), batch_first=True, padding_value=pad_value)
    lengths = torch.as_tensor([len(s) for s in seqs], dtype=torch.long)
    mask = lengths[:, None] > torch.arange(inputs.shape[1])[None, :]
    return {"inputs": inputs, "mask": mask, "lengths": lengths,
            "labels": torch.as_tensor(labels, dtype=torch.long)}


# --------------------------------------------------------------------------- wrong


def wrong__pad_collate__mask_from_values(batch: list[tuple[torch.Tensor, int]],
                                         pad_value: float = 0) -> dict[str, torch.Tensor]:
    """tf-habit | builds the mask from the values, inputs != pad_value, as Embedding(mask_zero=True) does: a real token equal to the padding value is masked out | differs when: [(torch.tensor([0, 5]), 1), (torch.tensor([7]), 0)] gives mask row 0 [False, True] instead of [True, True]"""
    seqs = [s for s, _ in batch]
    inputs = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    mask = inputs != pad_value
    return {"inputs": inputs, "mask": mask,
            "lengths": torch.tensor([len(s) for s in seqs], dtype=torch.int64),
            "labels": torch.tensor([label for _, label in batch], dtype=torch.int64)}


def wrong__pad_collate__time_major(batch: list[tuple[torch.Tensor, int]],
                                   pad_value: float = 0) -> dict[str, torch.Tensor]:
    """beginner | pad_sequence without batch_first=True returns (T, B, ...), time first | differs when: the docstring example gives inputs of shape (3, 2), tensor([[5, 8], [6, 0], [7, 0]]), instead of (2, 3)"""
    seqs = [s for s, _ in batch]
    inputs = pad_sequence(seqs, padding_value=pad_value)
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    mask = torch.arange(int(lengths.max()))[None, :] < lengths[:, None]
    return {"inputs": inputs, "mask": mask, "lengths": lengths,
            "labels": torch.tensor([label for _, label in batch], dtype=torch.int64)}


def wrong__pad_collate__padding_mask(batch: list[tuple[torch.Tensor, int]],
                                     pad_value: float = 0) -> dict[str, torch.Tensor]:
    """examples | copied from a Transformer example that builds src_key_padding_mask: True marks the padding, the opposite of the asked convention | differs when: the docstring example gives mask [[False, False, False], [False, True, True]] instead of [[True, True, True], [True, False, False]]"""
    seqs = [s for s, _ in batch]
    inputs = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    mask = torch.arange(inputs.size(1))[None, :] >= lengths[:, None]
    return {"inputs": inputs, "mask": mask, "lengths": lengths,
            "labels": torch.tensor([label for _, label in batch], dtype=torch.int64)}


def wrong__pad_collate__sorted_by_length(batch: list[tuple[torch.Tensor, int]],
                                         pad_value: float = 0) -> dict[str, torch.Tensor]:
    """old-api | sorts the samples by decreasing length first, as pack_padded_sequence required before enforce_sorted=False (PyTorch < 1.1): the batch order changes | differs when: [(torch.tensor([8]), 0), (torch.tensor([5, 6, 7]), 1)] returns the long sequence first, labels [1, 0] instead of [0, 1]"""
    batch = sorted(batch, key=lambda sample: len(sample[0]), reverse=True)
    seqs = [s for s, _ in batch]
    inputs = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    mask = torch.arange(inputs.size(1))[None, :] < lengths[:, None]
    return {"inputs": inputs, "mask": mask, "lengths": lengths,
            "labels": torch.tensor([label for _, label in batch], dtype=torch.int64)}


def wrong__pad_collate__full_infers_dtype(batch: list[tuple[torch.Tensor, int]],
                                          pad_value: float = 0) -> dict[str, torch.Tensor]:
    """subtle | preallocates with torch.full(shape, pad_value) without dtype=: the dtype follows pad_value (int64 for the default 0, float32 for 0.5), not the sequences | differs when: float32 feature sequences [(torch.tensor([[0.5, 1.5]]), 0)] with the default pad_value give int64 inputs [[[0, 1]]] (values truncated) instead of float32 [[[0.5, 1.5]]]"""
    seqs = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    longest = int(lengths.max())
    inputs = torch.full((len(seqs), longest, *seqs[0].shape[1:]), pad_value)
    for i, s in enumerate(seqs):
        inputs[i, :len(s)] = s
    mask = torch.arange(longest)[None, :] < lengths[:, None]
    return {"inputs": inputs, "mask": mask, "lengths": lengths,
            "labels": torch.tensor([label for _, label in batch], dtype=torch.int64)}
