# %% [markdown]
# # Gradient clipping, by value and by global norm
# Between `loss.backward()` and `optimizer.step()` the gradients sit in `.grad`, where you
# may change them in place. Clipping by value clamps every element into [-c, c]
# (`tf.clip_by_value`); clipping by *global* norm rescales all gradients together when
# their joint L2 norm exceeds `max_norm` (`tf.clip_by_global_norm`), which keeps their
# direction. PyTorch ships both: `torch.nn.utils.clip_grad_value_` / `clip_grad_norm_`.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_norm_.html

# %%
import torch


def clip_grads_by_value(params: list[torch.Tensor], clip_value: float) -> None:
    """Clamp, in place, every element of every ``p.grad`` into ``[-clip_value, clip_value]``.

    Parameters whose ``.grad`` is None are skipped; the list may be empty or hold no gradient
    at all (then nothing changes). Return nothing.
    TensorFlow: ``grads = [tf.clip_by_value(g, -c, c) for g in grads]``.
    Example: a grad ``[-3., 0.5, 2.]`` with ``clip_value=1`` becomes ``[-1., 0.5, 1.]``.
    """
    # TODO: for each p with a grad, p.grad.clamp_(-clip_value, clip_value).
    raise NotImplementedError("clip_grads_by_value")


def clip_grads_by_norm(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """Rescale all gradients together so that their global L2 norm is at most ``max_norm``.

    total = the L2 norm of all gradient elements together (the norm of the per-tensor
    norms); multiply every grad in place by ``min(1, max_norm / (total + 1e-6))``; return
    ``total`` as measured *before* clipping (a 0-dim tensor), like ``clip_grad_norm_``.
    Skip parameters without a gradient; with no gradient at all (an empty list, or every
    ``.grad`` None) nothing changes and ``total`` is ``torch.tensor(0.0)``, as with
    ``clip_grad_norm_``. All gradients share one dtype, which ``total`` keeps. Small
    gradients are never scaled up.
    TensorFlow: ``grads, total = tf.clip_by_global_norm(grads, max_norm)``.
    Example: grads ``[3., 0.]`` and ``[4.]`` with max_norm 1: total 5, grads become
    ``[0.6, 0.]`` and ``[0.8]``.
    """
    # TODO: total = norm of the per-grad norms; g.mul_(clamped coefficient).
    raise NotImplementedError("clip_grads_by_norm")
