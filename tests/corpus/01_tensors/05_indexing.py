"""Realistic learner answers for exercises/01_tensors/05_indexing.py (take_column)."""
import torch


# --------------------------------------------------------------------------- right


def right__take_column__select(t: torch.Tensor, j: int) -> torch.Tensor:
    """alternative | t.select(1, j): picks index j of dimension 1 as a view (negative j allowed)"""
    return t.select(1, j)


def right__take_column__transpose_row(t: torch.Tensor, j: int) -> torch.Tensor:
    """alternative | transposes (a view) and takes row j: t.T[j] is column j of t, still sharing memory"""
    return t.T[j]


def right__take_column__unbind(t: torch.Tensor, j: int) -> torch.Tensor:
    """alternative | torch.unbind(t, dim=1) gives every column as a view; returns the j-th one"""
    return torch.unbind(t, dim=1)[j]


def right__take_column__narrow_squeeze(t: torch.Tensor, j: int) -> torch.Tensor:
    """alternative | normalises a negative j by the column count, narrows dimension 1 to width 1 and squeezes only that dimension"""
    cols = t.shape[1]
    if not -cols <= j < cols:
        raise IndexError(f"column {j} out of range for {cols} columns")
    return t.narrow(1, j % cols, 1).squeeze(1)


# --------------------------------------------------------------------------- wrong


def wrong__take_column__index_select_copy(t: torch.Tensor, j: int) -> torch.Tensor:
    """tf-habit | tf.gather(x, j, axis=1) translated to torch.index_select(t, 1, tensor([j])): indexing with a tensor copies, so the result does not share t's memory | differs when: t=torch.arange(6).reshape(2, 3), j=1: writing c[0] = 100 leaves t unchanged"""
    idx = torch.tensor([j % t.shape[1]], device=t.device)
    return torch.index_select(t, 1, idx).squeeze(1)


def wrong__take_column__row_instead(t: torch.Tensor, j: int) -> torch.Tensor:
    """beginner | t[j] picks row j, not column j (the first index is the row) | differs when: t=torch.arange(6).reshape(2, 3), j=1 gives tensor([3, 4, 5]) instead of tensor([1, 4])"""
    return t[j]


def wrong__take_column__keeps_2d_slice(t: torch.Tensor, j: int) -> torch.Tensor:
    """beginner | t[:, j:j+1] keeps a column of shape (rows, 1), and for j=-1 the slice -1:0 is empty | differs when: t=torch.arange(6).reshape(2, 3), j=-1 gives an empty (2, 0) tensor instead of tensor([2, 5])"""
    return t[:, j:j + 1]


def wrong__take_column__contiguous_copy(t: torch.Tensor, j: int) -> torch.Tensor:
    """subtle | adds .contiguous() 'for speed'; a column of a tensor with more than one column is strided, so this silently copies and the view is lost | differs when: t=torch.arange(6).reshape(2, 3), j=1: c[0] = 100 no longer writes into t"""
    return t[:, j].contiguous()


def wrong__take_column__squeeze_all(t: torch.Tensor, j: int) -> torch.Tensor:
    """subtle | narrows dimension 1 to a width-1 column and then calls .squeeze() with no dimension, which also drops the row dimension when t has one row | differs when: t=torch.arange(3).reshape(1, 3), j=0 gives the 0-d tensor(0) instead of tensor([0]) of shape (1,)"""
    return t.narrow(1, j % t.shape[1], 1).squeeze()


def wrong__take_column__negative_by_rows(t: torch.Tensor, j: int) -> torch.Tensor:
    """subtle | converts a negative j with the number of rows (t.shape[0]) instead of the number of columns | differs when: t=torch.arange(6).reshape(2, 3), j=-1 gives column 1 tensor([1, 4]) instead of the last column tensor([2, 5])"""
    if j < 0:
        j = t.shape[0] + j
    return t[:, j]
