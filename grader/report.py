"""Render a grading report: text for people, JSON for programs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from grader import catalogue
from grader.results import STATUSES

if TYPE_CHECKING:  # the runner imports pytest and torch: too slow for `list` and `hint`
    from grader.results import Report

MARKS = {"passed": "✓", "failed": "✗", "todo": "·", "error": "!", "timeout": "⏱", "skipped": "-"}
COLORS = {"passed": "32", "failed": "31", "todo": "2", "error": "35", "timeout": "33",
          "skipped": "36"}


def to_json(report: Report) -> dict[str, Any]:
    """The JSON contract: a summary and one result per graded stub."""
    data: dict[str, Any] = {
        "summary": {**report.summary, "sandbox": report.sandbox},
        "results": [{"id": r.id, "chapter": r.chapter, "file": r.file, "status": r.status,
                     "message": r.message, "duration": round(r.duration, 3),
                     "not_run": list(r.not_run), **({"mistake": r.named} if r.named else {})}
                    for r in report.results],
    }
    if report.notes:
        data["notes"] = list(report.notes)
    if report.crashed:
        data["crashed"] = report.crashed
    return data


def write_json(report: Report, stream: TextIO) -> None:
    json.dump(to_json(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def use_color(stream: TextIO) -> bool:
    """Color only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def paint(text: str, status: str, color: bool) -> str:
    return f"\033[{COLORS[status]}m{text}\033[0m" if color else text


def write_text(report: Report, stream: TextIO, next_up: str | None = None,
               verbose: bool = False) -> None:
    """A table per chapter, the messages of what needs attention, totals and what to do next."""
    color = use_color(stream)
    cat = catalogue.load()
    by_chapter: dict[str, list] = {}
    for result in report.results:
        by_chapter.setdefault(result.chapter, []).append(result)
    for chapter_dir, results in by_chapter.items():
        title = cat.chapter(chapter_dir).title
        counts = {s: sum(r.status == s for r in results) for s in STATUSES}
        line = "  ".join(f"{s} {counts[s]}" for s in STATUSES if counts[s])
        stream.write(f"\n{chapter_dir}  {title}  —  {line}\n")
        for result in results:
            mark = paint(MARKS[result.status], result.status, color)
            stream.write(f"  {mark} {result.id:<28} {paint(result.status, result.status, color)}"
                         f"   {result.file}{not_run_note(result)}\n")
            if result.status in ("failed", "error", "timeout") or (
                    (verbose or result.status == "passed") and result.message):
                stream.write(_indent(result.message, 6) + "\n")
    summary = report.summary
    parts = ", ".join(f"{summary[s]} {s}" for s in STATUSES if summary[s])
    stream.write(f"\nTotal: {summary['total']} exercises — {parts}\n")
    for note in report.notes:
        stream.write(f"Note: {note}.\n")
    if report.crashed:
        stream.write(paint(f"The grading run itself broke: {report.crashed}\n", "error", color))
    if next_up:
        stream.write(f"\n{next_up}\n")


def not_run_note(result: Any) -> str:
    """What a passed exercise could not check here, e.g. its CUDA part on a machine without one."""
    if result.status != "passed" or not result.not_run:
        return ""
    return f"   ({' and '.join(p.upper() for p in result.not_run)} part not run: no GPU here)"


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines())


PLAIN_PROGRESS_EVERY = 10
"""Without a terminal, long runs (at least this many exercises) log a line every this many."""


def stderr_progress(total: int):  # type: ignore[no-untyped-def]
    """Progress on stderr: one updated line on a terminal; on anything else (CI logs, pipes) a
    plain line every PLAIN_PROGRESS_EVERY exercises of a long run, and nothing for short ones."""
    done = [0]
    seen: set[str] = set()
    tty = sys.stderr.isatty()

    def show(result: Any) -> None:
        if result.id in seen:  # a second check of the same exercise (e.g. its GPU part)
            return
        seen.add(result.id)
        done[0] = len(seen)
        if tty:
            width = 20
            filled = width * done[0] // max(total, 1)
            sys.stderr.write(f"\r\033[Kgrading [{'#' * filled}{'.' * (width - filled)}] "
                             f"{done[0]}/{total}: {result.id} {result.status}")
            if done[0] == total:
                sys.stderr.write("\r\033[K")
            sys.stderr.flush()
        elif total >= PLAIN_PROGRESS_EVERY and (
                done[0] % PLAIN_PROGRESS_EVERY == 0 or done[0] == total):
            sys.stderr.write(f"grading: {done[0]}/{total} done\n")
            sys.stderr.flush()

    return show


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
