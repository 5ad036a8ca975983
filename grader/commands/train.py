"""``pytorch101 train mnist|cifar10``: train with the learner's code end to end (see grader.train)."""

from grader.train import add_arguments, run

__all__ = ["add_arguments", "run"]
