"""Realistic learner answers for exercises/06_pytorch2/05_warmup_cosine.py (warmup_cosine)."""
import math

import torch
from torch.optim.lr_scheduler import LambdaLR, LRScheduler


class _WarmupCosineLR(LRScheduler):
    """An LRScheduler subclass computing each group's lr from its base lr and the step count."""

    def __init__(self, optimizer: torch.optim.Optimizer, warmup_steps: int, total_steps: int) -> None:
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        super().__init__(optimizer)

    def get_lr(self) -> list[float]:
        s, w, t = self.last_epoch, self.warmup_steps, self.total_steps
        if s >= t:
            f = 0.0
        elif s < w:
            f = s / w
        else:
            f = 0.5 * (1.0 + math.cos(math.pi * (s - w) / (t - w)))
        return [base * f for base in self.base_lrs]


# --------------------------------------------------------------------------- right


def right__warmup_cosine__scheduler_subclass(optimizer: torch.optim.Optimizer, warmup_steps: int,
                                             total_steps: int) -> LambdaLR:
    """alternative | a small LRScheduler subclass whose get_lr multiplies each group's base_lrs entry by the factor of last_epoch, instead of a LambdaLR"""
    return _WarmupCosineLR(optimizer, warmup_steps, total_steps)


def right__warmup_cosine__lookup_table(optimizer: torch.optim.Optimizer, warmup_steps: int,
                                       total_steps: int) -> LambdaLR:
    """alternative | precomputes the factors of steps 0 .. total_steps - 1 in a list; the LambdaLR function looks the step up and returns 0.0 past the end"""
    table = []
    for s in range(total_steps):
        if s < warmup_steps:
            table.append(s / warmup_steps)
        else:
            progress = (s - warmup_steps) / (total_steps - warmup_steps)
            table.append(0.5 * (1.0 + math.cos(math.pi * progress)))
    return LambdaLR(optimizer, lr_lambda=lambda step: table[step] if step < len(table) else 0.0)


# --------------------------------------------------------------------------- wrong


def wrong__warmup_cosine__returns_lr(optimizer: torch.optim.Optimizer, warmup_steps: int,
                                     total_steps: int) -> LambdaLR:
    """tf-habit | the function returns the learning rate itself, as a Keras schedule does, but LambdaLR multiplies what it returns by the base lr again | differs when: the docstring example (lr=0.1, warmup_steps=2, total_steps=4) gives [0.0, 0.005, 0.01, 0.005, 0.0] instead of [0.0, 0.05, 0.1, 0.05, 0.0]"""
    base = optimizer.param_groups[0]["lr"]

    def schedule(step: int) -> float:
        if step >= total_steps:
            return 0.0
        if step < warmup_steps:
            return base * step / warmup_steps
        return base * 0.5 * (1 + math.cos(math.pi * (step - warmup_steps) / (total_steps - warmup_steps)))

    return LambdaLR(optimizer, schedule)


def wrong__warmup_cosine__cosine_over_total(optimizer: torch.optim.Optimizer, warmup_steps: int,
                                            total_steps: int) -> LambdaLR:
    """beginner | the cosine's period is total_steps (as CosineAnnealingLR(T_max=total_steps)) instead of the total_steps - warmup_steps steps after the warm-up, so it has not reached 0 at the end | differs when: the docstring example gives 0.0854 at step 3 instead of 0.05 (0.5 * (1 + cos(pi / 4)) instead of 0.5 * (1 + cos(pi / 2)))"""
    def factor(step: int) -> float:
        if step >= total_steps:
            return 0.0
        if step < warmup_steps:
            return step / warmup_steps
        return 0.5 * (1 + math.cos(math.pi * (step - warmup_steps) / total_steps))

    return LambdaLR(optimizer, factor)


def wrong__warmup_cosine__warmup_plus_one(optimizer: torch.optim.Optimizer, warmup_steps: int,
                                          total_steps: int) -> LambdaLR:
    """examples | warm-up factor (step + 1) / warmup_steps, as in training scripts that avoid a zero lr at the first step: the warm-up starts at base / warmup_steps, not 0 | differs when: the docstring example gives [0.05, 0.1, 0.1, 0.05, 0.0] instead of [0.0, 0.05, 0.1, 0.05, 0.0]"""
    def factor(step: int) -> float:
        if step >= total_steps:
            return 0.0
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        return 0.5 * (1.0 + math.cos(math.pi * (step - warmup_steps) / (total_steps - warmup_steps)))

    return LambdaLR(optimizer, factor)


def wrong__warmup_cosine__no_floor_after_end(optimizer: torch.optim.Optimizer, warmup_steps: int,
                                             total_steps: int) -> LambdaLR:
    """subtle | no case for s >= total_steps: the cosine is periodic and climbs back up after the end | differs when: warmup_steps=2, total_steps=4, base 0.1: after 5 steps the lr is 0.05 (0.5 * (1 + cos(3 pi / 2))) instead of 0"""
    def factor(step: int) -> float:
        if step < warmup_steps:
            return step / warmup_steps
        progress = (step - warmup_steps) / (total_steps - warmup_steps)
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    return LambdaLR(optimizer, factor)


def wrong__warmup_cosine__warmup_inclusive(optimizer: torch.optim.Optimizer, warmup_steps: int,
                                           total_steps: int) -> LambdaLR:
    """subtle | warm-up branch `step <= warmup_steps` (harmless where it ends, both formulas give 1 there) but with warmup_steps = 0 step 0 divides 0 by 0 | differs when: warmup_steps=0, total_steps=4 raises ZeroDivisionError while LambdaLR is built instead of starting at the base lr"""
    def factor(step: int) -> float:
        if step >= total_steps:
            return 0.0
        if step <= warmup_steps:
            return step / warmup_steps
        return 0.5 * (1.0 + math.cos(math.pi * (step - warmup_steps) / (total_steps - warmup_steps)))

    return LambdaLR(optimizer, factor)
