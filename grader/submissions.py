"""Lay a handed-in submission out as an exercises folder the grader can grade.

A submission (a Gradescope upload, a student's folder in a class) arrives in the kata's layout
(``01_tensors/04_inplace.py``, maybe under a top folder such as ``exercises/`` or a repository's
name), or flat (``04_inplace.py`` at the top, as uploading files one by one gives), or mixed.
``lay_out`` finds each expected file, copies it into a fresh folder in the kata's layout and says
what it found, what is missing, and what it could not place.

A flat name is matched by its file name. If two chapters of the catalogue had a file of the same
name, the name alone would not say which exercise the file is: the file's own top-level
definitions decide (exercise ids are unique in the kata), and when they do not, the file is left
out with a note asking for the chapter folder. Only regular files are read (a link could point at
anything on the grading machine, the reference included), never more than ``MAX_FILE_BYTES``.
"""

from __future__ import annotations

import ast
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from grader.catalogue import Exercise

MAX_FILE_BYTES = 1 << 20
"""A submitted exercise file larger than this (1 MiB) is not graded."""
MAX_DEPTH = 6
"""Folders deeper than this inside a submission are not searched."""
MAX_ENTRIES = 20_000
"""Entries looked at before the search stops (a submission of a whole disk)."""
SKIPPED_FOLDERS = {"__pycache__", "__MACOSX", "node_modules", ".git", ".venv", "venv",
                   ".ipynb_checkpoints"}


@dataclass
class Layout:
    """What ``lay_out`` made of a submission."""

    folder: Path
    """The exercises folder, in the kata's layout, holding the files found."""
    found: dict[str, str] = field(default_factory=dict)
    """Catalogue path (``01_tensors/04_inplace.py``) → where it was in the submission."""
    missing: dict[str, str] = field(default_factory=dict)
    """Catalogue path → why it is not graded (not submitted, ambiguous, too large...)."""
    notes: list[str] = field(default_factory=list)
    """Things the submitter should know (copies ignored, files not recognised...)."""

    @property
    def style(self) -> str:
        """"kata" (chapter folders), "flat", "mixed" or "empty": how the files were laid out."""
        kinds = {"flat" if "/" not in where else "kata" for where in self.found.values()}
        return "empty" if not kinds else kinds.pop() if len(kinds) == 1 else "mixed"

    def missing_message(self, path: str) -> str:
        return self.missing.get(path, "")


@dataclass
class _Candidate:
    relative: str
    """Where the file is in the submission (POSIX separators)."""
    source: Path
    in_chapter: bool
    """Found inside a folder named after its chapter (the kata's layout)."""
    depth: int


def lay_out(submission: Path, target: Path, exercises: Iterable[Exercise]) -> Layout:
    """Copy the files of ``exercises`` found in ``submission`` into ``target`` (kata layout)."""
    chosen = list(exercises)
    wanted: dict[str, list[Exercise]] = {}
    for exercise in chosen:
        wanted.setdefault(exercise.path, []).append(exercise)
    by_name: dict[str, list[str]] = {}
    for path in wanted:
        by_name.setdefault(path.rsplit("/", 1)[-1], []).append(path)
    chapters = {path.split("/", 1)[0] for path in wanted}
    layout = Layout(target)
    target.mkdir(parents=True, exist_ok=True)
    candidates: dict[str, list[_Candidate]] = {}
    if not submission.is_dir():
        layout.notes.append("nothing was submitted (the submission folder does not exist)")
    for relative, source, depth in _files(submission, layout.notes):
        parts = relative.split("/")
        name = parts[-1]
        if name not in by_name:
            continue
        if len(parts) >= 2 and parts[-2] in chapters and f"{parts[-2]}/{name}" in wanted:
            candidates.setdefault(f"{parts[-2]}/{name}", []).append(
                _Candidate(relative, source, True, depth))
            continue
        paths = by_name[name]
        if len(paths) > 1:
            paths = _by_content(source, paths, wanted)
            if len(paths) != 1:
                for path in by_name[name]:
                    layout.missing.setdefault(path, _ambiguous(relative, by_name[name]))
                continue
        candidates.setdefault(paths[0], []).append(_Candidate(relative, source, False, depth))
    for path in wanted:
        found = sorted(candidates.get(path, []), key=lambda c: (not c.in_chapter, c.depth,
                                                                 c.relative))
        if not found:
            layout.missing.setdefault(path, _not_submitted(path))
            continue
        chosen_file = found[0]
        if len(found) > 1:
            others = ", ".join(c.relative for c in found[1:])
            layout.notes.append(f"several copies of {path}: graded {chosen_file.relative}, "
                                f"ignored {others}")
        problem = _copy(chosen_file.source, target / path)
        if problem:
            layout.missing[path] = f"{chosen_file.relative} was not graded: {problem}"
            continue
        layout.missing.pop(path, None)
        layout.found[path] = chosen_file.relative
    return layout


def _files(root: Path, notes: list[str]) -> Iterable[tuple[str, Path, int]]:
    """Regular ``.py`` files under ``root`` (no links followed), breadth first, bounded."""
    seen = 0
    level = [(root, "", 0)]
    while level:
        following = []
        for folder, prefix, depth in level:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                seen += 1
                if seen > MAX_ENTRIES:
                    notes.append(f"the submission has more than {MAX_ENTRIES} files and folders: "
                                 "only the first were searched")
                    return
                relative = f"{prefix}{entry.name}"
                try:
                    mode = entry.stat(follow_symlinks=False).st_mode
                except OSError:
                    continue
                if stat.S_ISLNK(mode):
                    if entry.name.endswith(".py"):
                        notes.append(f"{relative} is a link, not a file: it was not graded")
                    continue
                if stat.S_ISDIR(mode):
                    if (entry.name not in SKIPPED_FOLDERS and not entry.name.startswith(".")
                            and depth < MAX_DEPTH):
                        following.append((Path(entry.path), f"{relative}/", depth + 1))
                elif stat.S_ISREG(mode) and entry.name.endswith(".py"):
                    yield relative, Path(entry.path), depth
        level = following


def _by_content(source: Path, paths: list[str], wanted: dict[str, list[Exercise]]) -> list[str]:
    """The catalogue paths whose exercises the file defines at its top level."""
    try:
        tree = ast.parse(source.read_bytes()[:MAX_FILE_BYTES])
    except (OSError, SyntaxError, ValueError):
        return paths
    defined = {node.name for node in tree.body
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    return [path for path in paths if any(e.id in defined for e in wanted[path])]


def _copy(source: Path, destination: Path) -> str:
    """Copy one submitted file; an empty string, or why it was not copied."""
    try:
        with open(source, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return f"it could not be read ({error.strerror or error})"
    if len(data) > MAX_FILE_BYTES:
        return f"it is larger than {MAX_FILE_BYTES // 1024} KiB"
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(data)
    return ""


def _not_submitted(path: str) -> str:
    chapter, name = path.split("/", 1)
    return (f"not submitted: {path} is not in the submission (hand it in as {path}, "
            f"or as {name} at the top level)")


def _ambiguous(relative: str, paths: list[str]) -> str:
    choices = " or ".join(paths)
    return (f"not graded: {relative} could be {choices} (several chapters have a file of that "
            f"name); hand it in inside its chapter folder, e.g. {paths[0]}")
