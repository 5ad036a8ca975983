"""Where things are: the repository, the learner's exercises, the reference solutions.

Two ways to have the kata: a clone of the repository (``exercises/`` and ``solutions/`` beside
the ``grader`` package) and an installed wheel, which carries both under ``grader/bundled/``
(see setup.py) and whose learner works in a workspace written by ``pytorch101 init``. The clone's
folders win when they are there; the packaged ones are the fallback.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLED = Path(__file__).resolve().parent / "bundled"
"""The kata as the wheel carries it: ``exercises/`` (pristine stubs) and ``solutions/``."""


def exercises_dir(option: str | None = None) -> Path:
    """The learner's folder: the option, 'exercises' or 'solutions' by name, or a path."""
    if option in (None, "", "exercises"):
        return _existing_or_repo("exercises")
    if option == "solutions":
        return solutions_dir()
    return Path(option).expanduser()


def solutions_dir(option: str | None = None) -> Path:
    """The reference: the option, then $PYTORCH101_SOLUTIONS, then the repository's solutions/,
    then the one the installed package carries."""
    chosen = option or os.environ.get("PYTORCH101_SOLUTIONS")
    if chosen:
        return Path(chosen).expanduser()
    return _clone_or_bundled("solutions")


def pristine_exercises_dir() -> Path:
    """The stubs as shipped: the repository's exercises/ or the packaged copy (what ``init``
    and ``notebooks`` start from when there is no learner folder)."""
    return _clone_or_bundled("exercises")


def advice(label: str) -> str:
    """What to do about a missing exercises or solutions folder (appended to the error)."""
    if label == "exercises" and not (REPO / "exercises").is_dir():
        return (": make a workspace with `pytorch101 init DIR`, then run pytorch101 inside DIR "
                "(or pass --exercises DIR)")
    if label == "solutions":
        return ": pass --solutions DIR or set $PYTORCH101_SOLUTIONS to the reference's folder"
    return ""


def forbidden(solutions: Path, exercises: Path | None = None) -> tuple[str, ...]:
    """Folders the learner's code may not read while it is graded.

    Never the learner's own folder (nor one holding it): grading a copy of ``solutions/`` as a
    learner's submission against a pristine reference, as mutation testing does, is allowed.
    """
    others = [(REPO / "solutions").resolve(), (REPO / "tests" / "alternatives").resolve()]
    if (BUNDLED / "solutions").is_dir():  # an installed wheel's reference
        others.append((BUNDLED / "solutions").resolve())
    if exercises is not None:
        others = [f for f in others if not exercises.resolve().is_relative_to(f)]
    return tuple(dict.fromkeys(str(f) for f in [solutions.resolve(), *others]))


def _existing_or_repo(name: str) -> Path:
    """``./name`` when it exists, else the clone's; with no clone, ``./name`` (missing): the
    packaged stubs are never graded as the learner's work."""
    local = Path.cwd() / name
    if local.is_dir() or not (REPO / name).is_dir():
        return local
    return REPO / name


def _clone_or_bundled(name: str) -> Path:
    clone = REPO / name
    if clone.is_dir() or not (BUNDLED / name).is_dir():
        return clone
    return BUNDLED / name
