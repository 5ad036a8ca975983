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
import queue
import random
import re
import sys
import threading
import traceback
import warnings
from types import ModuleType
from typing import Any

import torch

from grader.sandbox import system, wire
from grader.sandbox.spec import SideSpec

_storage_of = torch.Tensor.untyped_storage
_is_tensor = torch.is_tensor
_violations: list[str] = []
_LIBRARY_DIRS = tuple(os.path.join(os.path.realpath(os.path.dirname(m.__file__)), "")
                      for m in (torch, traceback))
_builtins = builtins.__dict__
_original_builtins = tuple(_builtins.items())


BROKEN = 70
"""Exit status of a worker whose own code failed (EX_SOFTWARE), as opposed to learner code."""


def serve(requests: int, replies: int) -> None:
    """The life of a worker once its pipes are in place: take the side it is sent, import what
    that side needs and say it is ready, load its file, then answer calls until the grader
    closes the request pipe (or dies).

    A trusted worker (the reference's) may be sent more sides to load later, each under its own
    key: the reference files of other exercises, the known mistakes. A learner's worker only
    ever holds the one file it was started for.
    """
    os.environ["PYTORCH101_WORKER"] = "1"  # grader.notebook.check() does nothing in a worker
    inbox = _lifeline(requests)
    first = wire.loads_request(inbox.get())
    spec: SideSpec = first["spec"]
    preload(spec.preload)
    _send(replies, {"ready": True})
    memory_guard = None
    if spec.memory_limit:
        memory_guard = "rlimit" if system.limit_address_space(spec.memory_limit) else "watchdog"
    torch.set_num_threads(spec.threads)
    _guard_processes()
    if spec.forbidden:
        _guard_folders(spec.forbidden)
    if spec.role == "learner":
        _become_learner_user()
    sides: dict[str, tuple[ModuleType, SideSpec]] = {}
    _send(replies, {**_load_side(sides, first), "memory_guard": memory_guard})
    while True:
        request = wire.loads_request(inbox.get())
        if "spec" in request and spec.role != "learner":
            reply = _load_side(sides, request)
        else:
            module, side_spec = sides.get(request.get("side", first["key"]), (None, spec))
            reply = (_answer(module, side_spec, request) if module is not None else
                     _failure("missing", "LookupError", f"{side_spec.display} is not loaded"))
            reply["marked"] = _mark_output(request.get("marker"))
        _send(replies, reply)


def _become_learner_user() -> None:
    """Where the grader asks for it ($PYTORCH101_LEARNER_USER, a course grader running as root),
    switch to that unprivileged user for good before the learner's file loads: files kept to
    root (the reference) and root's processes are then out of reach even of code that leaves
    Python. Any failure ends the worker (the grader checked the user before it started)."""
    user = system.learner_user()
    if user is not None:
        system.become(user)


def _load_side(sides: dict[str, tuple[ModuleType, SideSpec]],
               request: dict[str, Any]) -> dict[str, Any]:
    """Load one side's file (``request["spec"]``) under ``request["key"]``; the load report."""
    spec: SideSpec = request["spec"]
    preload(spec.preload)
    module, error = _load(spec)
    _restore_builtins()
    if module is not None:
        sides[request["key"]] = (module, spec)
    return {"ok": error is None, "error": error, "forbidden": list(_violations),
            "marked": _mark_output(request.get("marker"))}


def preload(modules: tuple[str, ...]) -> None:
    """Import modules the code will need (no-op for those a forked worker inherited)."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _lifeline(requests: int) -> "queue.Queue[bytes]":
    """Read requests in a thread, so that the grader's end closing is noticed at any time.

    When the grader closes the pipe (it is done with this worker, or it died), the worker and
    everything it started end at once, even in the middle of the learner's endless loop. This is
    what ties a worker's life to the grader's on every platform (Linux adds PR_SET_PDEATHSIG).
    """
    inbox: queue.Queue[bytes] = queue.Queue()

    def read() -> None:
        while True:
            data = _read_message(requests)
            if data is None:
                system.end_own_family(0)
            inbox.put(data)

    threading.Thread(target=read, name="pytorch101-lifeline", daemon=True).start()
    return inbox


def _mark_output(marker: str | None) -> bool:
    """Flush what the code printed, then write ``marker``: the grader reads the output up to it,
    so every byte printed during a call is shown with that call, and nothing later is."""
    if not marker:
        return False
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001, S110 - the learner may have closed or replaced it
            pass
    try:
        _write_all(2, marker.encode("ascii"))
    except OSError:
        return False
    return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _send(fd: int, message: dict[str, Any]) -> None:
    try:
        payload = wire.dumps_reply(message)
    except Exception as exc:  # noqa: BLE001 - e.g. a tensor subclass torch cannot save
        payload = wire.dumps_reply(_failure("unsendable", type(exc).__name__,
                                            f"the result could not be sent back: {exc}"))
    wire.send(fd, payload)


def _answer(module: ModuleType, spec: SideSpec, request: dict[str, Any]) -> dict[str, Any]:
    target = getattr(module, request["target"], None)
    if target is None:
        return _failure("missing", "NameError",
                        f"{spec.display} has no function or class named {request['target']!r}")
    _seed(request.get("seed"))
    args, kwargs = request["args"], request["kwargs"]
    probe = request.get("probe")
    memories = {name: _memory_of(v) for name, v in kwargs.items() if _is_tensor(v)}
    state = _global_state()
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        try:
            value = probe(target, *args, **kwargs) if probe else target(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - everything the learner raises is reported
            _restore_builtins()
            return _raised(exc, spec)
        finally:
            if spec.role != "learner":  # one trusted worker serves many calls of many sides
                _restore_global_state(state)
    _restore_builtins()
    roots = {**{f"args[{i}]": a for i, a in enumerate(args)}, **dict(kwargs)}
    reply = {
        "ok": True,
        "value": encode(value),
        "args": [encode(a) for a in args],
        "kwargs": {name: encode(v) for name, v in kwargs.items()},
        "facts": _facts(value, roots),
        "memory": {name: _read_memory(found) for name, found in memories.items() if found},
        "warnings": _own_warnings(warned, spec),
        "forbidden": list(_violations),
    }
    return reply


def _own_warnings(warned: list[warnings.WarningMessage], spec: SideSpec) -> list[str]:
    """The warnings raised from the loaded file's own lines (its code's, not the grader's)."""
    own = {spec.file} | ({spec.override[1]} if spec.override else set())
    found = [f"{w.category.__name__}: {w.message} ({spec.display}, line {w.lineno})"
             for w in warned if w.filename in own]
    return list(dict.fromkeys(found))[:5]


MEMORY_LIMIT = 1 << 20
"""Bytes of an argument's memory sent back to be compared (larger buffers are not)."""


def _memory_of(t: torch.Tensor) -> tuple[Any, torch.dtype] | None:
    """The storage a tensor argument had before the call (the memory the caller owns)."""
    if t.device.type == "meta" or t.is_sparse or t.dtype.is_complex:
        return None
    storage = _storage_of(t)
    if storage.nbytes() > MEMORY_LIMIT or storage.nbytes() % t.element_size():
        return None
    return storage, t.dtype


def _read_memory(found: tuple[Any, torch.dtype]) -> torch.Tensor:
    """What that memory holds after the call, as one flat tensor of the argument's dtype: an
    argument updated "in place" by giving it new memory (``x.data = ...``) leaves it unwritten."""
    storage, dtype = found
    return torch.empty(0, dtype=dtype).set_(storage.cpu() if storage.device.type != "cpu"
                                            else storage).clone()


def _global_state() -> tuple[bool, torch.dtype, bool]:
    return (torch.is_grad_enabled(), torch.get_default_dtype(),
            torch.are_deterministic_algorithms_enabled())


def _restore_global_state(state: tuple[bool, torch.dtype, bool]) -> None:
    """Undo what a call of trusted code (a known mistake, say) left switched in torch's global
    state, so the next call in the same worker starts as if in a fresh one."""
    grad, dtype, deterministic = state
    torch.set_grad_enabled(grad)
    torch.set_default_dtype(dtype)
    torch.use_deterministic_algorithms(deterministic)


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
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.generic):  # np.float64 is a float too
        return {"__kata__": "npscalar", "dtype": str(value.dtype), "value": value.item()}
    if value is None or type(value) in (bool, int, float, str) or isinstance(
            value, (torch.dtype, torch.device, torch.Size)):
        return value
    if isinstance(value, (list, tuple)):
        items = [encode(item, depth + 1) for item in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict) and all(isinstance(k, (str, int)) for k in value):
        return {k: encode(v, depth + 1) for k, v in value.items()}
    if numpy is not None and isinstance(value, numpy.ndarray):
        return _encode_ndarray(value, numpy)
    return _opaque(value)


def _encode_tensor(t: torch.Tensor) -> Any:
    if type(t) is not torch.Tensor and not isinstance(t, torch.nn.Parameter):
        t = t.as_subclass(torch.Tensor)
    # A non-leaf's .grad is None unless it retains it (reading it otherwise warns, and the
    # warning would read as the learner's output)
    held = t.grad if t.is_leaf or t.retains_grad else None
    if not (t.requires_grad or held is not None or t.grad_fn is not None):
        return t
    grad_fn = type(t.grad_fn).__name__.rstrip("0123456789") if t.grad_fn is not None else None
    grad = _encode_tensor(held) if held is not None else None
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
    failure = _failure(kind, type(exc).__name__, _message(exc), _learner_traceback(exc, spec))
    failure["error"]["classes"] = [cls.__name__ for cls in type(exc).__mro__
                                   if issubclass(cls, BaseException)]
    return failure


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


_NO_CUDA = re.compile(r"Found no NVIDIA driver|Cannot re-initialize CUDA in forked subprocess|"
                      r"Torch not compiled with CUDA enabled|No CUDA GPUs are available|"
                      r"CUDA driver initialization failed")
"""torch's ways of saying that CUDA cannot start, which differ with the platform and with how
the worker was started (forked or not): one sentence stands for all of them."""
NO_CUDA_MESSAGE = ("CUDA is not available in the grader's worker process: a CUDA call in your "
                   "code went past the check's stand-in for a GPU to torch's real CUDA runtime")


def _message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001
        text = "?"
    if _NO_CUDA.search(text):
        return NO_CUDA_MESSAGE
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
    try:
        module = _exec_file(spec.file)
        if spec.override:
            setattr(module, spec.override[0], _resolve(spec.override[1], spec.override[2]))
    except SyntaxError as exc:
        where = f"{spec.display}, line {exc.lineno}"
        error = _failure("load", type(exc).__name__, f"{where}: {exc.msg}", "", exc.lineno)
        error["error"]["source"] = _caret(exc)
        return None, error["error"]
    except BaseException as exc:  # noqa: BLE001 - a file may raise anything while loading
        error = _raised(exc, spec)["error"]
        error["kind"] = "exit" if error["kind"] == "exit" else "load"
        return None, error
    return module, None


def _caret(exc: SyntaxError) -> str:
    """The offending source line with a caret under the place Python stopped at."""
    line = (exc.text or "").rstrip("\n")
    if not line.strip():
        return ""
    stripped = line.lstrip()
    column = max((exc.offset or 1) - 1 - (len(line) - len(stripped)), 0)
    return f"    {stripped}\n    {' ' * min(column, len(stripped))}^"


def _exec_file(path: str) -> ModuleType:
    """Run a file as a module named after it (``04_inplace``), its folder appended to sys.path,
    so that processes the code starts with spawn or forkserver (DDP, DataLoader workers) can
    import it by that name and unpickle its functions, as they would in a learner's own script."""
    name = os.path.splitext(os.path.basename(path))[0]
    if name in sys.modules or not name.replace("_", "").isalnum():
        name = "kata_" + "".join(c if c.isalnum() else "_" for c in path)
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.append(folder)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _resolve(source: str, qualname: str) -> Any:
    if source.endswith(".py"):
        owner: Any = _exec_file(source)
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
    ``os.path.realpath``, ``os.stat`` or ``builtins.isinstance`` cannot switch it off. (Code that
    starts another program or calls C through ctypes is beyond any in-process guard: run
    untrusted submissions in a container.)
    """
    stat, getcwd, is_instance = os.stat, os.getcwd, isinstance
    encoding = sys.getfilesystemencoding()
    text_types, events, record = (str, bytes), dict(_PATH_EVENTS), _violations.append
    roots = _inodes(folders)
    ancestors = sorted({a for f in folders for a in _ancestors(os.path.abspath(f))})
    seps = PATH_SEPARATORS
    joined = "".join(seps)

    def inside(path: str, bases: tuple[str, ...]) -> bool:
        absolute = is_absolute(path, seps)
        for base in bases:
            full = path if absolute else base.rstrip(joined) + seps[0] + path
            for prefix in lineage(full, seps):
                try:
                    info = stat(prefix)
                    if (info.st_dev, info.st_ino) in roots:
                        return True
                except (OSError, ValueError):
                    pass
            if absolute:
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


PATH_SEPARATORS = ("\\", "/") if os.name == "nt" else ("/",)
"""The characters that separate path parts here (the first is the one to join with)."""


def is_absolute(path: str, seps: tuple[str, ...]) -> bool:
    """Whether a path names the same place whatever the working folder is.

    POSIX: it starts with ``/``. Windows: a drive and a separator (``C:\\x``), a UNC share
    (``\\\\server\\share``), or a separator alone (the current drive's root). String methods only:
    nothing a learner's code could have replaced.
    """
    if path.startswith(seps):
        return True
    return len(seps) > 1 and len(path) >= 3 and path[1] == ":" and path[2] in seps


def lineage(path: str, seps: tuple[str, ...]) -> list[str]:
    """The path, then each folder above it, up to its root: ``/a/b`` -> ``/a/b, /a, /``.

    Windows roots keep their drive (``C:\\``) or share (``\\\\server\\share\\``).
    """
    for other in seps[1:]:
        path = path.replace(other, seps[0])
    root = path[:_root_length(path, seps)]
    parts = [part for part in path[len(root):].split(seps[0]) if part]
    found = [root + seps[0].join(parts[:n]) for n in range(len(parts), 0, -1)]
    return found + [root] if root else found


def _root_length(path: str, seps: tuple[str, ...]) -> int:
    """How many leading characters of ``path`` are its root (0 for a relative path)."""
    if len(seps) > 1:
        if len(path) >= 3 and path[1] == ":" and path[2] in seps:
            return 3
        if path[:2] in ("\\\\", "//"):
            parts = [i for i, c in enumerate(path) if c in seps]
            return parts[3] + 1 if len(parts) > 3 else len(path)
    return 1 if path.startswith(seps) else 0


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
    """Let the code signal only its own processes, and tie its children's lives to the worker.

    With process groups (POSIX), signals may only go to processes of the worker's own group (its
    DataLoader workers, say); without them (Windows), only to the worker's own descendants. Never
    to the grader. On Linux every process forked from here is killed when its parent dies, even
    if it left the group (``os.setsid()``), so nothing outlives the worker.
    """
    getpid = os.getpid
    if system.has_process_groups():
        group, getpgid = os.getpgrp(), os.getpgid

        def allowed(pid: int) -> bool:
            if pid in (0, getpid()):
                return True
            try:
                return getpgid(abs(pid)) == group if pid > 0 else -pid == group
            except OSError:
                return False
    else:
        def allowed(pid: int) -> bool:
            return pid in (0, getpid()) or pid in _descendants()

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event in ("os.kill", "os.killpg") and not allowed(int(args[0]) if event == "os.kill"
                                                           else -abs(int(args[0]))):
            raise PermissionError("code under grading may only signal its own processes")

    sys.addaudithook(hook)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=system.die_with_parent)


def _descendants() -> set[int]:
    try:
        import psutil

        return {child.pid for child in psutil.Process().children(recursive=True)}
    except Exception:  # noqa: BLE001 - no psutil, or the process table is unreadable
        return set()


def _seed(seed: int | None) -> None:
    if seed is None:
        return
    torch.manual_seed(seed)
    random.seed(seed)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(seed)


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


def run_in_child(requests: int, replies: int, output: int, keep: tuple[int, ...] = ()) -> None:
    """Become a worker in a freshly forked process (the fork and forkserver backends), then serve.

    Its own session and process group, quiet signals, stdin from the null device, stdout and
    stderr into the output pipe, no descriptor inherited from the parent but its own pipes.
    Never returns: the process ends here, whatever the code it loads does.
    """
    code = 0
    try:
        _become_worker(output)
        _close_inherited(keep=(requests, replies, *keep))
        serve(requests, replies)
    except BaseException:  # noqa: BLE001 - a worker must never return into its parent's code
        code = BROKEN
    finally:
        _flush_quietly()
        os._exit(code)


def _become_worker(output: int) -> None:
    _neutral_main()
    if hasattr(os, "setsid"):
        os.setsid()
    import signal

    if hasattr(signal, "alarm"):
        signal.alarm(0)
    for name in ("SIGINT", "SIGTERM", "SIGALRM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    system.die_with_parent()
    redirect_standard_streams(output)


def redirect_standard_streams(output: int) -> None:
    """stdin from the null device; stdout and stderr, of Python and of C code alike, to ``output``."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(output, 1)
    os.dup2(output, 2)
    if output > 2:
        os.close(output)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", buffering=1, closefd=False, encoding="utf-8",  # noqa: SIM115
                      errors="backslashreplace")
    sys.stderr = open(2, "w", buffering=1, closefd=False, encoding="utf-8",  # noqa: SIM115
                      errors="backslashreplace")


def _neutral_main() -> None:
    """Give this forked worker an empty ``__main__``.

    A process the learner's code starts with "spawn" (``mp.spawn``, DataLoader workers on macOS
    and Windows) first re-imports its parent's ``__main__``. In a worker forked from the grader
    that is the grader's own entry point (``python -m grader``, pytest, an instructor's script
    without a ``__name__ == "__main__"`` guard), which would then run again in every child.
    """
    sys.modules["__main__"] = ModuleType("__main__")


def _close_inherited(keep: tuple[int, ...]) -> None:
    """Close every file descriptor the fork copied from the parent except 0-2 and ``keep``.

    The grader holds pipes to other workers (the reference's among them) and files of its own;
    code under grading must not be able to read, write or hold them open.
    """
    low = 3
    for fd in sorted(set(keep)):
        if fd >= low:
            os.closerange(low, fd)
            low = fd + 1
    os.closerange(low, system.open_descriptors_bound())


def _flush_quietly() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001, S110
            pass
