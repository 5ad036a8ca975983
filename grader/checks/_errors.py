"""An asked-for ValueError is compared by its kind, never by its wording (used inside probes).

Where a docstring says "raise ValueError when ...", each answer words the message its own way:
the reference, the learner, every known mistake. Comparing the words would tell equal answers
apart, and would keep a known mistake from being named for code that makes it, only because the
two say "bad width" differently. A probe that knows the input is one of those cases runs the call
inside ``asked_value_error(reason)``: a ValueError (or a subclass) raised there comes out as one
ValueError saying ``reason``, the same on every side. On any other input errors pass unchanged,
with the learner's own message.
"""

from __future__ import annotations

import contextlib
from typing import Iterator


@contextlib.contextmanager
def asked_value_error(reason: str, asked: bool = True) -> Iterator[None]:
    """Within the block, a ValueError becomes ``ValueError(reason)`` when ``asked`` (the docstring
    asks for one on this input); otherwise nothing changes."""
    try:
        yield
    except ValueError:
        if not asked:
            raise
        raise ValueError(reason) from None
