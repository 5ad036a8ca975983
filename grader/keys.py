"""Single key presses from the terminal, without Enter, on POSIX terminals and Windows consoles.

A daemon thread reads the keys and hands each batch to a callback, so the program never has to
wait on stdin itself (``select`` cannot wait on a console or a pipe on Windows). POSIX: the
terminal is put in cbreak mode (``termios``/``tty``, imported here only) and restored on exit.
Windows: ``msvcrt.kbhit``/``getwch`` read the console, which needs no mode change.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from typing import Callable, Iterator

END_OF_INPUT = "\x04"
"""What the callback receives when the terminal goes away (as if Ctrl-D was pressed)."""


@contextlib.contextmanager
def reading(on_keys: Callable[[str], None]) -> Iterator[None]:
    """Call ``on_keys(text)`` from a thread for every key press while the block runs."""
    try:
        import msvcrt
    except ImportError:
        msvcrt = None
    if msvcrt is not None:
        _start(_console_keys, msvcrt, on_keys)
        yield
        return
    import termios
    import tty

    saved = termios.tcgetattr(0)
    try:
        tty.setcbreak(0)
        _start(_terminal_keys, None, on_keys)
        yield
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, saved)


def _start(target: Callable, module: object, on_keys: Callable[[str], None]) -> None:
    threading.Thread(target=target, args=(module, on_keys), name="pytorch101-keys",
                     daemon=True).start()


def _terminal_keys(_: object, on_keys: Callable[[str], None]) -> None:
    while True:
        try:
            data = os.read(0, 32)
        except OSError:
            data = b""
        on_keys(data.decode("utf-8", "replace") or END_OF_INPUT)
        if not data:
            return


def _console_keys(msvcrt, on_keys: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
    while True:
        if msvcrt.kbhit():
            on_keys(msvcrt.getwch())
        else:
            time.sleep(0.03)
