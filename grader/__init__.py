"""PyTorch101 kata grader: differential, property-based grading of learner exercises.

Learner code runs only in sandboxed worker processes (``grader.sandbox``); the grading process
compares what comes back, so nothing in a learner's file can change a verdict.
"""

import os

# Ask torch to check CUDA through NVML so that probing availability does not make forked
# workers unable to use CUDA (must be set before torch is imported).
os.environ.setdefault("PYTORCH_NVML_BASED_CUDA_CHECK", "1")

__version__ = "0.1.0"
