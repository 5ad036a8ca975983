"""What the operating system offers the sandbox, probed rather than assumed, and portable fallbacks.

Linux has everything the sandbox would like: fork, process groups, SIGKILL, an address-space limit
(RLIMIT_AS), a parent-death signal (PR_SET_PDEATHSIG) and /proc. macOS lacks the last three (and
forking after torch is loaded is unsafe there); Windows lacks all of them. Each function here uses
the best mechanism the platform has and says, through its return value, when it had to fall back,
so the grader can say once what this platform cannot do (``limits`` below) without ever blaming the
learner. POSIX-only modules (``resource``) are imported inside the functions that need them.
See ../shared/PLATFORMS.md for the facts, with sources.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass

WINDOWS_ACCESS_VIOLATION = 0xC0000005
"""The exit code of a Windows process that crashed reading or writing memory it does not own."""


@dataclass(frozen=True)
class Exit:
    """How a process ended: killed by ``signal``, or exited with ``code`` (None: not known)."""

    signal: int | None = None
    code: int | None = None

    @classmethod
    def from_wait_status(cls, status: int) -> Exit:
        """From an ``os.waitpid`` status (POSIX)."""
        if os.WIFSIGNALED(status):
            return cls(signal=os.WTERMSIG(status))
        return cls(code=os.WEXITSTATUS(status))

    @classmethod
    def from_returncode(cls, code: int | None) -> Exit:
        """From ``subprocess.Popen.returncode`` (negative: killed by that signal, on POSIX)."""
        if code is None:
            return cls()
        return cls(signal=-code) if code < 0 else cls(code=code)


# -- what can this platform do? -----------------------------------------------------------------
def can_fork() -> bool:
    """``os.fork`` exists and is safe to call in a process that has imported torch.

    macOS has fork, but code run after fork in a process that loaded system frameworks may crash
    there (CPython bpo-33725: multiprocessing defaults to spawn on macOS for this reason).
    """
    return hasattr(os, "fork") and sys.platform != "darwin"


_SETTLED_FORK_SAFETY: bool | None = None
"""The answer of ``settle_fork_safety``, inherited by the processes forked afterwards."""


def settle_fork_safety() -> bool:
    """Probe ``autograd_survives_fork`` once and keep the answer for this process and the ones it
    forks from now on. Only for a process that runs no autograd itself afterwards (watch's warm
    parent, which forks a child per re-grade): the probe's fork costs tens of milliseconds."""
    global _SETTLED_FORK_SAFETY
    _SETTLED_FORK_SAFETY = None
    _SETTLED_FORK_SAFETY = autograd_survives_fork()
    return _SETTLED_FORK_SAFETY


def autograd_survives_fork(timeout: float = 10.0) -> bool:
    """Whether a process forked from this one can run a backward pass.

    Once a process has started autograd's device threads (after torch.compile, for instance, a
    backward pass starts them), its forked children cannot use autograd at all
    (https://github.com/pytorch/pytorch/wiki/Autograd-and-Fork): a notebook that trained a model
    is such a process. Tried for real, in a child that runs one tiny backward pass (or answered
    from ``settle_fork_safety``).
    """
    if _SETTLED_FORK_SAFETY is not None:
        return _SETTLED_FORK_SAFETY
    torch = sys.modules.get("torch")
    if torch is None or not can_fork():
        return True  # nothing has run autograd here, or nothing will be forked from here
    import time

    pid = os.fork()
    if pid == 0:  # the child: one backward pass, then leave without running any cleanup
        code = 1
        try:
            x = torch.ones(1, requires_grad=True)
            (x * 2).sum().backward()
            code = 0
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) == 0
        time.sleep(0.005)
    kill_tree(pid, own_group=False)
    os.waitpid(pid, 0)
    return False


def can_pass_descriptors() -> bool:
    """Open files can be handed to another process over a Unix socket (what forkserver needs)."""
    import socket

    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


def has_process_groups() -> bool:
    return all(hasattr(os, name) for name in ("setsid", "killpg", "getpgid", "getpgrp"))


# -- stopping processes -----------------------------------------------------------------------
def kill_tree(pid: int, own_group: bool) -> None:
    """Kill a process and every process it started, at once and without asking.

    ``own_group``: the process leads its own process group (it called ``setsid``), so one signal
    reaches them all. Elsewhere (Windows, or no group) its descendants are found with psutil and
    killed one by one; a descendant started between the listing and the kill may survive, which
    is why workers also die on their own when the grader goes away (see ``worker._lifeline``).
    """
    if own_group and has_process_groups() and hasattr(signal, "SIGKILL"):
        try:
            os.killpg(pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError):
            return
        except OSError:
            pass
    _kill_with_psutil(pid)


def _kill_with_psutil(pid: int) -> None:
    import psutil

    try:
        process = psutil.Process(pid)
        family = [process, *process.children(recursive=True)]
    except psutil.Error:
        return
    for member in family:
        try:
            member.kill()
        except psutil.Error:
            pass


def end_own_family(code: int = 0) -> None:
    """From inside a process: kill everything it started, then leave at once with ``code``."""
    try:
        if has_process_groups() and hasattr(signal, "SIGKILL") and os.getpgid(0) == os.getpid():
            os.killpg(0, signal.SIGKILL)  # the whole group, this process included
        import psutil

        for child in psutil.Process().children(recursive=True):
            try:
                child.kill()
            except psutil.Error:
                pass
    except Exception:  # noqa: BLE001, S110 - best effort while shutting down
        pass
    os._exit(code)


def describe_exit(exit: Exit | None, broken_code: int) -> str:
    """Plain words for how a worker process ended (``broken_code``: the worker's own failure)."""
    if exit is None or (exit.signal is None and exit.code is None):
        return "stopped unexpectedly"
    if exit.signal is not None:
        name = _signal_name(exit.signal)
        if name == "SIGSEGV":
            return f"crashed with a segmentation fault ({name})"
        if name == "SIGKILL":
            return "was killed (SIGKILL), most likely for using too much memory"
        return f"was killed by signal {name}"
    if exit.code == broken_code:
        return ("broke the grader's worker process (did it replace a function of Python, torch "
                "or the grader that the worker relies on?)")
    if exit.code in (WINDOWS_ACCESS_VIOLATION, WINDOWS_ACCESS_VIOLATION - (1 << 32)):
        return "crashed with a segmentation fault (access violation)"
    return f"exited with status {exit.code} (os._exit or a crash inside a library?)"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return {9: "SIGKILL", 11: "SIGSEGV"}.get(number, str(number))


# -- limits inside a worker ---------------------------------------------------------------------
def address_space() -> int:
    """Bytes of virtual memory this process has mapped now."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        import psutil

        return int(psutil.Process().memory_info().vms)


def limit_address_space(extra: int) -> bool:
    """Cap this process's address space at what it has now plus ``extra`` bytes (RLIMIT_AS).

    False when the platform has no such limit or refuses it (macOS raises ValueError for
    RLIMIT_AS; Windows has no ``resource`` module): the grader then watches the worker's memory
    from outside instead (``host.Worker``).
    """
    try:
        import resource
    except ImportError:
        return False
    try:
        limit = address_space() + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError, AttributeError):
        return False
    return True


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent ends (Linux PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux") or not hasattr(signal, "SIGKILL"):
        return False
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0
    except Exception:  # noqa: BLE001 - unusual C libraries
        return False


def open_descriptors_bound() -> int:
    """One more than the highest file descriptor that may be open in this process."""
    try:
        return max(int(name) for name in os.listdir("/proc/self/fd")) + 1
    except (OSError, ValueError):
        pass
    try:
        return min(int(os.sysconf("SC_OPEN_MAX")), 1 << 16)
    except (AttributeError, ValueError, OSError):
        return 256


def usable_cores() -> int:
    """Cores this process may use: the affinity mask, capped by a cgroup CPU quota."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as limits:
            quota, period = limits.read().split()[:2]
        if quota != "max":
            cores = max(1, min(cores, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return cores


def available_memory() -> int | None:
    """Bytes of memory available to start processes without swapping (None: unknown)."""
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except Exception:  # noqa: BLE001 - unknown is an answer
        return None


def memory_in_use(pid: int) -> int | None:
    """Resident bytes of a process and all its descendants (None when it is gone)."""
    import psutil

    try:
        process = psutil.Process(pid)
        total = process.memory_info().rss
        for child in process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        return None
    return int(total)


# -- a separate user for the learner's code (course graders running as root) -------------------
LEARNER_USER_VARIABLE = "PYTORCH101_LEARNER_USER"
"""When set (by a course's grader running as root, e.g. the Gradescope bundle), learner workers
switch to this unprivileged user before loading the learner's file, so that files the reference
keeps to root (and root's processes) are out of reach even of code that leaves Python."""


class LearnerUserError(Exception):
    """$PYTORCH101_LEARNER_USER names a user the workers cannot become; the message says why."""


@dataclass(frozen=True)
class LearnerUser:
    name: str
    uid: int
    gid: int
    home: str


def learner_user() -> LearnerUser | None:
    """The user $PYTORCH101_LEARNER_USER names (None when unset); LearnerUserError when it cannot
    be used: unknown, root itself, or this process is not root (it could not switch to it)."""
    name = os.environ.get(LEARNER_USER_VARIABLE, "").strip()
    if not name:
        return None
    try:
        import pwd
    except ImportError:
        raise LearnerUserError(f"{LEARNER_USER_VARIABLE}={name}: this platform has no users "
                               "to switch to (POSIX only)") from None
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise LearnerUserError(f"{LEARNER_USER_VARIABLE}={name}: no such user on this "
                               "machine") from None
    if entry.pw_uid == 0:
        raise LearnerUserError(f"{LEARNER_USER_VARIABLE}={name}: that is root; name an "
                               "unprivileged user")
    if os.geteuid() != 0:
        raise LearnerUserError(f"{LEARNER_USER_VARIABLE}={name}: the grader must run as root to "
                               "start workers as another user")
    return LearnerUser(name, entry.pw_uid, entry.pw_gid, entry.pw_dir)


def become(user: LearnerUser) -> None:
    """Switch this process to ``user`` for good (no group, no way back); raises OSError on
    failure. The parent-death signal, cleared by the kernel on a change of credentials, is set
    again."""
    os.setgroups([])
    os.setgid(user.gid)
    os.setuid(user.uid)
    if os.getuid() != user.uid or os.geteuid() != user.uid or os.getegid() != user.gid:
        raise PermissionError(f"could not become user {user.name}")
    for variable in ("USER", "LOGNAME"):
        os.environ[variable] = user.name
    os.environ["HOME"] = user.home
    die_with_parent()


def give_to(path: str, user: LearnerUser) -> None:
    """Make a folder the grader created belong to ``user`` (its scratch folder)."""
    os.chown(path, user.uid, user.gid)
