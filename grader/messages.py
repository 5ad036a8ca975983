"""Every sentence the learner reads about their code, in one place.

Messages name the file, the function and the cause, show the (shrunk) input that fails, the
expected and the actual value, and what differs first. Values are shown short.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Callable

import torch

from grader import corners, tf_names
from grader.compare import Difference
from grader.sandbox.wire import NDArray, NPScalar, Opaque, Tracked

WIDTH = 400


def show(value: Any, width: int = WIDTH) -> str:
    """A short, readable rendering of a value for a message."""
    text = _show(value)
    text = " ".join(text.split()) if "\n" in text and len(text) > 80 else text
    return shorten(text, width)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters at a boundary between tokens, never inside one."""
    if len(text) <= width:
        return text
    cut = max(text.rfind(mark, 0, width - 4) for mark in (", ", " ", "(", "["))
    return text[: cut if cut > width // 2 else width - 4].rstrip(", ") + " ..."


def _show(value: Any) -> str:
    made = corners.made(value)
    if made is not None:  # an input drawn by the check: how to make it again
        return made
    if isinstance(value, Tracked):
        extra = ", requires_grad=True" if value.requires_grad else ""
        return _show(value.data)[:-1] + extra + ")" if _show(value.data).endswith(")") else _show(
            value.data)
    if isinstance(value, torch.Tensor):
        return _show_tensor(value)
    if isinstance(value, NDArray):
        inner = _show_tensor(value.values) if value.values is not None else "?"
        return f"array({inner.removeprefix('tensor(').removesuffix(')')}, dtype={value.dtype})"
    if isinstance(value, NPScalar):
        return f"np.{value.dtype}({value.value!r})"
    if isinstance(value, Opaque):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {show(v, 120)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)) and not isinstance(value, torch.Size):
        inner = ", ".join(show(v, 120) for v in value[:8]) + (", ..." if len(value) > 8 else "")
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    return repr(value)


def _show_tensor(t: torch.Tensor) -> str:
    notes = []
    if t.dtype not in (torch.float32, torch.int64, torch.bool):
        notes.append(f"dtype={t.dtype}")
    if t.device.type != "cpu":
        notes.append(f"device='{t.device}'")
    if t.requires_grad:
        notes.append("requires_grad=True")
    if t.dim() > 1 and not t.is_contiguous():
        notes.append("non-contiguous")
    if t.dim() >= 3 and 0 < t.numel() <= 24:
        notes.append(f"shape={tuple(t.shape)}")
    if t.device.type == "meta":
        return f"tensor(..., shape={tuple(t.shape)}, {', '.join(notes)})"
    recipe = _recipe(t)
    if recipe is not None:
        extras = [n for n in notes if not n.startswith(("shape=", "dtype="))]
        return recipe + (f"  ({', '.join(extras)})" if extras else "")
    if t.numel() > 24:
        flat = t.detach().flatten()[:6].tolist()
        body = f"shape={tuple(t.shape)}, first values {_round(flat)}"
    elif t.numel() == 0:
        body = f"[], shape={tuple(t.shape)}"
    elif t.dtype == torch.float64 and t.numel() <= 4:  # every digit: a failure may hide there
        body = str(t.detach().cpu().tolist())
    else:
        body = str(_round(t.detach().cpu().tolist()))
    return f"tensor({', '.join([body, *notes])})"


def _recipe(t: torch.Tensor) -> str | None:
    """Code that makes a large tensor again, when it is a constant or a counting tensor."""
    if t.numel() <= 24 or t.is_complex() or t.device.type != "cpu":
        return None
    flat = t.detach().reshape(-1)
    shape = ", ".join(str(n) for n in t.shape)
    dtype = "" if t.dtype in (torch.float32, torch.int64) else f", dtype={t.dtype}"
    first = flat[0].item()
    if bool((flat == flat[0]).all()):
        if first == 0:
            return f"torch.zeros({shape}{dtype})"
        if first == 1:
            return f"torch.ones({shape}{dtype})"
        return f"torch.full(({shape},), {first!r}{dtype})"
    if t.dtype != torch.bool and bool((flat == torch.arange(flat.numel()).to(t.dtype)).all()):
        kind = "." if t.dtype.is_floating_point else ""
        made = f"torch.arange({flat.numel()}{kind}{dtype})"
        return made if t.dim() == 1 else f"{made}.reshape({shape})"
    return None


def _round(values: Any) -> Any:
    if isinstance(values, list):
        return [_round(v) for v in values]
    if isinstance(values, float):
        return float(f"{values:.6g}")
    return values


def call_text(name: str, args: tuple, kwargs: dict[str, Any]) -> str:
    parts = [show(a, 160) for a in args] + [f"{k}={show(v, 160)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def mismatch(name: str, kwargs: dict[str, Any], difference: Difference, got: Any,
             notes: dict[str, str], probe: Callable | None) -> str:
    lines = [f"{name} does not match the reference.",
             f"  input:    {call_text('', (), kwargs)[1:-1] or '(no arguments)'}"]
    if probe is not None and probe.__doc__:
        lines.append(f"  checked:  {probe.__doc__.strip().splitlines()[0]}")
    where = "" if difference.path == "result" else f"{difference.path}: "
    lines.append(f"  {where}{difference.detail}")
    if difference.kind == "type" and difference.got is None and difference.path == "result":
        lines.append("  (did you forget to `return` the result?)")
    if difference.kind in ("values", "shape", "dtype", "device", "type", "value", "length",
                           "keys", "argument", "autograd"):
        lines.append(f"    expected: {show(difference.expected)}")
        lines.append(f"    got:      {show(difference.got)}")
    if difference.kind == "raised" and isinstance(difference.got, dict):
        if difference.got.get("traceback"):
            lines.append("  your traceback:\n" + difference.got["traceback"])
        lines += _tensorflow_hint(difference.got)
    path = difference.path.replace('"', "'")  # repr() quotes a key holding ' with "
    for key, note in notes.items():
        if path.startswith(key.replace('"', "'")):
            lines.append("  " + note)
            break
    if getattr(got, "output", ""):
        lines.append("  your code printed:\n" + textwrap.indent(printed(got.output), "    "))
    return "\n".join(lines)


def raised(name: str, args: tuple, kwargs: dict[str, Any], outcome: Any) -> str:
    error = outcome.error
    text = f"{name} raised {error['type']}: {error['message']}\n  input: {call_text(name, args, kwargs)}"
    if error.get("traceback"):
        text += "\n  your traceback:\n" + error["traceback"]
    return "\n".join([text, *_tensorflow_hint(error)])


def _tensorflow_hint(error: dict[str, Any]) -> list[str]:
    found = tf_names.hint(str(error.get("message", "")))
    return [f"  {found}"] if found else []


def diagnosis(text: str) -> str:
    return "  Likely mistake: " + textwrap.fill(text, 96, subsequent_indent="    ",
                                                break_on_hyphens=False,
                                                break_long_words=False)


def diagnoses(texts: list[str]) -> str:
    """One known mistake that fits, or several that all fit equally well (each is given)."""
    if len(texts) == 1:
        return diagnosis(texts[0])
    lines = ["  Likely mistake: your results fit each of these known mistakes:"]
    for number, text in enumerate(texts, 1):
        lines.append(textwrap.fill(text, 96, initial_indent=f"    {number}. ",
                                   subsequent_indent="       ", break_on_hyphens=False,
                                   break_long_words=False))
    return "\n".join(lines)


def warned(message: str, warnings: list[str]) -> str:
    """The verdict's message with the warnings the learner's own code raised."""
    lines = [message] if message else []
    lines.append("  your code raised warnings (they often point at a real problem):")
    lines += [f"    {text}" for text in warnings]
    return "\n".join(lines)


def memory(name: str, original: Any) -> str:
    """The argument holds the right values, but the memory the caller gave was not written."""
    view = (" (it is a view into a larger buffer, which the caller sees through)"
            if torch.is_tensor(original) and original._base is not None else "")
    return (f"`{name}` ends up holding the right values, but the memory it came with{view} was "
            f"not written as the reference writes it: your code gave `{name}` new memory (with "
            f"`{name}.data = ...` or `{name}.set_(...)`) or wrote somewhere else. Write into the "
            f"existing memory: `{name}.copy_(...)`, an in-place method such as `{name}.add_(...)`,"
            f" or an `out={name}` argument.")


def identity(expected: str | None, got: str | None) -> str:
    if expected and not got:
        return (f"should be the very object passed as `{expected}` (return it), but yours is a "
                "new object")
    if got and not expected:
        return (f"is the argument `{got}` itself; the reference returns a new object, so "
                "changing the result would change your input")
    return f"should be the argument `{expected}` itself, but it is `{got}`"


def sharing(expected: tuple[str, ...], got: tuple[str, ...]) -> str:
    if expected and not got:
        return (f"should share memory with `{', '.join(expected)}` (a view, no copy), but yours "
                "is a copy")
    if got and not expected:
        return (f"shares memory with `{', '.join(got)}`, so a change to one shows in the other; "
                "the reference returns an independent copy")
    return f"should share memory with {list(expected)}, but it shares with {list(got)}"


def not_started(exercise_id: str, display: str) -> str:
    return f"{exercise_id} is not started yet: it still raises NotImplementedError ({display})"


def timed_out(name: str, seconds: float, kwargs: dict[str, Any]) -> str:
    return (f"{name} did not finish within {seconds:g} s and was stopped (an endless loop, or "
            f"far too much work?)\n  input: {call_text('', (), kwargs)[1:-1]}")


_LOG_PREFIX = re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [^\]]*\] ?", re.MULTILINE)
"""The prefix of torch's own log lines (level, date, time, process id, file: line): it differs
from run to run, and says nothing to a learner."""


_PROCESS_ID = re.compile(r"\b(process|pid|PID|Process) \d+\b")
"""Process ids in what code printed ("Terminating process 10841 via signal SIGTERM")."""


def printed(output: str, limit: int = 1000) -> str:
    """What the code printed, as shown in a message: its last whole lines (about ``limit``
    characters), torch's log prefixes left out, so the same code always reads the same."""
    lines = _PROCESS_ID.sub(r"\1 N", _LOG_PREFIX.sub("", output)).rstrip().splitlines()
    kept: list[str] = []
    for line in reversed(lines):
        if kept and sum(len(k) + 1 for k in kept) + len(line) > limit:
            break
        kept.insert(0, line[-limit:])
    return "\n".join(kept)


def died(who: str, target: str, cause: str, output: str, kwargs: dict[str, Any]) -> str:
    text = f"while running {target}, {who} {cause}; the grader stopped it"
    if kwargs:
        text += f"\n  input: {call_text('', (), kwargs)[1:-1]}"
    if output:
        text += "\n  it printed:\n" + textwrap.indent(printed(output), "    ")
    return text


def exited(name: str, error: dict[str, Any], kwargs: dict[str, Any]) -> str:
    text = (f"{name} raised {error['type']}({error['message']}) — code under grading must "
            "return a value, not call sys.exit() or raise KeyboardInterrupt")
    if error.get("traceback"):
        text += "\n  your traceback:\n" + error["traceback"]
    return text


def out_of_memory(name: str, limit: int, kwargs: dict[str, Any]) -> str:
    return (f"{name} ran out of memory (the grader allows {limit / 2**30:.1f} GiB more than "
            f"torch itself needs)\n  input: {call_text('', (), kwargs)[1:-1]}")


def forbidden(display: str, paths: list[str]) -> str:
    return (f"{display} tried to read the grader's reference files ({paths[0]}): the reference "
            "files are off limits; code under grading may not import, open or list the solutions")


def load_failed(display: str, error: dict[str, Any]) -> str:
    if error["type"] in ("SyntaxError", "IndentationError", "TabError"):
        source = f"\n{error['source']}" if error.get("source") else ""
        return (f"{error['message']} — the file cannot be loaded, so none of its exercises "
                f"run{source}")
    if error["type"] == "FileNotFoundError":
        return f"{error['message']} (restore it with `pytorch101 reset`)"
    text = f"{display} fails while loading: {error['type']}: {error['message']}"
    if error["kind"] == "exit":
        text = (f"{display} called sys.exit() or raised {error['type']} while loading; "
                "nothing in it can be graded")
    if error.get("traceback"):
        text += "\n  traceback:\n" + error["traceback"]
    return "\n".join([text, *_tensorflow_hint(error)])
