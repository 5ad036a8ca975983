"""The exceptions that carry a verdict out of a check (the statuses are ``grader.results``).

``Mismatch`` is an AssertionError, so hypothesis shrinks it to the smallest failing input. The
others derive from BaseException, so hypothesis stops at once instead of shrinking: a timeout, a
crash or an unstarted stub means the same on every input.
"""

from __future__ import annotations


class Mismatch(AssertionError):
    """The learner's code disagrees with the reference (status ``failed``)."""

    status = "failed"


class Verdict(BaseException):
    """A verdict that ends the check at once."""

    status = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotStarted(Verdict):
    """The stub still raises NotImplementedError."""

    status = "todo"


class TimedOut(Verdict):
    """The learner's code ran past the exercise's time limit."""

    status = "timeout"


class Broken(Verdict):
    """The exercise could not be graded: the file does not load, the worker died, ..."""

    status = "error"
