"""``pytorch101 init [DIR]``: write a learner's workspace from the installed kata."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from grader.commands.common import usage_error

DEFAULT_FOLDER = "pytorch101"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", default=DEFAULT_FOLDER, metavar="DIR",
                        help=f"the workspace folder to write (default: ./{DEFAULT_FOLDER}); it "
                             "must be new or empty unless --force")
    parser.add_argument("--force", action="store_true",
                        help="write into a folder that is not empty; your exercise files that "
                             "differ from the stubs are backed up to .pytorch101/backups/ first")


def run(args: argparse.Namespace) -> int:
    from grader import workspace

    folder = Path(args.folder)
    try:
        written = workspace.create(folder, force=args.force)
    except workspace.WorkspaceError as error:
        return usage_error(str(error))
    shown = _shown(folder)
    total = len(written.exercise_files) + len(written.unchanged)
    print(f"Wrote a PyTorch101 workspace in {shown}: {total} exercise files in exercises/, "
          "README.md, .gitignore.")
    if written.unchanged:
        print(f"  {len(written.unchanged)} exercise file(s) were already the stubs: left alone.")
    if written.backups:
        print(f"  {len(written.backups)} file(s) of yours were replaced by the stubs; the "
              f"copies are in {_shown(written.backup_folder)}")
    if written.kept:
        print(f"  Kept your {', '.join(written.kept)}.")
    print("\nNext:")
    if folder.resolve() != Path.cwd().resolve():
        print(f"  cd {shown}")
    print("  pytorch101             # opens the first exercise, re-grades it on every save\n"
          "  pytorch101 notebooks   # or work in Jupyter (pip install \"pytorch101[notebook]\")")
    return 0


def _shown(path: Path) -> str:
    """A path as the learner would type it from here."""
    try:
        return os.path.relpath(path.resolve(), Path.cwd()) or "."
    except ValueError:  # another drive on Windows
        return str(path.resolve())
