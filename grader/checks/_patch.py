"""A tiny helper for probes: replace attributes for the duration of one call, then restore them.

Probes run inside the sandbox worker, so these patches change only the worker's torch and time
modules, and only while the learner's function runs. A fake must see every way the learner's code
can reach what it replaces: ``time.perf_counter()`` and also ``from time import perf_counter``
(a name bound in the learner's module). ``reaching=namespaces_of(target)`` replaces those too.
"""

import contextlib
import sys

_MISSING = object()


@contextlib.contextmanager
def patched(*replacements, reaching=()):
    """``patched((owner, name, value), ..., reaching=(namespace, ...))``: set each attribute,
    and every name in the namespaces bound to the attribute's old value; restore all on exit."""
    saved = []
    try:
        for owner, name, value in replacements:
            if isinstance(owner, type):  # a class: restore only what it defined itself
                own = vars(owner).get(name, _MISSING)
            else:
                own = getattr(owner, name)
            old = getattr(owner, name, _MISSING)
            saved.append((owner, name, own))
            setattr(owner, name, value)
            for namespace in reaching:
                for key, bound in list(namespace.items()):
                    if bound is old and old is not _MISSING:
                        saved.append((namespace, key, bound))
                        namespace[key] = value
        yield
    finally:
        for owner, name, value in reversed(saved):
            if isinstance(owner, dict):
                owner[name] = value
            elif value is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, value)


def namespaces_of(*targets):
    """The module namespaces the given learner functions or classes look names up in."""
    found = []
    for target in targets:
        module = sys.modules.get(getattr(target, "__module__", ""), None)
        namespace = vars(module) if module is not None else getattr(target, "__globals__", None)
        if namespace is not None and all(namespace is not f for f in found):
            found.append(namespace)
    return tuple(found)
