"""``pytorch101 list``: progress per chapter and overall, from the last grading of each exercise."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from grader import catalogue, paths, state
from grader.catalogue import Catalogue, Exercise
from grader.report import MARKS, paint, use_color

BAR = 20
DONE = ("passed", "skipped")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("chapter", nargs="?", default=None, metavar="CHAPTER",
                        help="only this chapter (e.g. 01_tensors or 1); default: all")
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="the folder with your exercises (default: exercises/)")


def run(args: argparse.Namespace) -> int:
    cat = catalogue.load()
    chapters = None
    if args.chapter:
        chapter = find_chapter(cat, args.chapter)
        if chapter is None:
            from grader.commands.common import unknown, usage_error

            return usage_error(unknown("chapter", args.chapter, [c.dir for c in cat.chapters]))
        chapters = [chapter.dir]
    statuses = state.load(paths.exercises_dir(args.exercises))["status"]
    render(statuses, sys.stdout, chapters=chapters)
    return 0


def find_chapter(cat: Catalogue, name: str):  # type: ignore[no-untyped-def]
    """A chapter by folder (01_tensors), number (1, 01) or title, or None."""
    wanted = name.strip().rstrip("/").removeprefix("exercises/").lower()
    for chapter in cat.chapters:
        number = chapter.dir.split("_", 1)[0]
        if wanted in (chapter.dir.lower(), number, number.lstrip("0"), chapter.title.lower()):
            return chapter
    return None


def next_unfinished(statuses: dict[str, str], after: Exercise | None = None) -> Exercise | None:
    """The first exercise (after ``after``, wrapping around) whose last status is not passed."""
    exercises = list(catalogue.load().exercises)
    start = exercises.index(after) + 1 if after in exercises else 0
    for exercise in exercises[start:] + exercises[:start]:
        if statuses.get(exercise.id) not in DONE:
            return exercise
    return None


def render(statuses: dict[str, str], stream: TextIO, chapters: list[str] | None = None,
           current: str | None = None) -> None:
    """The progress table: rich bars on a terminal, plain text otherwise."""
    cat = catalogue.load()
    shown = [c for c in cat.chapters if chapters is None or c.dir in chapters]
    current = current or getattr(next_unfinished(statuses), "id", None)
    if stream.isatty():
        _render_rich(shown, statuses, stream, current)
    else:
        _render_plain(shown, statuses, stream, current)
    if chapters is None:
        done = sum(statuses.get(e.id) in DONE for e in cat.exercises)
        if stream.isatty():
            _rich_overall(done, len(cat.exercises), stream)
        else:
            stream.write(f"\nOverall {_bar(done, len(cat.exercises))}\n")
    if current:
        stream.write(f"Next up: {current}  (`pytorch101` watches it and re-grades on save)\n")
    stream.write("(statuses are from your last grading; `pytorch101 check` refreshes them all)\n")


def render_compact(statuses: dict[str, str], stream: TextIO, current: Exercise) -> None:
    """A screenful for watch's `l`: one line per chapter, the current chapter in full."""
    cat = catalogue.load()
    color = use_color(stream)
    for chapter in cat.chapters:
        done = sum(statuses.get(e.id) in DONE for e in chapter.exercises)
        marker = "▸" if chapter.dir == current.chapter else " "
        stream.write(f"{marker} {chapter.dir:<16} {_bar(done, len(chapter.exercises))}  "
                     f"{chapter.title}\n")
        if chapter.dir != current.chapter:
            continue
        for exercise in chapter.exercises:
            status = statuses.get(exercise.id, "todo")
            arrow = "→" if exercise.id == current.id else " "
            stream.write(f"    {arrow}{paint(MARKS[status], status, color)} {exercise.id:<28} "
                         f"{status}\n")
    done = sum(statuses.get(e.id) in DONE for e in cat.exercises)
    stream.write(f"  Overall {_bar(done, len(cat.exercises))}\n")


def _render_plain(chapters, statuses, stream, current) -> None:  # type: ignore[no-untyped-def]
    color = use_color(stream)
    for chapter in chapters:
        done = sum(statuses.get(e.id) in DONE for e in chapter.exercises)
        stream.write(f"\n{chapter.dir}  {chapter.title}  {_bar(done, len(chapter.exercises))}\n")
        for exercise in chapter.exercises:
            status = statuses.get(exercise.id, "todo")
            arrow = "→" if exercise.id == current else " "
            stream.write(f" {arrow}{paint(MARKS[status], status, color)} {exercise.id:<28} "
                         f"{status:<8} {exercise.path}\n")


def _render_rich(chapters, statuses, stream, current) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress_bar import ProgressBar
    from rich.table import Table

    console = Console(file=stream, highlight=False)
    styles = {"passed": "green", "failed": "red", "todo": "dim", "error": "magenta",
              "timeout": "yellow", "skipped": "cyan"}
    for chapter in chapters:
        done = sum(statuses.get(e.id) in DONE for e in chapter.exercises)
        total = len(chapter.exercises)
        header = Table.grid(padding=(0, 2))
        header.add_row(f"[bold]{chapter.dir}[/]  {chapter.title}",
                       ProgressBar(total=max(total, 1), completed=done, width=BAR,
                                   complete_style="green", finished_style="bold green"),
                       f"{done}/{total}")
        console.print()
        console.print(header)
        table = Table.grid(padding=(0, 1))
        for exercise in chapter.exercises:
            status = statuses.get(exercise.id, "todo")
            style = styles[status]
            arrow = "[bold]→[/]" if exercise.id == current else " "
            table.add_row(arrow, f"[{style}]{MARKS[status]}[/]", f"{exercise.id:<28}",
                          f"[{style}]{status:<8}[/]", f"[dim]{exercise.path}[/]")
        console.print(table)


def _rich_overall(done: int, total: int, stream: TextIO) -> None:
    from rich.console import Console
    from rich.progress_bar import ProgressBar
    from rich.table import Table

    line = Table.grid(padding=(0, 2))
    bar = ProgressBar(total=max(total, 1), completed=done, width=BAR, complete_style="green",
                      finished_style="bold green")
    line.add_row("[bold]Overall[/]", bar, f"{done}/{total}  ({100 * done // max(total, 1)}%)")
    console = Console(file=stream, highlight=False)
    console.print()
    console.print(line)


def _bar(done: int, total: int) -> str:
    filled = round(BAR * done / total) if total else 0
    return f"[{'#' * filled}{'.' * (BAR - filled)}] {done}/{total}"
