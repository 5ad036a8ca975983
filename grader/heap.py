"""The grading process's garbage collector: quiet while torch is imported, blind to it after.

Importing torch and the checks creates millions of long-lived objects and almost no garbage, yet
the collector walks them all again and again meanwhile (six full collections, about half a
second here). A command that grades (``grader.cli.entry``) therefore holds collections back
until the imports are done; then everything imported is frozen (``gc.freeze``: never walked,
never freed) and collections resume. That also keeps each forked worker's collections off the
pages it shares with the grader. Workers are forked only after ``freeze_imports``, so learner
code always runs with the collector on.
"""

from __future__ import annotations

import gc

_held = False
"""Whether ``hold_collections`` turned the collector off (and so may turn it on again)."""


def hold_collections() -> None:
    """No automatic collection until ``freeze_imports`` (explicit ones still run)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def resume_collections() -> None:
    """Undo ``hold_collections`` (a collector someone else turned off stays off)."""
    global _held
    if _held:
        gc.enable()
        _held = False


def freeze_imports() -> bool:
    """Freeze what is alive now and resume automatic collection; True when this call froze
    (then ``thaw`` at the end of the run). A warm grader froze its heap once for the session:
    nothing to do then."""
    resume_collections()
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def thaw() -> None:
    """Undo ``freeze_imports``: the frozen objects can be collected (and freed) again."""
    gc.unfreeze()
