"""What one grading run grades against what: one settings object, built once, passed down.

The runner builds it from the command line's options; under plain ``pytest grader/checks`` the
pytest entry point builds it from the ``--kata-*`` options. Nothing here imports torch or pytest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from grader import paths


@dataclass(frozen=True)
class Settings:
    """Where the two sides come from, which exercises to grade and the limits workers run under."""

    exercises_dir: Path
    solutions_dir: Path
    overrides: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Exercise id → (name, source, qualname) graded in place of the learner's stub (tests and
    the corpus grade known answers this way)."""
    forbidden: tuple[str, ...] = ()
    """Folders the learner's code may not read while graded."""
    memory_limit: int = field(default_factory=lambda: memory_limit_from_environment())
    """Bytes each worker may use beyond what it needs to start (torch included)."""
    max_examples: int | None = None
    """A cap on hypothesis examples per comparison (None: each check's own number)."""
    display_root: Path | None = None
    """Paths in messages are shown relative to this folder."""
    only: frozenset[str] | None = None
    """The exercise ids to grade (None: every check collected)."""
    sandbox: str | None = None
    """The sandbox backend (fork, forkserver, spawn); None: $PYTORCH101_SANDBOX or the best."""


MEMORY_LIMIT_VARIABLE = "PYTORCH101_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT_GIB = 4.0


def memory_limit_from_environment() -> int:
    """$PYTORCH101_MEMORY_LIMIT in GiB (default 4): what each worker may add to its memory."""
    try:
        gib = float(os.environ.get(MEMORY_LIMIT_VARIABLE, DEFAULT_MEMORY_LIMIT_GIB))
    except ValueError:
        gib = DEFAULT_MEMORY_LIMIT_GIB
    return int(max(gib, 0.1) * (1 << 30))


def build(exercises: str | os.PathLike[str] | None = None,
          solutions: str | os.PathLike[str] | None = None,
          overrides: dict[str, str] | None = None, max_examples: int | None = None,
          only: frozenset[str] | None = None, sandbox: str | None = None) -> Settings:
    """Settings from user-level choices: folders by name or path, overrides as 'SOURCE:QUALNAME'."""
    exercises_dir = paths.exercises_dir(str(exercises) if exercises else None)
    solutions_dir = paths.solutions_dir(str(solutions) if solutions else None)
    triples = {}
    for exercise_id, where in (overrides or {}).items():
        source, _, qualname = where.rpartition(":")
        triples[exercise_id] = (exercise_id, source, qualname)
    same = exercises_dir.resolve() == solutions_dir.resolve()
    forbidden = () if same else paths.forbidden(solutions_dir, exercises_dir)
    return Settings(exercises_dir, solutions_dir, triples, forbidden, max_examples=max_examples,
                    display_root=Path.cwd(), only=only, sandbox=sandbox)
