"""Realistic learner answers for exercises/02_autograd/12_clipping.py (clip_grads_by_value, clip_grads_by_norm)."""
import torch


# =========================================================================== clip_grads_by_value
# --------------------------------------------------------------------------- right answers

def right__clip_grads_by_value__library_guarded(params: list[torch.Tensor], clip_value: float) -> None:
    """alternative | delegates to torch.nn.utils.clip_grad_value_, called only on the parameters that have a gradient (and not at all when none has)"""
    with_grad = [p for p in params if p.grad is not None]
    if with_grad:
        torch.nn.utils.clip_grad_value_(with_grad, clip_value)


def right__clip_grads_by_value__clamp_out(params: list[torch.Tensor], clip_value: float) -> None:
    """alternative | torch.clamp with out= the gradient itself, filtering the grads first with a comprehension"""
    grads = [p.grad for p in params if p.grad is not None]
    for g in grads:
        torch.clamp(g, min=-clip_value, max=clip_value, out=g)


def right__clip_grads_by_value__two_one_sided(params: list[torch.Tensor], clip_value: float) -> None:
    """alternative | two one-sided in-place clamps (max then min) through the 0.4-era p.grad.data"""
    for p in params:
        if p.grad is None:
            continue
        p.grad.data.clamp_(max=clip_value)
        p.grad.data.clamp_(min=-clip_value)


# --------------------------------------------------------------------------- wrong answers

def wrong__clip_grads_by_value__new_list_only(params: list[torch.Tensor], clip_value: float) -> None:
    """tf-habit | builds a new list of clipped gradients, as with tf.clip_by_value, and never writes them back into p.grad: nothing changes | differs when: a parameter with grad [-3., 0.5, 2.], clip_value = 1 (grad unchanged)"""
    grads = [p.grad.clamp(-clip_value, clip_value) for p in params if p.grad is not None]
    del grads


def wrong__clip_grads_by_value__rebinds_grad(params: list[torch.Tensor], clip_value: float) -> None:
    """subtle | p.grad = p.grad.clamp(...) installs a new tensor instead of clamping in place: values look right but anyone holding the old gradient tensor (a hook, an optimizer buffer, `g = p.grad`) still sees the unclipped values | differs when: g = p.grad taken before the call, p.grad = [-3., 0.5, 2.], clip_value = 1 (g stays [-3, 0.5, 2])"""
    for p in params:
        if p.grad is not None:
            p.grad = p.grad.clamp(-clip_value, clip_value)


def wrong__clip_grads_by_value__no_none_check(params: list[torch.Tensor], clip_value: float) -> None:
    """beginner | does not skip parameters without a gradient: AttributeError on None.clamp_ | differs when: params = [p_with_grad, q] where q.grad is None (e.g. an unused or frozen parameter)"""
    for p in params:
        p.grad.clamp_(-clip_value, clip_value)


def wrong__clip_grads_by_value__upper_bound_only(params: list[torch.Tensor], clip_value: float) -> None:
    """beginner | clamp_(max=clip_value) only: large negative gradients are not clipped | differs when: a parameter with grad [-3., 0.5, 2.], clip_value = 1 (gives [-3, 0.5, 1])"""
    for p in params:
        if p.grad is not None:
            p.grad.clamp_(max=clip_value)


def wrong__clip_grads_by_value__norm_clipping(params: list[torch.Tensor], clip_value: float) -> None:
    """examples | copied from pytorch/examples word_language_model, whose --clip option is clip_grad_norm_: rescales by the global norm instead of clamping each element | differs when: a parameter with grad [-3., 0.5, 2.], clip_value = 1"""
    torch.nn.utils.clip_grad_norm_(params, clip_value)


def wrong__clip_grads_by_value__truthiness(params: list[torch.Tensor], clip_value: float) -> None:
    """subtle | tests `if p.grad:` instead of `is not None`: raises "Boolean value of Tensor with more than one value is ambiguous" for any gradient with several elements | differs when: a parameter with grad [-3., 0.5, 2.], clip_value = 1"""
    for p in params:
        if p.grad:
            p.grad.clamp_(-clip_value, clip_value)


def wrong__clip_grads_by_value__break_on_none(params: list[torch.Tensor], clip_value: float) -> None:
    """subtle | uses break instead of continue when it meets a parameter without a gradient: every parameter after it is left unclipped | differs when: params = [q, p] with q.grad None and p.grad = [-3., 0.5, 2.], clip_value = 1 (p.grad unchanged)"""
    for p in params:
        if p.grad is None:
            break
        p.grad.clamp_(-clip_value, clip_value)


def wrong__clip_grads_by_value__library_unguarded(params: list[torch.Tensor], clip_value: float) -> None:
    """subtle | hands the whole list to torch.nn.utils.clip_grad_value_: with no gradient at all (empty list, or every .grad None) it raises RuntimeError ("Expected !nested_tensorlist[0].empty()") instead of doing nothing | differs when: params = [torch.zeros(2, requires_grad=True)] (grad None), clip_value = 1"""
    torch.nn.utils.clip_grad_value_(params, clip_value)


def wrong__clip_grads_by_value__clamps_weights(params: list[torch.Tensor], clip_value: float) -> None:
    """beginner | clamps the parameter values (p.data) instead of their gradients | differs when: p = torch.tensor([5.0], requires_grad=True) with p.grad = [3.], clip_value = 1 (p becomes 1, grad stays 3)"""
    for p in params:
        if p.grad is not None:
            p.data.clamp_(-clip_value, clip_value)


# =========================================================================== clip_grads_by_norm
# --------------------------------------------------------------------------- right answers

def right__clip_grads_by_norm__library(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """alternative | delegates to torch.nn.utils.clip_grad_norm_, which uses exactly this formula and returns the pre-clipping total"""
    return torch.nn.utils.clip_grad_norm_(params, max_norm)


def right__clip_grads_by_norm__stack_of_norms(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """alternative | hand-written: vector_norm of the stacked per-gradient norms, coefficient as a tensor clamped to 1, applied with mul_"""
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, 2) for g in grads]), 2)
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef.to(g.dtype))
    return total


def right__clip_grads_by_norm__flat_concat(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """alternative | total as the norm of all gradient elements concatenated (the same number, summed in another order), coefficient with torch.minimum"""
    grads = [p.grad for p in params if p.grad is not None]
    if len(grads) == 0:
        return torch.tensor(0.0)
    total = torch.cat([g.reshape(-1) for g in grads]).norm(2)
    coef = torch.minimum(torch.ones_like(total), max_norm / (total + 1e-6))
    for g in grads:
        g.mul_(coef)
    return total


# --------------------------------------------------------------------------- wrong answers

def wrong__clip_grads_by_norm__per_tensor(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """tf-habit | clips each gradient by its own norm (tf.clip_by_norm per tensor) instead of by the global norm: the joint direction changes | differs when: grads [3., 0.] and [4.], max_norm = 1 (gives [1, 0] and [1] instead of [0.6, 0] and [0.8])"""
    norms = []
    for p in params:
        if p.grad is None:
            continue
        n = p.grad.norm()
        norms.append(n)
        p.grad.mul_(torch.clamp(max_norm / (n + 1e-6), max=1.0))
    return torch.stack(norms).norm()


def wrong__clip_grads_by_norm__total_after(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """subtle | recomputes and returns the norm after clipping (what tf.clip_by_global_norm's caller often logs by mistake), not the total measured before | differs when: grads [3., 0.] and [4.], max_norm = 1 (returns ~1 instead of 5)"""
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.stack([g.norm() for g in grads]).norm()
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef)
    return torch.stack([g.norm() for g in grads]).norm()


def wrong__clip_grads_by_norm__scales_up(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """subtle | multiplies by max_norm / (total + 1e-6) without the min(1, ...): small gradients are blown up to norm max_norm | differs when: a single grad [0.3], max_norm = 1 (becomes ~1 instead of staying 0.3)"""
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.stack([g.norm() for g in grads]).norm()
    for g in grads:
        g.mul_(max_norm / (total + 1e-6))
    return total


def wrong__clip_grads_by_norm__sum_of_norms(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """beginner | adds the per-tensor norms instead of taking the norm of them: total is too large and grads are over-shrunk | differs when: grads [3., 0.] and [4.], max_norm = 1 (total 7 instead of 5)"""
    grads = [p.grad for p in params if p.grad is not None]
    total = sum(g.norm() for g in grads)
    coef = min(1.0, max_norm / (float(total) + 1e-6))
    for g in grads:
        g.mul_(coef)
    return total


def wrong__clip_grads_by_norm__returns_float(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """subtle | returns total.item(), a Python float, instead of the 0-dim tensor clip_grad_norm_ returns | differs when: grads [3., 0.] and [4.], max_norm = 1 (returns 5.0 as float)"""
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.stack([g.norm() for g in grads]).norm()
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef)
    return total.item()


def wrong__clip_grads_by_norm__no_grads_at_all(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """subtle | stacks the per-gradient norms without handling the case where no parameter has a gradient: torch.stack([]) raises instead of returning a total of 0 | differs when: params = [torch.zeros(2, requires_grad=True)] with grad None, or params = []"""
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef)
    return total


def wrong__clip_grads_by_norm__rebinds_grads(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """subtle | assigns p.grad = p.grad * coef instead of scaling in place: holders of the old gradient tensor keep unclipped values | differs when: g = p.grad taken before the call, grads [3., 0.] and [4.], max_norm = 1 (g stays [3, 0])"""
    live = [p for p in params if p.grad is not None]
    total = torch.stack([p.grad.norm() for p in live]).norm()
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for p in live:
        p.grad = p.grad * coef
    return total


def wrong__clip_grads_by_norm__value_instead(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """beginner | reaches for clip_grad_value_ and returns the norm: elements are clamped to [-max_norm, max_norm], the direction is lost | differs when: grads [3., 0.] and [4.], max_norm = 1 (grads become [1, 0] and [1])"""
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.stack([g.norm() for g in grads]).norm()
    torch.nn.utils.clip_grad_value_(params, max_norm)
    return total


def wrong__clip_grads_by_norm__float32_total(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """subtle | accumulates the squared norms in float32 (`.float()`) so total and the coefficient lose the dtype of float64 gradients | differs when: grads [3., 0.] and [4.] in float64, max_norm = 1 (total is float32)"""
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.zeros(())
    for g in grads:
        total = total + g.float().pow(2).sum()
    total = total.sqrt()
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef)
    return total
