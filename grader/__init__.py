"""PyTorch101 kata grader: differential, property-based grading of learner exercises.

Learner code runs only in sandboxed worker processes (``grader.sandbox``); the grading process
compares what comes back, so nothing in a learner's file can change a verdict.

``from grader import check`` then ``check(add_into)`` grades a function or class defined in a
notebook or a script (``grader.notebook``). Importing ``grader`` stays light: ``check`` is
imported on first use, and torch only when a check runs.
"""

import os

# Ask torch to check CUDA through NVML so that probing availability does not make forked
# workers unable to use CUDA (must be set before torch is imported).
os.environ.setdefault("PYTORCH_NVML_BASED_CUDA_CHECK", "1")

__version__ = "0.1.0"


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """``grader.check``, imported on first use (PEP 562), so ``import grader`` stays light."""
    if name == "check":
        from grader.notebook import check

        return check
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
