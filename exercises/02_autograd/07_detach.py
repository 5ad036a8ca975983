# %% [markdown]
# # detach(): stop the gradient where it must not flow
# In Q-learning (DQN) the regression target `r + gamma * Q(s')` is computed with the very
# weights being trained, but it must act as a constant: gradients flow only through the
# prediction `Q(s)`. `t.detach()` (TensorFlow 2: `tf.stop_gradient(t)`) returns the same
# values with no history, so backward treats them as constants.
# Docs: https://pytorch.org/docs/stable/generated/torch.Tensor.detach.html

# %%
import torch


def td_loss(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
            gamma: float) -> torch.Tensor:
    """Mean squared temporal-difference error of a linear value function, target detached.

    ``w`` (D,) is trainable, ``s`` and ``s_next`` are states (B, D), ``r`` rewards (B,).
    prediction ``q = s @ w`` (B,); target ``r + gamma * (s_next @ w)``, detached;
    return ``((q - target) ** 2).mean()``, a 0-dim tensor connected to ``w`` only
    through ``q``.

    Example:
        >>> w = torch.tensor([1.0, 0.0], requires_grad=True)
        >>> s, s2 = torch.tensor([[1.0, 0.0]]), torch.tensor([[2.0, 0.0]])
        >>> loss = td_loss(w, s, torch.tensor([0.0]), s2, gamma=0.5)
        >>> loss.backward(); w.grad        # the target 1.0 gets no gradient
        tensor([0., 0.])
    """
    # TODO: q = s @ w; detach the target r + gamma * (s_next @ w); mean of squares.
    raise NotImplementedError("td_loss")
