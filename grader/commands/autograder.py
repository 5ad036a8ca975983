"""``pytorch101 autograder --output autograder.zip``: build a Gradescope autograder bundle."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.commands.common import UsageError, usage_error
from grader.course_reports import VISIBILITIES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", metavar="ZIP", default="autograder.zip",
                        help="the bundle to write (default: autograder.zip)")
    parser.add_argument("--solutions", metavar="DIR", default=None,
                        help="the reference to grade against (default: solutions/, or "
                             "$PYTORCH101_SOLUTIONS); only the chosen exercises' files go in")
    add_selection(parser)
    parser.add_argument("--visibility", choices=VISIBILITIES, default="visible",
                        help="when students see each exercise's result (default: visible)")
    parser.add_argument("--stdout-visibility", choices=VISIBILITIES, default="hidden",
                        help="when students see the autograder's log (default: hidden)")


def add_selection(parser: argparse.ArgumentParser) -> None:
    """--chapters and --only: which exercises to grade (shared with grade-class)."""
    parser.add_argument("--chapters", nargs="+", metavar="CHAPTER", default=None,
                        help="grade only these chapters (e.g. 01_tensors 02_autograd)")
    parser.add_argument("--only", nargs="+", metavar="TARGET", default=None,
                        help="grade only these exercises, files or chapters (as `check` takes "
                             "them); combined with --chapters, the exercises in both")


def selection(args: argparse.Namespace) -> list:  # type: ignore[type-arg]
    """The exercises --chapters and --only name (all when neither is given), catalogue order."""
    from grader import catalogue
    from grader.commands.common import select

    cat = catalogue.load()
    chosen = list(cat.exercises)
    if args.chapters:
        chapters = {c.dir for c in cat.chapters}
        unknown = [c for c in args.chapters if c.rstrip("/") not in chapters]
        if unknown:
            raise UsageError(f"unknown chapter {unknown[0]!r}. Chapters: "
                             f"{', '.join(sorted(chapters))}")
        wanted = {c.rstrip("/") for c in args.chapters}
        chosen = [e for e in chosen if e.chapter in wanted]
    if args.only:
        named = {e.id for e in select(args.only)}
        chosen = [e for e in chosen if e.id in named]
    if not chosen:
        raise UsageError("--chapters and --only select no exercise together")
    return chosen


def run(args: argparse.Namespace) -> int:
    from grader import bundle, paths

    try:
        chosen = selection(args)
    except UsageError as error:
        return usage_error(str(error))
    solutions = paths.solutions_dir(args.solutions)
    if not solutions.is_dir():
        return usage_error(f"the solutions folder {solutions} does not exist")
    output = Path(args.output)
    try:
        names = bundle.build(output, chosen, solutions, args.visibility, args.stdout_visibility)
    except bundle.BundleError as error:
        return usage_error(str(error))
    except OSError as error:
        return usage_error(f"cannot write {output}: {error.strerror or error}")
    top = [n for n in names if "/" not in n]
    print(f"wrote {output}: {len(names)} files, {len(chosen)} exercises "
          f"({len({e.path for e in chosen})} reference files)")
    print(f"  at its root: {', '.join(top)}, grader/, solutions/")
    print("Upload it as a Gradescope programming assignment's autograder (Configure Autograder "
          "→ Zip file upload); see the README, section 'For instructors'.")
    return 0
