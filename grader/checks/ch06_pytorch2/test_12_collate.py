"""pad_collate: called directly and as a DataLoader's collate_fn, on token-id sequences
(with real tokens equal to the padding value) and on (L, D) feature sequences, empty sequences,
batches of one, padding values 0 and -1: the four tensors (values, shapes, dtypes) must equal
the reference's, and the samples must not be changed."""

import torch
from hypothesis import strategies as st
from torch.utils.data import DataLoader

from grader import strategies as ts
from grader.mistakes import mistake

KEYS = ("inputs", "mask", "lengths", "labels")


def collate_probe(pad_collate, batch, pad_value, batch_size):
    given = {} if pad_value == "default" else {"pad_value": pad_value}  # "default": left out
    direct = pad_collate(batch, **given)
    loader = DataLoader(batch, batch_size=batch_size,
                        collate_fn=lambda samples: pad_collate(samples, **given))
    through = list(loader)

    def ordered(result):
        if not isinstance(result, dict):
            return result
        return {key: result.get(key, "missing") for key in KEYS}

    return {"direct call": ordered(direct), "DataLoader batches": [ordered(b) for b in through]}


@st.composite
def collate_inputs(draw):
    features = draw(st.sampled_from([None, None, 3]))
    dtype = torch.int64 if features is None else draw(st.sampled_from([torch.float32,
                                                                       torch.float64]))
    b = draw(st.integers(1, 4))
    batch = []
    for _ in range(b):
        length = draw(st.integers(0, 4))
        shape = (length,) if features is None else (length, features)
        batch.append((draw(ts.tensors(shape, dtype, -1, 9)), draw(st.integers(0, 4))))
    return {"batch": batch, "pad_value": draw(st.sampled_from([0, 0, -1])),
            "batch_size": draw(st.integers(1, 3))}


EXAMPLES = [
    {"batch": [(torch.tensor([5, 0, 7]), 1), (torch.tensor([0]), 0), (torch.tensor([3, 4]), 2)],
     "pad_value": 0, "batch_size": 2},
    {"batch": [(torch.zeros(0, 2), 1), (torch.ones(2, 2), 3)], "pad_value": -1,
     "batch_size": 2},
    {"batch": [(torch.tensor([5, 6]), 1), (torch.tensor([7]), 0)], "pad_value": "default",
     "batch_size": 2},  # pad_value left out: pads with 0
]

NOTES = {"['mask']": "True at real positions (from the lengths: a real value may equal the "
                     "padding value), False at padding"}


def test_pad_collate(kata):
    kata.compare("pad_collate", collate_inputs(), probe=collate_probe, max_examples=8,
                 examples=EXAMPLES, notes={"result['direct call']['mask']": NOTES["['mask']"]})


@mistake("pad_collate", diagnosis="The mask was computed from the values (inputs != pad_value), "
         "so a real token equal to the padding value is masked out: build it from the lengths, "
         "torch.arange(T)[None, :] < lengths[:, None].")
def mask_from_values(batch, pad_value=0):
    from torch.nn.utils.rnn import pad_sequence

    sequences = [s for s, _ in batch]
    inputs = pad_sequence(sequences, batch_first=True, padding_value=pad_value)
    mask = inputs != pad_value
    if mask.dim() == 3:
        mask = mask.any(-1)
    return {"inputs": inputs, "mask": mask,
            "lengths": torch.tensor([len(s) for s in sequences]),
            "labels": torch.tensor([label for _, label in batch])}


@mistake("pad_collate", diagnosis="The mask is the wrong way round: True marks the real "
         "positions and False the padding here (nn.MultiheadAttention's key_padding_mask, True "
         "at padding, is the opposite convention).")
def mask_inverted(batch, pad_value=0):
    from torch.nn.utils.rnn import pad_sequence

    sequences = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in sequences])
    inputs = pad_sequence(sequences, batch_first=True, padding_value=pad_value)
    return {"inputs": inputs, "mask": torch.arange(inputs.shape[1])[None, :] >= lengths[:, None],
            "lengths": lengths, "labels": torch.tensor([label for _, label in batch])}


@mistake("pad_collate", diagnosis="pad_sequence puts time first, (T, B, ...), unless "
         "batch_first=True: the batch dimension comes first here.")
def time_first(batch, pad_value=0):
    from torch.nn.utils.rnn import pad_sequence

    sequences = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in sequences])
    inputs = pad_sequence(sequences, padding_value=pad_value)
    return {"inputs": inputs, "mask": torch.arange(inputs.shape[0])[None, :] < lengths[:, None],
            "lengths": lengths, "labels": torch.tensor([label for _, label in batch])}


@mistake("pad_collate", diagnosis="The padding value was ignored (pad_sequence pads with 0 by "
         "default): pass padding_value=pad_value.")
def pads_with_zero(batch, pad_value=0):
    from torch.nn.utils.rnn import pad_sequence

    sequences = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in sequences])
    inputs = pad_sequence(sequences, batch_first=True)
    return {"inputs": inputs, "mask": torch.arange(inputs.shape[1])[None, :] < lengths[:, None],
            "lengths": lengths, "labels": torch.tensor([label for _, label in batch])}


@mistake("pad_collate", diagnosis="lengths and labels must be tensors (int64), as a DataLoader "
         "batch holds tensors: torch.tensor([...], dtype=torch.long).")
def python_lists(batch, pad_value=0):
    from torch.nn.utils.rnn import pad_sequence

    sequences = [s for s, _ in batch]
    lengths = [len(s) for s in sequences]
    inputs = pad_sequence(sequences, batch_first=True, padding_value=pad_value)
    return {"inputs": inputs,
            "mask": torch.arange(inputs.shape[1])[None, :] < torch.tensor(lengths)[:, None],
            "lengths": lengths, "labels": [label for _, label in batch]}


@mistake("pad_collate", diagnosis="Keep the samples in the order they came: sorting by length "
         "reorders the batch and its labels (pack_padded_sequence(..., enforce_sorted=False) "
         "needs no sorting).")
def sorted_by_length(batch, pad_value=0):
    from torch.nn.utils.rnn import pad_sequence
    batch = sorted(batch, key=lambda sample: len(sample[0]), reverse=True)
    seqs = [s for s, _ in batch]
    inputs = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    mask = torch.arange(inputs.size(1))[None, :] < lengths[:, None]
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return {'inputs': inputs, 'mask': mask, 'lengths': lengths, 'labels': labels}


@mistake("pad_collate", diagnosis="torch.full(shape, pad_value) takes its dtype from pad_value "
         "(int64 for 0, float32 for 0.5), not from the sequences: pass dtype=sequences[0].dtype, "
         "or use pad_sequence.")
def full_infers_dtype(batch, pad_value=0):
    seqs = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    longest = int(lengths.max())
    inputs = torch.full((len(seqs), longest, *seqs[0].shape[1:]), pad_value)
    for i, s in enumerate(seqs):
        inputs[i, :len(s)] = s
    mask = torch.arange(longest)[None, :] < lengths[:, None]
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return {'inputs': inputs, 'mask': mask, 'lengths': lengths, 'labels': labels}


@mistake("pad_collate", diagnosis="The mask was computed from the values (inputs != pad_value), "
         "so a real token equal to the padding value is masked out: build it from the lengths, "
         "torch.arange(T)[None, :] < lengths[:, None].")
def mask_from_values_per_feature(batch, pad_value=0):
    from torch.nn.utils.rnn import pad_sequence
    seqs = [s for s, _ in batch]
    inputs = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    mask = inputs != pad_value
    return {'inputs': inputs, 'mask': mask,
            'lengths': torch.tensor([len(s) for s in seqs], dtype=torch.int64),
            'labels': torch.tensor([label for _, label in batch], dtype=torch.int64)}
