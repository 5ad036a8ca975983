"""Noticing saves: native file events (watchfiles) or polling, and when to prefer polling.

Whatever wakes us up, what changed is decided by comparing snapshots of the exercise files
(modification time, size, inode), so a missed, duplicated or unrelated event never grades the
wrong thing, and polling is the same code with a timer for a wake-up call. In native mode we also
rescan every ``SAFETY_RESCAN`` seconds, so a save whose event never arrives is still seen.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

SAFETY_RESCAN = 1.0
"""Seconds between rescans when native events are used (a lost event costs at most this)."""
DEFAULT_POLL_INTERVAL = 0.25
"""Seconds between scans when polling."""

NO_EVENTS_FS = {
    "nfs": "an NFS network share", "nfs4": "an NFS network share",
    "cifs": "a Windows/SMB network share", "smb3": "a Windows/SMB network share",
    "smbfs": "a Windows/SMB network share", "9p": "a 9p mount (WSL's Windows drives, VMs)",
    "v9fs": "a 9p mount (WSL's Windows drives, VMs)", "drvfs": "a WSL Windows drive",
    "virtiofs": "a VM or container shared folder", "fakeowner": "a Docker Desktop shared folder",
    "fuse.grpcfuse": "a Docker Desktop shared folder", "fuse.sshfs": "an sshfs mount",
    "vboxsf": "a VirtualBox shared folder", "overlay": "a container (overlay) file system",
}
"""File systems where edits (often made by another machine or the host) send no inotify event."""

Signature = tuple[int, int, int]


def polling_reason(folder: Path, proc: Path = Path("/proc")) -> str | None:
    """Why file events may not arrive for ``folder`` here (so poll), or None when they should."""
    fs_type, mount_point = filesystem_of(folder, proc / "mounts")
    if fs_type in NO_EVENTS_FS:
        return f"{folder} is on {NO_EVENTS_FS[fs_type]} ({fs_type} at {mount_point})"
    try:
        with open(proc / "version", encoding="utf-8", errors="replace") as text:
            version = text.read().lower()
    except OSError:
        version = ""
    resolved = str(folder.resolve())
    if "microsoft" in version and resolved.startswith("/mnt/"):
        return (f"{folder} is on a Windows drive under WSL ({resolved[:6]}...), where Linux does "
                "not hear about saves made by Windows editors")
    return None


def filesystem_of(folder: Path, mounts: Path = Path("/proc/mounts")) -> tuple[str | None, str]:
    """(type, mount point) of the file system holding ``folder``, from /proc/mounts."""
    try:
        with open(mounts, encoding="utf-8", errors="replace") as text:
            lines = text.read().splitlines()
    except OSError:
        return None, ""
    target = str(folder.resolve())
    best: tuple[str | None, str] = (None, "")
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best[1]):
            best = (fields[2], point)
    return best


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces, tabs, newlines and backslashes as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def snapshot(files: Iterable[Path]) -> dict[Path, Signature | None]:
    """Each file's (mtime_ns, size, inode); None for a file that does not exist (yet)."""
    result: dict[Path, Signature | None] = {}
    for path in files:
        try:
            info = path.stat()
        except OSError:
            result[path] = None
        else:
            result[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return result


HALF_WRITTEN_WAIT = 1.0
"""Seconds a saved file may stay empty before it is graded empty (see ``settled``)."""


def settled(files: Iterable[Path], after: dict[Path, Signature | None],
            saved: list[Path], wait: float = HALF_WRITTEN_WAIT) -> dict[Path, Signature | None]:
    """``after``, taken again once no saved file is empty, waiting up to ``wait`` seconds.

    Most editors, and Path.write_text, save by truncating the file, then writing it: a scan in
    between sees an empty file, which would be graded (as an error) and the write then seen as a
    second save. A file still empty after ``wait`` was emptied on purpose.
    """
    deadline = time.monotonic() + wait
    while any((after.get(path) or (0, 1, 0))[1] == 0 for path in saved) and (
            time.monotonic() < deadline):
        time.sleep(0.02)
        after = snapshot(files)
    return after


def changed(before: dict[Path, Signature | None],
            after: dict[Path, Signature | None]) -> list[Path]:
    """Files whose signature differs, in the order of ``after``; deleted files are not saves."""
    return [path for path, sig in after.items() if sig is not None and before.get(path) != sig]


@dataclass
class Watcher:
    """Calls ``wake()`` when a watched file may have changed; the caller rescans on its own clock
    too (every ``timeout`` seconds), which is all that polling is.

    ``poll=True``: no events, only the caller's clock (``interval`` seconds). Otherwise a
    watchfiles thread calls ``wake()`` on every batch of events; the clock stays as a safety net.
    """

    folder: Path
    poll: bool
    interval: float = DEFAULT_POLL_INTERVAL
    wake: Callable[[], None] = lambda: None

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    @property
    def mode(self) -> str:
        return "polling" if self.poll else "file events"

    @property
    def timeout(self) -> float:
        return self.interval if self.poll else SAFETY_RESCAN

    def start(self) -> None:
        if self.poll:
            return
        try:
            import watchfiles  # noqa: F401
        except ImportError:
            self.error = "watchfiles is not installed; polling instead"
            self.poll = True
            return
        self._thread = threading.Thread(target=self._run, name="pytorch101-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import watchfiles

        try:
            for _ in watchfiles.watch(self.folder, stop_event=self._stop, step=20, debounce=400,
                                      watch_filter=_python_source, raise_interrupt=False,
                                      ignore_permission_denied=True):
                self.wake()
        except Exception as exc:  # noqa: BLE001 - fall back to polling, say why
            self.error = f"file events failed ({exc}); polling instead"
            self.poll = True
            self.wake()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)


def _python_source(change: object, path: str) -> bool:
    return path.endswith(".py") and "__pycache__" not in path


def events_arrive(folder: Path, wait: float = 3.0) -> bool | None:
    """Try it: does writing a file in ``folder`` produce an event? None if watchfiles is missing."""
    try:
        import watchfiles
    except ImportError:
        return None
    stop = threading.Event()
    seen = threading.Event()
    started = threading.Event()

    def watch() -> None:
        for changes in watchfiles.watch(folder, stop_event=stop, step=20, yield_on_timeout=True,
                                        rust_timeout=100, raise_interrupt=False):
            started.set()
            if changes:
                seen.set()
                return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    started.wait(wait)
    probe = folder / "probe.py"
    probe.write_text("# pytorch101 doctor: checking that saves are noticed\n", encoding="utf-8")
    result = seen.wait(wait)
    stop.set()
    thread.join(timeout=2)
    probe.unlink(missing_ok=True)
    return result
