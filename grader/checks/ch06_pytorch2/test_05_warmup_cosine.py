"""warmup_cosine: the lr of every parameter group (each with its own base lr) after every
scheduler.step(), from construction to past total_steps, stepped as in training (optimizer.step()
first), must equal the reference's; warm-ups of 0 steps and of every step are drawn."""

import torch
from hypothesis import strategies as st
from torch import nn

from grader.mistakes import mistake


def schedule_probe(warmup_cosine, base_lrs, warmup_steps, total_steps):
    params = [nn.Parameter(torch.zeros(2)) for _ in base_lrs]
    optimizer = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, base_lrs)],
                                lr=base_lrs[0], momentum=0.9)
    scheduler = warmup_cosine(optimizer, warmup_steps, total_steps)
    trace = [[group["lr"] for group in optimizer.param_groups]]
    for _ in range(total_steps + 2):
        optimizer.step()
        scheduler.step()
        trace.append([group["lr"] for group in optimizer.param_groups])
    return {"is an LRScheduler": isinstance(scheduler, torch.optim.lr_scheduler.LRScheduler),
            "lr of each group after s steps": trace}


@st.composite
def schedule_inputs(draw):
    total = draw(st.integers(1, 9))
    return {"base_lrs": draw(st.sampled_from([[0.1], [0.1, 0.003], [1.0, 0.5, 0.25]])),
            "warmup_steps": draw(st.integers(0, total)), "total_steps": total}


NOTES = {"result['lr of each group": "the learning rates after s = 0, 1, 2... calls of "
         "scheduler.step(): warm-up base * s / warmup_steps, then the cosine, then 0 from "
         "total_steps on"}


def test_warmup_cosine(kata):
    kata.compare("warmup_cosine", schedule_inputs(), probe=schedule_probe, max_examples=10,
                 notes=NOTES,
                 examples=[{"base_lrs": [0.1], "warmup_steps": 2, "total_steps": 6},
                           {"base_lrs": [0.1, 0.003], "warmup_steps": 0, "total_steps": 4},
                           {"base_lrs": [0.1], "warmup_steps": 3, "total_steps": 3}])


@mistake("warmup_cosine", diagnosis="The warm-up is one step ahead: the factor at step s is "
         "s / warmup_steps (0 at the first step), not (s + 1) / warmup_steps.")
def warmup_one_ahead(optimizer, warmup_steps, total_steps):
    import math

    def factor(step):
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        if step >= total_steps:
            return 0.0
        return 0.5 * (1 + math.cos(math.pi * (step - warmup_steps) / (total_steps - warmup_steps)))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


@mistake("warmup_cosine", diagnosis="After total_steps the lr climbs back up (the cosine goes on "
         "past its minimum): from s >= total_steps the factor must stay 0.")
def cosine_goes_on(optimizer, warmup_steps, total_steps):
    import math

    def factor(step):
        if step < warmup_steps:
            return step / warmup_steps
        span = max(1, total_steps - warmup_steps)
        return 0.5 * (1 + math.cos(math.pi * (step - warmup_steps) / span))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


@mistake("warmup_cosine", diagnosis="With warmup_steps = 0 the warm-up formula divides by zero "
         "(LambdaLR computes the factor of step 0 when it is made): use the warm-up case only "
         "while step < warmup_steps.")
def divides_by_zero_warmup(optimizer, warmup_steps, total_steps):
    import math

    def factor(step):
        warm = min(1.0, step / warmup_steps)
        if step >= total_steps:
            return 0.0
        progress = max(0.0, (step - warmup_steps) / max(1, total_steps - warmup_steps))
        return warm * 0.5 * (1 + math.cos(math.pi * progress))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


@mistake("warmup_cosine", diagnosis="The cosine must start after the warm-up: its progress is "
         "(s - warmup_steps) / (total_steps - warmup_steps), so it is at its top (factor 1) at "
         "s = warmup_steps.")
def cosine_from_zero(optimizer, warmup_steps, total_steps):
    import math

    def factor(step):
        if step < warmup_steps:
            return step / warmup_steps
        if step >= total_steps:
            return 0.0
        return 0.5 * (1 + math.cos(math.pi * step / total_steps))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


@mistake("warmup_cosine", diagnosis="CosineAnnealingLR alone has no warm-up (and climbs back "
         "after T_max): write the factor yourself with LambdaLR.")
def cosine_annealing_only(optimizer, warmup_steps, total_steps):
    return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)


@mistake("warmup_cosine", diagnosis="LambdaLR multiplies what your function returns by each "
         "group's base lr: return the factor (0 at the start, 1 after the warm-up), not the "
         "learning rate itself (a Keras LearningRateSchedule returns the rate; LambdaLR's "
         "function returns a multiplier).")
def returns_lr(optimizer, warmup_steps, total_steps):
    from torch.optim.lr_scheduler import LambdaLR
    import math
    base = optimizer.param_groups[0]['lr']

    def schedule(step):
        if step >= total_steps:
            return 0.0
        if step < warmup_steps:
            return base * step / warmup_steps
        progress = (step - warmup_steps) / (total_steps - warmup_steps)
        return base * 0.5 * (1 + math.cos(math.pi * progress))
    return LambdaLR(optimizer, schedule)


@mistake("warmup_cosine", diagnosis="The cosine spans only the steps after the warm-up: its angle "
         "is pi * (step - warmup_steps) / (total_steps - warmup_steps), so the factor reaches 0 "
         "exactly at total_steps (divided by total_steps, it is still above 0 at the end).")
def cosine_over_total(optimizer, warmup_steps, total_steps):
    from torch.optim.lr_scheduler import LambdaLR
    import math

    def factor(step):
        if step >= total_steps:
            return 0.0
        if step < warmup_steps:
            return step / warmup_steps
        return 0.5 * (1 + math.cos(math.pi * (step - warmup_steps) / total_steps))
    return LambdaLR(optimizer, factor)


@mistake("warmup_cosine", diagnosis="From total_steps on the factor stays 0: without that case "
         "the cosine is periodic and climbs back up after the end. Return 0.0 for step >= "
         "total_steps.")
def no_floor_after_end(optimizer, warmup_steps, total_steps):
    from torch.optim.lr_scheduler import LambdaLR
    import math

    def factor(step):
        if step < warmup_steps:
            return step / warmup_steps
        progress = (step - warmup_steps) / (total_steps - warmup_steps)
        return 0.5 * (1.0 + math.cos(math.pi * progress))
    return LambdaLR(optimizer, factor)
