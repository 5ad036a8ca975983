"""``pytorch101 reset ID|CHAPTER|FILE``: put the original stub back, your version backed up first.

A reset works on whole files (an exercise file may hold two stubs: both come back). It asks
before doing anything (``--yes`` skips the question; without a terminal it refuses unless given
``--yes``). Your version goes to ``.pytorch101/backups/<timestamp>/...`` first, and
``pytorch101 reset --restore ID`` brings the newest backup back. See ``grader/pristine.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader import catalogue, pristine, state
from grader.commands.common import UsageError, select, usage_error
from grader.report import relative


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("targets", nargs="+", metavar="TARGET",
                        help="an exercise id, a chapter (01_tensors) or a file")
    parser.add_argument("--restore", action="store_true",
                        help="instead: bring back your newest backup of the target's files")
    parser.add_argument("--yes", "-y", action="store_true",
                        help="do not ask for confirmation")
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="the folder with your exercises (default: exercises/)")


def run(args: argparse.Namespace) -> int:
    from grader import paths

    try:
        chosen = select(args.targets)
    except UsageError as error:
        return usage_error(str(error))
    exercises_dir = paths.exercises_dir(args.exercises)
    if not exercises_dir.is_dir():
        return usage_error(f"the exercises folder {exercises_dir} does not exist")
    files = pristine.files_of(chosen)
    if args.restore:
        return _restore(exercises_dir, files, args.yes)
    return _reset(exercises_dir, files, chosen, args.yes)


def _reset(exercises_dir: Path, files: list[str], chosen: list, yes: bool) -> int:
    try:
        originals = {f: pristine.original(f) for f in files}
    except pristine.NoPristine as error:
        return usage_error(str(error))
    todo = [f for f in files if _read(exercises_dir / f) != originals[f]]
    if not todo:
        print("Nothing to reset: " + ", ".join(files) + " already hold the original stubs.")
        return 0
    ids = [e.id for e in catalogue.load().exercises if e.path in todo]
    print(f"This puts the original stub back in {len(todo)} file(s):")
    for f in todo:
        print(f"  {relative(exercises_dir / f)}")
    print(f"(exercises: {', '.join(ids)}). Your version is backed up first.")
    refused = _confirm(yes, "Reset")
    if refused is not None:
        return refused
    stamp = pristine.timestamp()
    for f in todo:
        saved = pristine.backup(exercises_dir, f, stamp)
        pristine.write_file(exercises_dir / f, originals[f])
        if saved is not None:
            print(f"reset {f}  (your version: {relative(saved)})")
        else:
            print(f"reset {f}  (it was missing)")
    state.record_status(exercises_dir, {i: "todo" for i in ids})
    print(f"Changed your mind? `pytorch101 reset --restore {' '.join(_names(chosen))}`")
    return 0


def _restore(exercises_dir: Path, files: list[str], yes: bool) -> int:
    plan = []
    for f in files:
        found = pristine.latest_backup(exercises_dir, f)
        if found is None:
            print(f"no backup of {f} in {relative(pristine.backups_root(exercises_dir))}",
                  file=sys.stderr)
            continue
        if _read(exercises_dir / f) != found.read_bytes():
            plan.append((f, found))
    if not plan:
        print("Nothing to restore." if files else "")
        return 0 if all(pristine.latest_backup(exercises_dir, f) for f in files) else 1
    print(f"This brings back your backed-up version of {len(plan)} file(s):")
    for f, found in plan:
        print(f"  {f}  from {relative(found)}")
    refused = _confirm(yes, "Restore")
    if refused is not None:
        return refused
    stamp = pristine.timestamp()
    originals = {}
    for f, _ in plan:
        try:
            originals[f] = pristine.original(f)
        except pristine.NoPristine:
            originals[f] = None
    for f, found in plan:
        current = _read(exercises_dir / f)
        data = found.read_bytes()
        if current is not None and current != originals[f]:
            saved = pristine.backup(exercises_dir, f, stamp)  # what it replaces is yours too
            print(f"(the version it replaces is kept in {relative(saved)})")
        pristine.write_file(exercises_dir / f, data)
        print(f"restored {f}")
    restored = {f for f, _ in plan}
    state.forget(exercises_dir, [e.id for e in catalogue.load().exercises if e.path in restored])
    print("Run `pytorch101 check` (or save in `pytorch101 watch`) to grade it again.")
    return 0


def _confirm(yes: bool, verb: str) -> int | None:
    """None to go ahead; otherwise the exit status (2: cannot ask, 1: the answer was no)."""
    if yes:
        return None
    if not sys.stdin.isatty():
        return usage_error(f"refusing to {verb.lower()} without confirmation: stdin is not a "
                           "terminal, so pass --yes")
    answer = input(f"{verb}? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        print("Nothing changed.")
        return 1
    return None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _names(chosen: list) -> list[str]:
    chapters = {e.chapter for e in chosen}
    cat = catalogue.load()
    if len(chapters) == 1 and len(chosen) == len(cat.chapter(next(iter(chapters))).exercises) > 1:
        return [next(iter(chapters))]
    return [e.id for e in chosen]
