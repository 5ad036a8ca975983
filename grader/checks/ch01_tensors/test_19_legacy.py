"""Checks for exercises/01_tensors/19_legacy.py: labels with torch.tensor, not the legacy types.

One label (an int: a 0-d result) or a list of them (empty, one, several). The call runs under
PyTorch's deterministic mode, which fills uninitialised memory (``torch.LongTensor(3)``,
``torch.empty``) with the dtype's largest value, NaN for floats, so such a tensor shows the same
numbers on every run instead of whatever memory held.
"""

import numpy as np
import torch
from hypothesis import strategies as st

from grader import corners
from grader.mistakes import mistake

LABELS = st.integers(0, 999)


def _one(label):
    corners.reach("zero_dim")
    return label


def _many(labels):
    corners.record_shape((len(labels),))
    return labels


def label_args():
    return st.fixed_dictionaries({"labels": LABELS.map(_one)
                                  | st.lists(LABELS, max_size=5).map(_many)})


def made(labels_tensor, labels):
    """torch.use_deterministic_algorithms(True) (uninitialised memory filled: int64's largest value, NaN); labels_tensor(labels)"""
    was, warn_only = (torch.are_deterministic_algorithms_enabled(),
                      torch.is_deterministic_algorithms_warn_only_enabled())
    torch.use_deterministic_algorithms(True, warn_only=True)
    try:
        return labels_tensor(labels)
    finally:
        torch.use_deterministic_algorithms(was, warn_only=warn_only)


def test_labels_tensor(kata):
    kata.compare("labels_tensor", label_args(), probe=made, exact=True, max_examples=15,
                 examples=[{"labels": _many([3, 1])}, {"labels": _one(3)},
                           {"labels": _many([])}, {"labels": _one(0)}, {"labels": _many([7])}])


@mistake("labels_tensor", diagnosis="torch.LongTensor(n) reads an int as a size: it made an "
         "uninitialised tensor of n elements (shown filled with 9223372036854775807, as "
         "deterministic mode fills such memory), not a tensor holding n. Use "
         "torch.tensor(labels, dtype=torch.int64), which holds the data in every case.")
def legacy_long_tensor(labels):
    return torch.LongTensor(labels)


@mistake("labels_tensor", diagnosis="int32 is TensorFlow's default integer (tf.constant), but "
         "PyTorch's losses want int64 class indices: dtype=torch.int64.")
def int32_habit(labels):
    return torch.tensor(labels, dtype=torch.int32)


@mistake("labels_tensor", diagnosis="torch.tensor(labels) guesses the dtype from the data: int64 "
         "for ints, but float32 for an empty list, where there is nothing to guess from. Pass "
         "dtype=torch.int64.")
def guesses_dtype(labels):
    return torch.tensor(labels)


@mistake("labels_tensor", diagnosis="torch.Tensor(...) is the legacy float32 constructor (and "
         "torch.Tensor(n) an uninitialised tensor of n elements): labels must be int64, "
         "torch.tensor(labels, dtype=torch.int64).")
def legacy_float_tensor(labels):
    return torch.Tensor(labels)


@mistake("labels_tensor", diagnosis="[labels] wrapped one label in a list, which makes a 1-d "
         "tensor of one element; a single label is 0-d, as torch.tensor(3) gives: "
         "torch.tensor(labels, dtype=torch.int64) for both kinds of input.")
def wraps_single_label(labels):
    if isinstance(labels, int):
        labels = [labels]
    return torch.LongTensor(labels)


@mistake("labels_tensor", diagnosis="np.int was removed in NumPy 1.24 (AttributeError), like "
         "np.float and np.bool: write int or np.int64, or skip NumPy: torch.tensor(labels, "
         "dtype=torch.int64).")
def numpy_int_alias(labels):
    return torch.from_numpy(np.array(labels, dtype=np.int))
