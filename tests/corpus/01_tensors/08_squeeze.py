"""Realistic learner answers for exercises/01_tensors/08_squeeze.py (add_batch_dim, drop_channel_dim)."""
import torch


# ====================================================================== add_batch_dim
# --------------------------------------------------------------------------- right


def right__add_batch_dim__none_index(x: torch.Tensor) -> torch.Tensor:
    """alternative | indexing with None in front, x[None], which inserts a size-1 dimension as a view (NumPy's np.newaxis)"""
    return x[None]


def right__add_batch_dim__view_leading_one(x: torch.Tensor) -> torch.Tensor:
    """alternative | x.view(1, *x.shape): adding a leading size-1 dimension is always stride-compatible, so view works even on non-contiguous x"""
    return x.view(1, *x.shape)


def right__add_batch_dim__expand(x: torch.Tensor) -> torch.Tensor:
    """alternative | x.expand(1, *x.shape): expand may prepend new dimensions, and a size-1 expand is a plain view"""
    return x.expand(1, *x.shape)


# --------------------------------------------------------------------------- wrong


def wrong__add_batch_dim__channels_last_axis(x: torch.Tensor) -> torch.Tensor:
    """tf-habit | x.unsqueeze(-1) like tf.expand_dims(x, -1), the channels-last habit: the new axis goes at the end, not in front | differs when: x=torch.zeros(3, 28, 28) gives shape (3, 28, 28, 1) instead of (1, 3, 28, 28)"""
    return x.unsqueeze(-1)


def wrong__add_batch_dim__reshape_flat_row(x: torch.Tensor) -> torch.Tensor:
    """beginner | x.reshape(1, -1) makes a batch of one but flattens the sample | differs when: x=torch.zeros(3, 28, 28) gives shape (1, 2352) instead of (1, 3, 28, 28)"""
    return x.reshape(1, -1)


def wrong__add_batch_dim__stack_copy(x: torch.Tensor) -> torch.Tensor:
    """subtle | torch.stack([x]) has the right shape but copies, so the result is not a view of x | differs when: x=torch.zeros(2): writing result[0, 0] = 1 leaves x unchanged"""
    return torch.stack([x])


def wrong__add_batch_dim__inplace_unsqueeze(x: torch.Tensor) -> torch.Tensor:
    """beginner | x.unsqueeze_(0) changes the caller's tensor: x itself now has the extra dimension | differs when: x=torch.zeros(3, 4): afterwards x.shape is (1, 3, 4) instead of (3, 4)"""
    return x.unsqueeze_(0)


def wrong__add_batch_dim__contiguous(x: torch.Tensor) -> torch.Tensor:
    """subtle | x.unsqueeze(0).contiguous(): for a non-contiguous sample this copies, so the result is no longer a view | differs when: x=torch.zeros(2, 3).T: writing into the result leaves x unchanged"""
    return x.unsqueeze(0).contiguous()


def wrong__add_batch_dim__already_batched_guard(x: torch.Tensor) -> torch.Tensor:
    """subtle | 'already batched' guard: returns x unchanged when it has 4 or more dimensions, but a sample may have any shape | differs when: x=torch.zeros(2, 3, 4, 5) returns shape (2, 3, 4, 5) instead of (1, 2, 3, 4, 5)"""
    if x.dim() >= 4:
        return x
    return x.unsqueeze(0)


# =================================================================== drop_channel_dim
# --------------------------------------------------------------------------- right


def right__drop_channel_dim__index_zero(x: torch.Tensor) -> torch.Tensor:
    """alternative | x[:, 0] picks the only channel with basic indexing, a view of shape (N, H, W)"""
    return x[:, 0]


def right__drop_channel_dim__select(x: torch.Tensor) -> torch.Tensor:
    """alternative | torch.select(x, 1, 0), the function form of x[:, 0]"""
    return torch.select(x, 1, 0)


def right__drop_channel_dim__view_explicit(x: torch.Tensor) -> torch.Tensor:
    """alternative | x.view(N, H, W) with the sizes read from x.shape; dropping a size-1 dimension is stride-compatible, so view never fails here"""
    n, _, h, w = x.shape
    return x.view(n, h, w)


def right__drop_channel_dim__negative_dim(x: torch.Tensor) -> torch.Tensor:
    """alternative | torch.squeeze(x, dim=-3), naming the channel dimension from the end"""
    return torch.squeeze(x, dim=-3)


# --------------------------------------------------------------------------- wrong


def wrong__drop_channel_dim__squeeze_all(x: torch.Tensor) -> torch.Tensor:
    """beginner | x.squeeze() with no dimension removes every size-1 dimension, so a batch of one loses its batch axis | differs when: x=torch.zeros(1, 1, 28, 28) gives shape (28, 28) instead of (1, 28, 28)"""
    return x.squeeze()


def wrong__drop_channel_dim__squeeze_last(x: torch.Tensor) -> torch.Tensor:
    """tf-habit | squeezes axis -1 where TF keeps channels; in NCHW that is W, so nothing is removed (or the width is, when W == 1) | differs when: x=torch.zeros(2, 1, 28, 28) returns shape (2, 1, 28, 28) instead of (2, 28, 28)"""
    return x.squeeze(-1)


def wrong__drop_channel_dim__squeeze_then_fix_batch(x: torch.Tensor) -> torch.Tensor:
    """subtle | squeeze() and then re-add the batch axis when only 2 dims remain: patches N == 1 but still breaks when H or W is 1 | differs when: x=torch.zeros(2, 1, 1, 5) gives shape (1, 2, 5) instead of (2, 1, 5)"""
    y = x.squeeze()
    if y.dim() == 2:
        y = y.unsqueeze(0)
    return y


def wrong__drop_channel_dim__inplace_squeeze(x: torch.Tensor) -> torch.Tensor:
    """subtle | x.squeeze_(1) drops the dimension of the caller's tensor too: the result is x itself with its shape changed | differs when: x=torch.zeros(2, 1, 3, 3): afterwards x.shape is (2, 3, 3) instead of (2, 1, 3, 3)"""
    return x.squeeze_(1)


def wrong__drop_channel_dim__mean_over_channels(x: torch.Tensor) -> torch.Tensor:
    """beginner | x.mean(dim=1), the grey-scale reduction: right shape and values for floats, but a new tensor (not a view), and integer images raise | differs when: x=torch.zeros(2, 1, 3, 3): writing into the result leaves x unchanged; x=torch.zeros(1, 1, 2, 2, dtype=torch.uint8) raises RuntimeError"""
    return x.mean(dim=1)
