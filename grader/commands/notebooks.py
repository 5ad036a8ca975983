"""``pytorch101 notebooks [DIR]``: the exercise files as Jupyter notebooks that check themselves."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.commands.common import UsageError, select, usage_error

DEFAULT_FOLDER = "notebooks"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", default=DEFAULT_FOLDER, metavar="DIR",
                        help=f"where to write them (default: ./{DEFAULT_FOLDER}), one "
                             "<chapter>/<file>.ipynb per exercise file")
    parser.add_argument("--only", action="append", default=[], metavar="TARGET",
                        help="only this chapter, file or exercise's file (repeatable); "
                             "default: every file")
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="turn the files of this folder into notebooks (default: your "
                             "exercises/ when there is one, else the stubs as shipped)")
    parser.add_argument("--force", action="store_true",
                        help="rewrite notebooks that exist already (your work in them is lost)")


def run(args: argparse.Namespace) -> int:
    from grader import ipynb, paths

    try:
        chosen = select(args.only)
    except UsageError as error:
        return usage_error(str(error))
    source = paths.exercises_dir(args.exercises)
    if args.exercises and not source.is_dir():
        return usage_error(f"the exercises folder {source} does not exist")
    out = Path(args.folder).expanduser()
    try:
        done = ipynb.write(source if source.is_dir() else None, out, chosen, force=args.force)
    except ipynb.NotebookError as error:
        return usage_error(str(error))
    origin = _shown(source) + "/" if source.is_dir() else "the stubs as shipped"
    print(f"Wrote {len(done.written)} notebook(s) in {_shown(out)}/ from {origin}.")
    if done.kept:
        print(f"Kept {len(done.kept)} that exist already (your work in them; --force rewrites "
              f"them), e.g. {_shown(done.kept[0])}.")
    print("Open one in Jupyter (`jupyter notebook`, or your editor), fill in the stubs, and run "
          "the last cell:\n  from grader import check\n  check(name_of_the_stub)")
    return 0


def _shown(path: Path) -> str:
    """Relative to the working folder when inside it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())
