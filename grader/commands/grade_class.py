"""``pytorch101 grade-class SUBMISSIONS --output gradebook.csv``: grade a class into a gradebook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.commands.autograder import add_selection, selection
from grader.commands.common import UsageError, usage_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", metavar="SUBMISSIONS",
                        help="a folder with one sub-folder per student (its name is the "
                             "student's), holding their exercises as 01_tensors/04_inplace.py "
                             "... or flat (04_inplace.py ...)")
    parser.add_argument("--output", "-o", metavar="CSV", default="gradebook.csv",
                        help="the gradebook: student, score, max_score, then each exercise's "
                             "status (default: gradebook.csv)")
    parser.add_argument("--json", metavar="FILE", default=None,
                        help="every message, per student and exercise (default: the CSV's name "
                             "with .json)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="students graded at the same time (default: 1; each run uses about "
                             "one core and up to a few GiB of memory)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the students already in the gradebook and grade the rest "
                             "(after an interrupted run)")
    parser.add_argument("--solutions", metavar="DIR", default=None,
                        help="the reference (default: solutions/, or $PYTORCH101_SOLUTIONS)")
    add_selection(parser)
    parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help="the most one student's grading may take, all exercises together "
                             "(default: twice the sum of the exercises' limits, plus 120 s)")
    parser.add_argument("--container", nargs="?", const="auto", default=None,
                        choices=("auto", "docker", "podman"),
                        help="grade each student inside a container (docker or podman, "
                             "whichever runs here; needs the image, see --image)")
    parser.add_argument("--image", default=None, metavar="IMAGE",
                        help="the image --container runs (default: pytorch101-grader, built "
                             "from the autograder bundle as the README shows)")


def run(args: argparse.Namespace) -> int:
    from grader import classroom, paths

    try:
        chosen = selection(args)
    except UsageError as error:
        return usage_error(str(error))
    folder = Path(args.submissions)
    if not folder.is_dir():
        return usage_error(f"the submissions folder {folder} does not exist")
    if args.jobs < 1:
        return usage_error("--jobs must be at least 1")
    if args.image and not args.container:
        return usage_error("--image goes with --container")
    if args.time_limit is not None and args.time_limit <= 0:
        return usage_error("--time-limit must be a number of seconds above 0")
    solutions = paths.solutions_dir(args.solutions)
    container = None
    if args.container:
        try:
            container = classroom.find_container(args.container,
                                                 args.image or classroom.DEFAULT_IMAGE)
        except classroom.ContainerUnavailable as error:
            return usage_error(str(error))
    elif not solutions.is_dir():
        return usage_error(f"the solutions folder {solutions} does not exist")
    everyone, notes = classroom.students(folder)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if not everyone:
        return usage_error(f"{folder} has no student folders (one sub-folder per student)")
    csv_path = Path(args.output)
    json_path = Path(args.json) if args.json else csv_path.with_suffix(".json")
    if csv_path.exists() and not args.resume:
        print(f"note: replacing {csv_path} (--resume keeps the students it holds)",
              file=sys.stderr)
    try:
        book = classroom.Gradebook(csv_path, json_path, chosen, args.resume)
    except classroom.GradebookError as error:
        return usage_error(str(error))
    except OSError as error:
        return usage_error(f"cannot write the gradebook {csv_path}: {error.strerror or error}")
    limit = args.time_limit or classroom.time_limit(chosen)
    grader = classroom.Grader(chosen, solutions, limit, container)
    skipped = len([s for s in everyone if s.name in book.done])
    where = f"in containers ({container.engine}, {container.image})" if container else \
        "each in its own grading run"
    print(f"grading {len(everyone) - skipped} students ({skipped} already in {csv_path}), "
          f"{len(chosen)} exercises each, {args.jobs} at a time, {where}; at most {limit:.0f} s "
          "per student", file=sys.stderr)

    def show(graded: classroom.Graded, done: int, total: int) -> None:
        score, maximum = graded.points
        problem = "" if graded.run == "graded" else f" [{graded.run}]"
        print(f"[{done}/{total}] {graded.student}: {score:g}/{maximum:g} in "
              f"{graded.seconds:.1f} s{problem}", file=sys.stderr, flush=True)

    try:
        classroom.grade_class(everyone, grader, book, args.jobs, show)
    except KeyboardInterrupt:
        print(f"\ninterrupted: {csv_path} keeps the students graded so far; run again with "
              "--resume to grade the rest", file=sys.stderr)
        return 130
    print(f"wrote {csv_path} and {json_path}", file=sys.stderr)
    return 0
