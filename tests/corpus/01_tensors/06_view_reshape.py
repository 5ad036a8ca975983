"""Realistic learner answers for exercises/01_tensors/06_view_reshape.py (reshape_rows)."""
import torch


# --------------------------------------------------------------------------- right


def right__reshape_rows__explicit_row_count(t: torch.Tensor, width: int) -> torch.Tensor:
    """alternative | computes the row count with divmod and passes it explicitly to torch.reshape instead of -1"""
    rows, rest = divmod(t.numel(), width)
    if rest:
        raise ValueError(f"{t.numel()} elements cannot be cut into rows of {width}")
    return torch.reshape(t, (rows, width))


def right__reshape_rows__view_or_contiguous(t: torch.Tensor, width: int) -> torch.Tensor:
    """alternative | view on a contiguous tensor, contiguous().view() otherwise: a non-contiguous t is always copied, even where reshape could still return a view (the docstring only requires a view when t is contiguous)"""
    if t.numel() % width != 0:
        raise ValueError("numel is not a multiple of width")
    src = t if t.is_contiguous() else t.contiguous()
    return src.view(-1, width)


def right__reshape_rows__try_view_then_copy(t: torch.Tensor, width: int) -> torch.Tensor:
    """alternative | tries t.view first and falls back to reshape (a copy) only when view raises, which is what reshape decides internally"""
    if t.numel() % width != 0:
        raise ValueError(f"cannot split {t.numel()} elements into rows of {width}")
    try:
        return t.view(-1, width)
    except RuntimeError:
        return t.reshape(-1, width)


# --------------------------------------------------------------------------- wrong


def wrong__reshape_rows__view_only(t: torch.Tensor, width: int) -> torch.Tensor:
    """beginner | t.view(-1, width) cannot handle a non-contiguous tensor and raises RuntimeError (view size is not compatible with input tensor's size and stride) | differs when: t=torch.arange(6).reshape(2, 3).T, width=3 raises RuntimeError instead of tensor([[0, 3, 1], [4, 2, 5]]) (the docstring example, width=2, keeps the same shape and happens to work)"""
    if t.numel() % width != 0:
        raise ValueError("numel is not a multiple of width")
    return t.view(-1, width)


def wrong__reshape_rows__no_check(t: torch.Tensor, width: int) -> torch.Tensor:
    """subtle | skips the divisibility check and lets reshape fail, which raises RuntimeError instead of ValueError | differs when: t=torch.arange(5), width=2 raises RuntimeError instead of ValueError"""
    return t.reshape(-1, width)


def wrong__reshape_rows__assert_check(t: torch.Tensor, width: int) -> torch.Tensor:
    """tf-habit | checks with an assert like tf.debugging.assert_equal, which raises AssertionError (or nothing under python -O) instead of ValueError | differs when: t=torch.arange(5), width=2 raises AssertionError instead of ValueError"""
    assert t.numel() % width == 0, "numel must be a multiple of width"
    return torch.reshape(t, [-1, width])


def wrong__reshape_rows__split_and_stack(t: torch.Tensor, width: int) -> torch.Tensor:
    """subtle | builds the rows with torch.stack(torch.split(t.flatten(), width)): always a copy (never a view of a contiguous t), and an empty t gives shape (1, 0) | differs when: t=torch.arange(6), width=2: writing into the result does not change t; t=torch.zeros(0), width=2 gives shape (1, 0) instead of (0, 2)"""
    if t.numel() % width != 0:
        raise ValueError("numel is not a multiple of width")
    return torch.stack(torch.split(t.flatten(), width))


def wrong__reshape_rows__checks_last_dim(t: torch.Tensor, width: int) -> torch.Tensor:
    """subtle | checks the last dimension (t.shape[-1] % width) instead of the total number of elements, so valid inputs are rejected and 0-d tensors raise IndexError | differs when: t=torch.arange(6).reshape(2, 3), width=2 raises ValueError instead of returning a (3, 2) tensor"""
    if t.shape[-1] % width != 0:
        raise ValueError("last dimension must be a multiple of width")
    return t.reshape(-1, width)


def wrong__reshape_rows__clone_resize(t: torch.Tensor, width: int) -> torch.Tensor:
    """old-api | clone() then resize_(rows, width), as in old code: resize_ reinterprets storage order, so a transposed t comes out in memory order, and a contiguous t is copied instead of viewed | differs when: t=torch.arange(6).reshape(2, 3).T, width=2 gives tensor([[0, 1], [2, 3], [4, 5]]) instead of tensor([[0, 3], [1, 4], [2, 5]])"""
    if t.numel() % width != 0:
        raise ValueError("numel is not a multiple of width")
    out = t.clone()
    out.resize_(t.numel() // width, width)
    return out
