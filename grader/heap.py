"""The grading process's garbage collector: quiet while torch and the checks are imported.

Importing them creates millions of long-lived objects and almost no garbage, yet the collector
walks them all again and again meanwhile (six full collections, about half a second here). A
command that grades (``grader.cli.entry``) therefore holds automatic collections back until the
imports are done; the plugin resumes them before any worker is forked, so learner code always
runs with the collector on.

Freezing the imports as well (``gc.freeze``) was tried and is not done: with torch 2.6 on Python
3.10 it made the process-starting checks of a full check unreliable (the reference's
DistributedDataParallel ranks, forked from the run's long-lived trusted worker, hung; later
``run_rank`` failed in one run of two).
"""

from __future__ import annotations

import gc

_held = False
"""Whether ``hold_collections`` turned the collector off (and so may turn it on again)."""


def hold_collections() -> None:
    """No automatic collection until ``resume_collections`` (explicit ones still run)."""
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
