"""Make this Linux machine look, to the grader's own code, like Windows or macOS.

Active when $PYTORCH101_SIMULATE is ``windows`` or ``macos`` and this folder is on PYTHONPATH
(Python imports ``sitecustomize`` at start-up, in the grading process and in every worker it
spawns). Only modules of the ``grader`` package see the difference; libraries keep working as they
do on their own platforms (psutil, subprocess and torch have their own Windows and macOS code).

- windows: the POSIX-only modules (resource, termios, tty, fcntl, pwd, grp, pty) cannot be
  imported; ``os`` has no fork, setsid, killpg, process groups or wait-status macros; ``signal``
  has no SIGKILL, SIGALRM, alarm or setitimer; ``select.select`` refuses anything but sockets;
  there is no PR_SET_PDEATHSIG.
- macos: ``resource.setrlimit(RLIMIT_AS, ...)`` raises ValueError; /proc and /sys cannot be read;
  there is no PR_SET_PDEATHSIG.
"""

import builtins
import importlib.abc
import importlib.machinery
import os
import stat
import sys
import types

PLATFORM = os.environ.get("PYTORCH101_SIMULATE", "")
BLOCKED = {"windows": {"resource", "termios", "tty", "fcntl", "pwd", "grp", "pty"}}.get(PLATFORM,
                                                                                    set())
HIDDEN = {
    "windows": {
        "os": {"fork", "forkpty", "setsid", "setpgid", "setpgrp", "getpgid", "getpgrp", "killpg",
               "register_at_fork", "WIFSIGNALED", "WTERMSIG", "WEXITSTATUS", "WNOHANG",
               "sched_getaffinity", "getuid", "geteuid", "getppid_", "wait4", "getloadavg"},
        "signal": {"SIGKILL", "SIGALRM", "alarm", "setitimer", "getitimer", "SIGCHLD", "SIGHUP",
                   "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGPIPE", "pthread_kill", "SIGSTOP",
                   "SIGCONT"},
    },
}.get(PLATFORM, {})
UNREADABLE = ("/proc", "/sys") if PLATFORM == "macos" else ()


def _from_grader(globals_: dict | None) -> bool:
    name = (globals_ or {}).get("__name__", "")
    return name == "grader" or name.startswith("grader.")


def _proxy(module: types.ModuleType, hidden: set, extra: dict) -> types.ModuleType:
    view = types.ModuleType(module.__name__)

    def __getattr__(name: str):
        if name in hidden:
            raise AttributeError(f"module {module.__name__!r} has no attribute {name!r} "
                                 f"(simulated {PLATFORM})")
        if name in extra:
            return extra[name]
        return getattr(module, name)

    view.__getattr__ = __getattr__  # type: ignore[method-assign]
    view.__dir__ = lambda: [n for n in dir(module) if n not in hidden]  # type: ignore[method-assign]
    return view


def _refuse_path(path) -> None:
    text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
    if UNREADABLE and text.startswith(UNREADABLE):
        raise FileNotFoundError(2, f"No such file or directory (simulated {PLATFORM})", text)


def _guarded(function):
    def call(path, *args, **kwargs):
        _refuse_path(path)
        return function(path, *args, **kwargs)
    return call


def _views() -> dict:
    views = {}
    os_extra = {name: _guarded(getattr(os, name)) for name in ("listdir", "scandir", "stat",
                                                                 "open")} if UNREADABLE else {}
    views["os"] = _proxy(os, HIDDEN.get("os", set()), os_extra)
    import signal

    views["signal"] = _proxy(signal, HIDDEN.get("signal", set()), {})
    if PLATFORM == "windows":
        import select as real_select

        def select(rlist, wlist, xlist, timeout=None):
            for item in (*rlist, *wlist, *xlist):
                fd = item if isinstance(item, int) else item.fileno()
                if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                    raise OSError(10038, "An operation was attempted on something that is not "
                                         "a socket (simulated windows)")
            return real_select.select(rlist, wlist, xlist, timeout)

        views["select"] = _proxy(real_select, set(), {"select": select})
    if PLATFORM == "macos":
        import resource

        def setrlimit(which, limits):
            if which == resource.RLIMIT_AS:
                raise ValueError("current limit exceeds maximum limit (simulated macos)")
            return resource.setrlimit(which, limits)

        views["resource"] = _proxy(resource, set(), {"setrlimit": setrlimit})
    return views


def _install() -> None:
    views = _views()
    real_import = builtins.__import__

    def simulated_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and _from_grader(globals):
            top = name.partition(".")[0]
            if top in BLOCKED:
                raise ModuleNotFoundError(f"No module named {name!r} (simulated {PLATFORM})",
                                          name=name)
            if name in views:
                return views[name]
        return real_import(name, globals, locals, fromlist, level)

    builtins.__import__ = simulated_import
    sys.meta_path.insert(0, _GraderPatcher())


class _GraderPatcher(importlib.abc.MetaPathFinder):
    """Gives grader modules an ``open`` that cannot read /proc (macos) and takes away the
    parent-death signal (neither platform has one)."""

    def find_spec(self, name, path=None, target=None):
        if not (name == "grader" or name.startswith("grader.")):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _PatchingLoader(spec.loader)
        return spec


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        if UNREADABLE:
            module.__dict__["open"] = _guarded(builtins.open)
        self.loader.exec_module(module)
        if module.__name__ == "grader.sandbox.system":
            module.die_with_parent = lambda: False

    def __getattr__(self, name):
        return getattr(self.loader, name)


if PLATFORM in ("windows", "macos"):
    _install()
