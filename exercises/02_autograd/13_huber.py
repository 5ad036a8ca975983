# %% [markdown]
# # Huber loss versus squared loss, and their gradients
# The squared error 0.5 d² (d = pred - target) has gradient d: one outlier can produce a
# huge update. The Huber loss is quadratic for |d| <= delta and linear beyond, so its
# gradient is d *clipped* to [-delta, delta]. This is what DQN's "error clipping" means.
# Clipping the *loss* or the error in the forward pass instead gives a zero gradient for
# large errors: a classic bug. TensorFlow 2: `tf.keras.losses.Huber(delta)`.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.functional.huber_loss.html

# %%
import torch


def huber_loss(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """Mean Huber loss, written with tensor operations (no ``F.huber_loss``, no ``nn.HuberLoss``).

    With ``d = pred - target``, each element costs ``0.5 * d**2`` where ``|d| <= delta`` and
    ``delta * (|d| - 0.5 * delta)`` elsewhere; return the mean, a 0-dim tensor connected to
    ``pred``. Its gradient is ``d.clamp(-delta, delta) / n``.

    Example:
        >>> huber_loss(torch.tensor([0.5, 3.0]), torch.zeros(2), delta=1.0)
        tensor(1.3125)
    """
    # TODO: d = pred - target; torch.where(|d| <= delta, quadratic, linear).mean().
    raise NotImplementedError("huber_loss")
