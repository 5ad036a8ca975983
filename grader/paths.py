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


def forbidden(solutions: Path) -> tuple[str, ...]:
    """Folders the learner's code may not read while it is graded."""
    folders = [solutions, REPO / "solutions", REPO / "tests" / "alternatives"]
    return tuple(dict.fromkeys(str(f.resolve()) for f in folders))


def _existing_or_repo(name: str) -> Path:
    local = Path.cwd() / name
    return local if local.is_dir() else REPO / name
