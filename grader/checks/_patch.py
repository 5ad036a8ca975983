"""A tiny helper for probes: replace attributes for the duration of one call, then restore them.

Probes run inside the sandbox worker, so these patches change only the worker's torch and time
modules, and only while the learner's function runs.
"""

import contextlib

_MISSING = object()


@contextlib.contextmanager
def patched(*replacements):
    """``patched((owner, name, value), ...)``: set each attribute, restore all on exit."""
    saved = []
    try:
        for owner, name, value in replacements:
            if isinstance(owner, type):  # a class: restore only what it defined itself
                own = vars(owner).get(name, _MISSING)
            else:
                own = getattr(owner, name)
            saved.append((owner, name, own))
            setattr(owner, name, value)
        yield
    finally:
        for owner, name, value in reversed(saved):
            if value is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, value)
