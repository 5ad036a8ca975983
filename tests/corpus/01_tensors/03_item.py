"""Realistic learner answers for exercises/01_tensors/03_item.py (to_python_number)."""
import torch


# --------------------------------------------------------------------------- right


def right__to_python_number__tolist_of_0d(t: torch.Tensor) -> int | float | bool:
    """alternative | reshapes to 0-d and calls .tolist(), which returns the plain Python scalar for a 0-d tensor"""
    if t.numel() != 1:
        raise ValueError(f"expected exactly one element, got {t.numel()}")
    return t.reshape(()).tolist()


def right__to_python_number__builtin_by_dtype(t: torch.Tensor) -> int | float | bool:
    """alternative | dispatches on the dtype and converts with the builtins bool(), float() or int() instead of .item()"""
    if t.numel() != 1:
        raise ValueError("a tensor of many numbers is no number")
    if t.dtype == torch.bool:
        return bool(t)
    if t.is_floating_point():
        return float(t)
    return int(t)


def right__to_python_number__flatten_index_item(t: torch.Tensor) -> int | float | bool:
    """alternative | flattens, takes element 0 and calls .item() on that 0-d tensor; numel checked first"""
    n = t.numel()
    if n != 1:
        raise ValueError("to_python_number needs a one-element tensor, got %d elements" % n)
    return t.detach().flatten()[0].item()


# --------------------------------------------------------------------------- wrong


def wrong__to_python_number__always_float(t: torch.Tensor) -> int | float | bool:
    """tf-habit | float(x) as on an eager TF tensor: integer and bool tensors come back as Python floats | differs when: t=torch.tensor([[7]]) returns 7.0 (a float) instead of the int 7"""
    if t.numel() != 1:
        raise ValueError("not a single number")
    return float(t)


def wrong__to_python_number__numpy_item(t: torch.Tensor) -> int | float | bool:
    """tf-habit | x.numpy().item() as in TF: .numpy() refuses a tensor that requires grad (RuntimeError) and bfloat16 tensors | differs when: t=torch.tensor(2.5, requires_grad=True) raises RuntimeError instead of returning 2.5"""
    if t.numel() != 1:
        raise ValueError("not a single number")
    return t.numpy().item()


def wrong__to_python_number__runtime_error_passthrough(t: torch.Tensor) -> int | float | bool:
    """subtle | relies on .item() to reject multi-element tensors, but it raises RuntimeError, not the ValueError the docstring asks for | differs when: t=torch.zeros(2) raises RuntimeError instead of ValueError"""
    return t.item()


def wrong__to_python_number__len_check(t: torch.Tensor) -> int | float | bool:
    """subtle | validates with len(t) != 1: len() of a 0-d tensor raises TypeError, and a (1, 3) tensor passes the check then fails inside .item() with RuntimeError | differs when: t=torch.tensor(5) raises TypeError instead of returning 5"""
    if len(t) != 1:
        raise ValueError("expected one element")
    return t.item()


def wrong__to_python_number__greater_than_one_check(t: torch.Tensor) -> int | float | bool:
    """subtle | checks numel() > 1 instead of != 1, so an empty tensor slips through and .item() raises RuntimeError instead of ValueError | differs when: t=torch.zeros(0) raises RuntimeError instead of ValueError"""
    if t.numel() > 1:
        raise ValueError("more than one element")
    return t.item()


def wrong__to_python_number__int_for_non_float(t: torch.Tensor) -> int | float | bool:
    """subtle | splits only float vs 'everything else is int', so a bool tensor comes back as the int 1/0 instead of True/False | differs when: t=torch.tensor(True) returns 1 (int) instead of True (bool)"""
    if t.numel() != 1:
        raise ValueError("expected one element")
    if t.is_floating_point():
        return float(t.item())
    return int(t.item())


def wrong__to_python_number__data_index_zero(t: torch.Tensor) -> int | float | bool:
    """old-api | the pre-0.4 idiom loss.data[0]: on a 0-d tensor it raises IndexError, and on (1,) it returns a 0-d tensor, not a Python number | differs when: t=torch.tensor(3.0) raises IndexError instead of returning 3.0"""
    if t.numel() != 1:
        raise ValueError("expected one element")
    return t.data[0]


def wrong__to_python_number__squeeze_returns_tensor(t: torch.Tensor) -> int | float | bool:
    """beginner | squeezes the tensor down to 0-d and returns it, which is still a tensor, not a Python int/float/bool | differs when: t=torch.tensor([[7]]) returns tensor(7) instead of 7"""
    if t.numel() != 1:
        raise ValueError("expected one element")
    return t.squeeze()
