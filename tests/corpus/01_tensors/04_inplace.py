"""Realistic learner answers for exercises/01_tensors/04_inplace.py (add_into, accumulate_)."""
import torch


# =========================================================================== add_into
# --------------------------------------------------------------------------- right


def right__add_into__copy_sum(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """alternative | computes x + y into a temporary and copies it into out with out.copy_(...), which returns out"""
    return out.copy_(x + y)


def right__add_into__ellipsis_assign(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """alternative | writes the sum with out[...] = torch.add(x, y) (Ellipsis works for 0-d tensors too), then returns out"""
    out[...] = torch.add(x, y)
    return out


def right__add_into__keyword_out(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """alternative | torch.add(input=x, other=y, out=out) and returns the object torch.add hands back (which is out itself)"""
    result = torch.add(input=x, other=y, out=out)
    assert result is out
    return result


# --------------------------------------------------------------------------- wrong


def wrong__add_into__rebinds_out(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """tf-habit | out = x + y makes a new tensor and only rebinds the local name; the caller's buffer is never written and a different object is returned | differs when: x=torch.ones(2), y=torch.ones(2), out=torch.zeros(2) leaves out as tensor([0., 0.]) and result is not out"""
    out = x + y
    return out


def wrong__add_into__accumulates_into_out(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """beginner | out.add_(x + y) adds the sum to whatever out already held instead of overwriting it | differs when: x=torch.ones(2), y=torch.ones(2), out=torch.full((2,), 5.) gives tensor([7., 7.]) instead of tensor([2., 2.])"""
    return out.add_(x + y)


def wrong__add_into__mutates_x(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """subtle | adds y into x in place (x.add_(y)) and then copies x into out: out is right, but x is changed, which the docstring forbids | differs when: x=torch.ones(2), y=torch.ones(2), out=torch.zeros(2) leaves x as tensor([2., 2.])"""
    x.add_(y)
    out.copy_(x)
    return out


def wrong__add_into__full_slice_assign(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """subtle | out[:] = x + y, the NumPy idiom, fails on 0-d tensors (IndexError: slice() cannot be applied to a 0-dim tensor) | differs when: x=torch.tensor(1.), y=torch.tensor(2.), out=torch.tensor(0.) raises IndexError instead of giving tensor(3.)"""
    out[:] = x + y
    return out


def wrong__add_into__data_rebind(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """old-api | out.data = x + y swaps in a freshly allocated tensor: the same Python object comes back, but the caller's buffer (and every view of it) is never written | differs when: buf=torch.zeros(4), out=buf[:2], x=y=torch.ones(2) leaves buf as tensor([0., 0., 0., 0.]) (out.data_ptr() changes)"""
    out.data = x + y
    return out


def wrong__add_into__set_storage(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """subtle | out.set_(x + y) makes out point at the new result's storage instead of writing into out's own memory, so the preallocated buffer and its views keep the old values | differs when: buf=torch.zeros(4), out=buf[:2], x=y=torch.ones(2) leaves buf as tensor([0., 0., 0., 0.])"""
    return out.set_(torch.add(x, y))


# ======================================================================== accumulate_
# --------------------------------------------------------------------------- right


def right__accumulate___iadd_operator(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | the augmented assignment acc += x, which calls Tensor.__iadd__ (in place, returns acc)"""
    acc += x
    return acc


def right__accumulate___ellipsis_iadd(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | acc[...] += x: updates the whole-tensor view in place (works for 0-d acc as well) and returns acc"""
    acc[...] += x
    return acc


def right__accumulate___alpha_keyword(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | calls the unbound method torch.Tensor.add_(acc, x, alpha=1) and returns its result (acc itself)"""
    return torch.Tensor.add_(acc, x, alpha=1)


# --------------------------------------------------------------------------- wrong


def wrong__accumulate___rebinds_acc(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """tf-habit | acc = acc + x like tf's functional style: a new tensor is returned and the caller's acc never changes | differs when: acc=torch.zeros(2), x=torch.ones(2) leaves acc as tensor([0., 0.]) and result is not acc"""
    acc = acc + x
    return acc


def wrong__accumulate___no_underscore(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """beginner | acc.add(x) without the trailing underscore is out of place: returns a new tensor, acc unchanged | differs when: acc=torch.zeros(2), x=torch.ones(2) leaves acc as tensor([0., 0.])"""
    return acc.add(x)


def wrong__accumulate___data_rebind_promotes(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """old-api | acc.data = acc.data + x keeps the object but replaces its storage with a promoted result, so acc does not keep its dtype (and its old buffer is not written) | differs when: acc=torch.zeros(2, dtype=torch.float16), x=torch.ones(2) turns acc into float32"""
    acc.data = acc.data + x
    return acc


def wrong__accumulate___full_slice(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """subtle | acc[:] += x breaks on a 0-d accumulator (IndexError: slice() cannot be applied to a 0-dim tensor), the usual case for a running loss | differs when: acc=torch.tensor(0.), x=torch.tensor(1.) raises IndexError instead of giving tensor(1.)"""
    acc[:] += x
    return acc


def wrong__accumulate___float_for_safety(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """subtle | acc.add_(x).float() updates acc but then returns a float32 copy whenever acc is not already float32, so the result is not acc and has another dtype | differs when: acc=torch.zeros(2, dtype=torch.float64), x=torch.ones(2, dtype=torch.float64) returns a new float32 tensor instead of acc"""
    return acc.add_(x).float()


def wrong__accumulate___sums_into_x(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """subtle | adds acc into x in place and copies x back into acc: acc ends right, but x is overwritten | differs when: acc=torch.ones(2), x=torch.ones(2) leaves x as tensor([2., 2.])"""
    x.add_(acc)
    acc.copy_(x)
    return acc
