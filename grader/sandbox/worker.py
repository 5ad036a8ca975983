"""The code that runs inside a worker process, beside the learner's code.

It loads one exercise file, then answers calls: run a function (or a probe on it), encode what it
returned, the arguments after the call and facts about aliasing, and send them back. It never
judges anything: all comparisons happen in the grader's process, out of the learner's reach.
Everything it needs is bound before the learner's file is loaded.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import os
import random
import re
import sys
import traceback
from types import ModuleType
from typing import Any

import torch

from grader.sandbox import wire
from grader.sandbox.spec import SideSpec

_storage_of = torch.Tensor.untyped_storage
_is_tensor = torch.is_tensor
_violations: list[str] = []
_LIBRARY_DIRS = tuple(os.path.join(os.path.realpath(os.path.dirname(m.__file__)), "")
                      for m in (torch, traceback))
_builtins = builtins.__dict__
_original_builtins = tuple(_builtins.items())


def serve(spec: SideSpec, requests: int, replies: int) -> None:
    """Load the side's module, then answer requests until the grader closes the pipe."""
    torch.set_num_threads(spec.threads)
    _guard_processes()
    if spec.forbidden:
        _guard_folders(spec.forbidden)
    module, error = _load(spec)
    _restore_builtins()
    _reply(replies, {"ok": error is None, "error": error, "forbidden": list(_violations)})
    if module is None:
        return
    while True:
        data = _read_message(requests)
        if data is None:
            return
        request = wire.loads_request(data)
        _reply(replies, _answer(module, spec, request))


def _answer(module: ModuleType, spec: SideSpec, request: dict[str, Any]) -> dict[str, Any]:
    target = getattr(module, request["target"], None)
    if target is None:
        return _failure("missing", "NameError",
                        f"{spec.display} has no function or class named {request['target']!r}")
    _seed(request.get("seed"))
    args, kwargs = request["args"], request["kwargs"]
    probe = request.get("probe")
    try:
        value = probe(target, *args, **kwargs) if probe else target(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - everything the learner raises is reported
        _restore_builtins()
        return _raised(exc, spec)
    _restore_builtins()
    roots = {**{f"args[{i}]": a for i, a in enumerate(args)}, **dict(kwargs)}
    reply = {
        "ok": True,
        "value": encode(value),
        "args": [encode(a) for a in args],
        "kwargs": {name: encode(v) for name, v in kwargs.items()},
        "facts": _facts(value, roots),
        "forbidden": list(_violations),
    }
    return reply


def _restore_builtins() -> None:
    """Put back any builtin (``isinstance``, ``len``...) the learner's code replaced.

    The worker's own code runs after the learner's; it must not run on the learner's builtins.
    """
    for name, value in _original_builtins:
        if _builtins.get(name) is not value:
            _builtins[name] = value


def encode(value: Any, depth: int = 0) -> Any:
    """Turn a returned value into something ``torch.load(weights_only=True)`` accepts."""
    if depth > 30:
        return _opaque(value)
    if _is_tensor(value):
        return _encode_tensor(value)
    if value is None or isinstance(value, (bool, int, float, str, torch.dtype, torch.device,
                                           torch.Size)):
        return value
    if isinstance(value, (list, tuple)):
        items = [encode(item, depth + 1) for item in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict) and all(isinstance(k, (str, int)) for k in value):
        return {k: encode(v, depth + 1) for k, v in value.items()}
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray):
        return _encode_ndarray(value, numpy)
    if numpy is not None and isinstance(value, numpy.generic):
        return {"__kata__": "npscalar", "dtype": str(value.dtype), "value": value.item()}
    return _opaque(value)


def _encode_tensor(t: torch.Tensor) -> Any:
    if type(t) is not torch.Tensor and not isinstance(t, torch.nn.Parameter):
        t = t.as_subclass(torch.Tensor)
    if not (t.requires_grad or t.grad is not None or t.grad_fn is not None):
        return t
    grad_fn = type(t.grad_fn).__name__.rstrip("0123456789") if t.grad_fn is not None else None
    grad = _encode_tensor(t.grad) if t.grad is not None else None
    return {"__kata__": "tracked", "data": t.detach().as_subclass(torch.Tensor),
            "requires_grad": t.requires_grad, "is_leaf": t.is_leaf, "grad_fn": grad_fn,
            "grad": grad}


def _encode_ndarray(a: Any, numpy: ModuleType) -> dict[str, Any]:
    try:
        values = torch.from_numpy(numpy.array(a, copy=True))
    except (TypeError, ValueError):
        values = None
    return {"__kata__": "ndarray", "values": values, "dtype": str(a.dtype),
            "shape": list(a.shape)}


def _opaque(value: Any) -> dict[str, Any]:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a learner's __repr__ may raise
        text = "?"
    if len(text) > 200:
        text = text[:200] + "..."
    return {"__kata__": "opaque", "type": type(value).__name__, "text": text}


def _facts(value: Any, roots: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """For each tensor or array in the result: is it an argument, and whose memory it shares."""
    regions = []
    for name, root in roots.items():
        for _, leaf in _leaves(root, name):
            region = _region(leaf)
            if region:
                regions.append((name, leaf, region))
    facts: dict[str, dict[str, Any]] = {}
    for path, leaf in _leaves(value, "result"):
        same = next((name for name, root in roots.items() if root is leaf), None)
        region = _region(leaf)
        shares = sorted({name for name, _, r in regions if region and _overlap(region, r)})
        facts[path] = {"__kata__": "facts", "same_object_as": same, "shares": shares}
    return facts


def _leaves(value: Any, path: str, depth: int = 0) -> list[tuple[str, Any]]:
    if depth > 10:
        return []
    if isinstance(value, (list, tuple)) and not isinstance(value, torch.Size):
        return [leaf for i, item in enumerate(value)
                for leaf in _leaves(item, f"{path}[{i}]", depth + 1)]
    if isinstance(value, dict):
        return [leaf for key, item in value.items()
                for leaf in _leaves(item, f"{path}[{key!r}]", depth + 1)]
    numpy = sys.modules.get("numpy")
    if _is_tensor(value) or (numpy is not None and isinstance(value, numpy.ndarray)):
        return [(path, value)]
    return []


def _region(leaf: Any) -> tuple[int, int] | None:
    if _is_tensor(leaf):
        if leaf.device.type == "meta" or leaf.is_sparse:
            return None
        storage = _storage_of(leaf)
        start, size = storage.data_ptr(), storage.nbytes()
    else:
        import numpy

        start, end = numpy.lib.array_utils.byte_bounds(leaf) if hasattr(
            numpy.lib, "array_utils") else numpy.byte_bounds(leaf)
        size = end - start
    return (start, start + size) if start and size else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _raised(exc: BaseException, spec: SideSpec) -> dict[str, Any]:
    kind = "raised"
    if isinstance(exc, (SystemExit, KeyboardInterrupt, GeneratorExit)):
        kind = "exit"
    elif isinstance(exc, MemoryError) or "can't allocate memory" in str(exc):
        kind = "oom"
    elif isinstance(exc, NotImplementedError) and _raised_by_a_stub(exc):
        kind = "todo"
    return _failure(kind, type(exc).__name__, _message(exc), _learner_traceback(exc, spec))


def _raised_by_a_stub(exc: BaseException) -> bool:
    """A `raise NotImplementedError` statement in user code, not a torch op lacking a kernel.

    torch raises NotImplementedError itself (e.g. ``torch.rand(2, dtype=torch.int64)``): that
    is a mistake in working code, not an unstarted stub, so it must not read as "todo".
    """
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return True
    last = frames[-1]
    in_library = os.path.realpath(last.filename).startswith(_LIBRARY_DIRS)
    return re.search(r"\braise\b", last.line or "") is not None and not in_library


def _failure(kind: str, type_name: str, message: str, trace: str = "",
             line: int | None = None) -> dict[str, Any]:
    return {"ok": False, "forbidden": list(_violations),
            "error": {"kind": kind, "type": type_name, "message": message, "traceback": trace,
                      "line": line}}


def _message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001
        text = "?"
    return text[:2000]


def _learner_traceback(exc: BaseException, spec: SideSpec) -> str:
    """The traceback cut down to the frames in the loaded exercise file(s)."""
    own = {spec.file} | ({spec.override[1]} if spec.override else set())
    lines = []
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in own:
            shown = spec.display if frame.filename == spec.file else os.path.basename(
                frame.filename)
            lines.append(f'  File "{shown}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line}")
    return "\n".join(lines)


def _load(spec: SideSpec) -> tuple[ModuleType | None, dict[str, Any] | None]:
    if not os.path.isfile(spec.file):
        return None, _failure("load", "FileNotFoundError", f"{spec.display} does not exist")["error"]
    name = "kata_" + "".join(c if c.isalnum() else "_" for c in spec.display)
    try:
        module = _exec_file(name, spec.file)
        if spec.override:
            setattr(module, spec.override[0], _resolve(spec.override[1], spec.override[2]))
    except SyntaxError as exc:
        where = f"{spec.display}, line {exc.lineno}"
        return None, _failure("load", "SyntaxError", f"{where}: {exc.msg}", "", exc.lineno)["error"]
    except BaseException as exc:  # noqa: BLE001 - a file may raise anything while loading
        error = _raised(exc, spec)["error"]
        error["kind"] = "exit" if error["kind"] == "exit" else "load"
        return None, error
    return module, None


def _exec_file(name: str, path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _resolve(source: str, qualname: str) -> Any:
    if source.endswith(".py"):
        owner: Any = _exec_file("kata_override_" + str(abs(hash(source))), source)
    else:
        owner = importlib.import_module(source)
    for part in qualname.split("."):
        owner = getattr(owner, part)
    return owner


_PATH_EVENTS = {"open": 1, "os.listdir": 1, "os.scandir": 1, "os.chdir": 1, "os.link": 2,
                "os.rename": 2, "os.symlink": 2, "os.remove": 1, "os.rmdir": 1, "os.mkdir": 1,
                "os.truncate": 1, "os.chmod": 1, "os.chown": 1, "os.utime": 1}
"""Audit events that touch paths, and how many of their first arguments are paths."""
_MEMORY_EVENTS = frozenset({"gc.get_objects", "gc.get_referrers", "gc.get_referents"})
"""A forked worker holds a copy of the grader's memory (garbage included): no searching it."""


def _guard_folders(folders: tuple[str, ...]) -> None:
    """Refuse, and remember, any attempt to open, list or change files in the given folders.

    A path is inside a folder when it, or one of its prefixes, *is* that folder or something in
    it (same device and inode), so symlinks, hard links, ``..`` and relative paths lead nowhere.
    Everything the hook uses is bound here, before the learner's file loads, so replacing
    ``os.path.realpath``, ``os.stat`` or ``builtins.isinstance`` cannot switch it off. (Code that starts another program or calls C
    through ctypes is beyond any in-process guard: run untrusted submissions in a container.)
    """
    stat, getcwd, is_instance = os.stat, os.getcwd, isinstance
    encoding = sys.getfilesystemencoding()
    text_types, events, record = (str, bytes), dict(_PATH_EVENTS), _violations.append
    roots = _inodes(folders)
    ancestors = sorted({a for f in folders for a in _ancestors(os.path.abspath(f))})

    def inside(path: str, bases: tuple[str, ...]) -> bool:
        for base in bases:
            full = path if path.startswith("/") else base.rstrip("/") + "/" + path
            while full:
                try:
                    info = stat(full)
                    if (info.st_dev, info.st_ino) in roots:
                        return True
                except (OSError, ValueError):
                    pass
                head, _, tail = full.rstrip("/").rpartition("/")
                if not tail:
                    break
                full = head or "/"
            if path.startswith("/"):
                break
        return False

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event in _MEMORY_EVENTS:
            raise PermissionError(f"code under grading may not search the grader's memory "
                                  f"({event})")
        count = events.get(event)
        if not count:
            return
        for arg in args[:count]:
            if not is_instance(arg, text_types):
                continue
            path = arg.decode(encoding, "surrogateescape") if is_instance(arg, bytes) else arg
            # A relative path may be resolved against a dir_fd we cannot see: try the
            # working folder and every folder above a guarded one.
            if inside(path, (getcwd(), *ancestors)):
                record(path)
                raise PermissionError(f"the grader's reference files are off limits: {path}")

    sys.addaudithook(hook)


def _inodes(folders: tuple[str, ...], limit: int = 50_000) -> set[tuple[int, int]]:
    """(device, inode) of each folder and of everything inside it."""
    found: set[tuple[int, int]] = set()
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            for name in ["", *dirs, *files]:
                try:
                    info = os.stat(os.path.join(top, name), follow_symlinks=False)
                except OSError:
                    continue
                found.add((info.st_dev, info.st_ino))
            if len(found) > limit:
                return found
    return found


def _ancestors(path: str) -> list[str]:
    found = []
    while True:
        parent = os.path.dirname(path)
        if parent == path:
            return found
        found.append(parent)
        path = parent


def _guard_processes() -> None:
    """Keep what runs here inside its own process group, and tie its children's lives to it.

    Signals may only go to processes of the worker's own group (its DataLoader workers, say),
    never to the grader; every process forked from here is killed when its parent dies, even if
    it left the group (``os.setsid()``), so nothing outlives the worker.
    """
    group = os.getpgrp()

    def in_group(pid: int) -> bool:
        if pid in (0, os.getpid()):
            return True
        try:
            return os.getpgid(abs(pid)) == group if pid > 0 else -pid == group
        except OSError:
            return False

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "os.kill" and not in_group(int(args[0])):
            raise PermissionError("code under grading may only signal its own processes")
        if event == "os.killpg" and int(args[0]) not in (0, group):
            raise PermissionError("code under grading may only signal its own processes")

    sys.addaudithook(hook)
    os.register_at_fork(after_in_child=_die_with_parent)


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent ends (prctl PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)
        except Exception:  # noqa: BLE001, S110 - best effort on unusual systems
            pass


def _seed(seed: int | None) -> None:
    if seed is None:
        return
    torch.manual_seed(seed)
    random.seed(seed)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(seed)


def _reply(fd: int, message: dict[str, Any]) -> None:
    try:
        payload = wire.dumps_reply(message)
    except Exception as exc:  # noqa: BLE001 - e.g. a tensor subclass torch cannot save
        payload = wire.dumps_reply(_failure("unsendable", type(exc).__name__,
                                            f"the result could not be sent back: {exc}"))
    wire.send(fd, payload)


def _read_message(fd: int) -> bytes | None:
    header = _read_exact(fd, wire.HEADER.size)
    if header is None:
        return None
    (size,) = wire.HEADER.unpack(header)
    return _read_exact(fd, size)


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks, remaining = [], size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def main() -> None:
    """Entry point of a spawned (not forked) worker: ``python -m grader.sandbox.worker R W``."""
    requests, replies = int(sys.argv[1]), int(sys.argv[2])
    data = _read_message(requests)
    if data is None:
        return
    serve(wire.loads_request(data), requests, replies)


if __name__ == "__main__":
    main()
