"""What a worker is asked to load: the description of one side of a comparison."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SideSpec:
    """One side of a comparison: a file to load, maybe with one name replaced."""

    role: str
    """"learner", "reference", "mistake" or "alternative": how messages name this side."""
    file: str
    """Absolute path of the exercise file the worker loads."""
    display: str
    """The path shown to the learner, e.g. ``exercises/01_tensors/03_inplace.py``."""
    override: tuple[str, str, str] | None = None
    """(name, module or .py path, qualified name): replace ``name`` in the loaded module."""
    forbidden: tuple[str, ...] = ()
    """Folders the loaded code may not open (the reference solutions, the project's tests)."""
    memory_limit: int | None = None
    """Bytes of address space the worker may add to what it had when it started."""
    threads: int = 1
    """torch's intra-op thread count inside the worker."""
    preload: tuple[str, ...] = ()
    """Modules the worker imports before it says it is ready (the chapter's ``preload``): the
    grader's time, never charged to the learner."""
