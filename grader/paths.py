"""Where things are: the repository, the learner's exercises, the reference solutions."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def exercises_dir(option: str | None = None) -> Path:
    """The learner's folder: the option, 'exercises' or 'solutions' by name, or a path."""
    if option in (None, "", "exercises"):
        return _existing_or_repo("exercises")
    if option == "solutions":
        return solutions_dir()
    return Path(option).expanduser()


def solutions_dir(option: str | None = None) -> Path:
    """The reference: the option, then $PYTORCH101_SOLUTIONS, then the repository's solutions/."""
    chosen = option or os.environ.get("PYTORCH101_SOLUTIONS")
    return Path(chosen).expanduser() if chosen else REPO / "solutions"


def forbidden(solutions: Path, exercises: Path | None = None) -> tuple[str, ...]:
    """Folders the learner's code may not read while it is graded.

    Never the learner's own folder (nor one holding it): grading a copy of ``solutions/`` as a
    learner's submission against a pristine reference, as mutation testing does, is allowed.
    """
    others = [(REPO / "solutions").resolve(), (REPO / "tests" / "alternatives").resolve()]
    if exercises is not None:
        others = [f for f in others if not exercises.resolve().is_relative_to(f)]
    return tuple(dict.fromkeys(str(f) for f in [solutions.resolve(), *others]))


def _existing_or_repo(name: str) -> Path:
    local = Path.cwd() / name
    return local if local.is_dir() else REPO / name
