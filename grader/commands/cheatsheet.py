"""``pytorch101 cheatsheet [CHAPTER]``: TensorFlow 2 → PyTorch, for what each chapter teaches.

The rows come from the catalogue (``[[cheatsheet]]`` in ``grader/catalogue/NN_chapter.toml``).
A table on a terminal; plain Markdown otherwise (paste it into your notes).
"""

from __future__ import annotations

import argparse
import os
import sys

from grader import catalogue
from grader.commands.common import unknown, usage_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("chapter", nargs="?", default=None, metavar="CHAPTER",
                        help="a chapter (01_tensors, 1 or its title); default: all chapters")
    parser.add_argument("--search", "-s", metavar="WORD", default=None,
                        help="only rows mentioning WORD (e.g. --search reshape)")


def run(args: argparse.Namespace) -> int:
    from grader.commands.list import find_chapter

    cat = catalogue.load()
    chapters = list(cat.chapters)
    if args.chapter:
        chapter = find_chapter(cat, args.chapter)
        if chapter is None:
            return usage_error(unknown("chapter", args.chapter, [c.dir for c in cat.chapters]))
        chapters = [chapter]
    sections = []
    for chapter in chapters:
        rows = [r for r in chapter.cheatsheet if _matches(r, args.search)]
        if rows:
            sections.append((chapter, rows))
    if not sections:
        print("No cheatsheet rows" + (f" mention {args.search!r}." if args.search else "."))
        return 0
    if sys.stdout.isatty() and os.environ.get("TERM") != "dumb":
        _rich(sections)
    else:
        _markdown(sections)
    return 0


def _matches(row: catalogue.CheatRow, word: str | None) -> bool:
    return word is None or word.lower() in f"{row.tf} {row.torch} {row.note}".lower()


def _markdown(sections) -> None:  # type: ignore[no-untyped-def]
    out = []
    for chapter, rows in sections:
        out += [f"## {chapter.dir}: {chapter.title}", "",
                "| TensorFlow 2 | PyTorch | note |", "|---|---|---|"]
        out += [f"| {_cell(r.tf)} | {_cell(r.torch)} | {_cell(r.note)} |" for r in rows]
        out.append("")
    sys.stdout.write("\n".join(out))


def _cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return f"`{text}`" if text and "`" not in text and _is_code(text) else text


def _is_code(text: str) -> bool:
    return any(mark in text for mark in ("(", ".", "[", "=")) and not text.endswith(".") and (
        len(text.split()) <= 8)


def _rich(sections) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    for chapter, rows in sections:
        table = Table(title=f"{chapter.dir}: {chapter.title}", title_justify="left",
                      show_lines=True, expand=True)
        table.add_column("TensorFlow 2", style="yellow", ratio=3, overflow="fold")
        table.add_column("PyTorch", style="green", ratio=3, overflow="fold")
        table.add_column("note", ratio=4)
        for row in rows:
            table.add_row(row.tf, row.torch, row.note)
        console.print(table)
