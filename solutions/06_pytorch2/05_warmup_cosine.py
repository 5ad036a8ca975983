# %% [markdown]
# # Learning-rate warm-up and cosine decay
# Keras attaches a schedule to the optimizer (`learning_rate=CosineDecay(...)`) and the optimizer
# advances it at every step by itself. In PyTorch the schedule is a separate object that wraps
# the optimizer and changes each parameter group's `"lr"` when *you* call `scheduler.step()`:
# once per batch, *after* `optimizer.step()` (stepped before, it skips the first value and torch
# warns). `LambdaLR` multiplies each group's initial lr by a factor you compute from the step
# count, which covers any formula (`LinearLR`, `CosineAnnealingLR`, `SequentialLR` are ready-made).
# Docs: https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate

# %%
import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(optimizer: torch.optim.Optimizer, warmup_steps: int,
                  total_steps: int) -> LambdaLR:
    """A scheduler: linear warm-up from 0 for ``warmup_steps`` steps, then a cosine down to 0.

    With ``base`` the lr a parameter group has when the scheduler is made, its lr after ``s``
    calls of ``scheduler.step()`` (``s = 0`` right after construction) must be:

        base * s / warmup_steps                               if s < warmup_steps
        base * 0.5 * (1 + cos(pi * (s - warmup_steps) / (total_steps - warmup_steps)))
                                                              if warmup_steps <= s < total_steps
        0                                                     if s >= total_steps

    for every parameter group, each with its own ``base``. ``0 <= warmup_steps <= total_steps``
    and ``total_steps >= 1``; ``warmup_steps = 0`` means no warm-up. Return the scheduler (an
    ``LRScheduler``): a ``LambdaLR`` whose function returns that factor of ``base`` is simplest.
    TensorFlow 2: ``keras.optimizers.schedules.CosineDecay(0.0, total_steps - warmup_steps,
    warmup_target=base, warmup_steps=warmup_steps)`` as the optimizer's learning_rate.
    Example:
        >>> opt = torch.optim.SGD(model.parameters(), lr=0.1)
        >>> scheduler = warmup_cosine(opt, warmup_steps=2, total_steps=4)
        >>> lrs = []
        >>> for _ in range(5):
        ...     lrs.append(opt.param_groups[0]["lr"]); opt.step(); scheduler.step()
        >>> [round(lr, 3) for lr in lrs]
        [0.0, 0.05, 0.1, 0.05, 0.0]
    """
    # Why: LambdaLR applies one factor per step to each group's own base lr: any formula fits.
    return LambdaLR(optimizer, lambda step: (
        step / warmup_steps if step < warmup_steps
        else 0.0 if step >= total_steps
        else 0.5 * (1.0 + math.cos(math.pi * (step - warmup_steps)
                                   / (total_steps - warmup_steps)))))
