"""The catalogue: every chapter and exercise in order, with hints and cheatsheet rows, as data.

It lives in ``grader/catalogue/NN_chapter.toml`` (one file per chapter, read in name order), away
from the learner's folder so that a submission cannot change its own time limits or weights.
"""

from __future__ import annotations

import functools
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, as a package
    import tomli as tomllib
from dataclasses import dataclass
from pathlib import Path

CATALOGUE_DIR = Path(__file__).parent / "catalogue"
DEFAULT_TIMEOUT = 15.0


@dataclass(frozen=True)
class Exercise:
    """One graded stub (a function or a class) in a learner's file."""

    id: str
    """The stub's name, unique in the kata; what the learner types."""
    chapter: str
    """The chapter folder, e.g. ``01_tensors``."""
    file: str
    """The file's name inside the chapter folder, e.g. ``03_inplace.py``."""
    hints: tuple[str, ...]
    """Hints from the idea to almost the answer."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds the whole check may take on the learner's side."""
    weight: float = 1.0
    """Points in course reports."""
    corners: tuple[str, ...] = ()
    """The corners (``grader.corners``) its docstring admits: its checks must reach them all."""
    own_worker: bool = False
    """Its trusted sides (reference, known mistakes) get a worker of their own instead of the
    run's shared one: its check forks processes that run backward passes, which fails in a
    process whose autograd thread an earlier check started."""

    @property
    def path(self) -> str:
        """The file relative to the exercises folder: ``01_tensors/03_inplace.py``."""
        return f"{self.chapter}/{self.file}"

    @property
    def check_module(self) -> str:
        """The check module: ``grader.checks.ch01_tensors.test_03_inplace``."""
        return f"grader.checks.ch{self.chapter}.test_{Path(self.file).stem}"


@dataclass(frozen=True)
class CheatRow:
    """One TensorFlow → PyTorch correspondence."""

    tf: str
    torch: str
    note: str = ""


@dataclass(frozen=True)
class Chapter:
    """A chapter folder and its exercises, in order."""

    dir: str
    title: str
    summary: str
    exercises: tuple[Exercise, ...]
    cheatsheet: tuple[CheatRow, ...]
    preload: tuple[str, ...] = ()
    """Modules the grader imports before forking workers, so workers start warm."""


@dataclass(frozen=True)
class Catalogue:
    """All chapters in order, with lookups by id, chapter and file."""

    chapters: tuple[Chapter, ...]

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(e for chapter in self.chapters for e in chapter.exercises)

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def chapter(self, name: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.dir == name:
                return chapter
        raise KeyError(name)

    def select(self, target: str) -> list[Exercise]:
        """Exercises named by a target: an id, a chapter, a file, or a file's stem.

        Raises KeyError when nothing matches.
        """
        wanted = target.strip().rstrip("/").removeprefix("exercises/")
        found = [e for e in self.exercises
                 if wanted in (e.id, e.chapter, e.path, e.path.removesuffix(".py"))
                 or wanted.removesuffix(".py") == f"{e.chapter}/{Path(e.file).stem}"]
        if not found:
            raise KeyError(target)
        return found

    def targets(self) -> list[str]:
        """Every name ``select`` accepts, for error messages."""
        return [c.dir for c in self.chapters] + [e.id for e in self.exercises]


@functools.cache
def load(directory: Path = CATALOGUE_DIR) -> Catalogue:
    """Read every chapter file in name order."""
    chapters = [_chapter(tomllib.loads(path.read_text(encoding="utf-8")))
                for path in sorted(directory.glob("*.toml"))]
    return Catalogue(tuple(chapters))


def _chapter(data: dict) -> Chapter:
    info = data["chapter"]
    exercises = tuple(
        Exercise(id=e["id"], chapter=info["dir"], file=e["file"], hints=tuple(e["hints"]),
                 timeout=float(e.get("timeout", DEFAULT_TIMEOUT)),
                 weight=float(e.get("weight", 1.0)), corners=tuple(e.get("corners", ())),
                 own_worker=bool(e.get("own_worker", False)))
        for e in data.get("exercises", []))
    rows = tuple(CheatRow(r["tf"], r["torch"], r.get("note", "")) for r in data.get("cheatsheet", []))
    return Chapter(info["dir"], info["title"], info.get("summary", ""), exercises, rows,
                   tuple(info.get("preload", [])))
