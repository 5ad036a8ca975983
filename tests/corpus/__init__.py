"""The realistic corpus: answers to every exercise written from its docstring alone.

Helpers who had seen only ``exercises/`` (not the checks, not the reference) wrote, per exercise,
right answers written differently (``right__<id>__<slug>``) and wrong answers of the kinds people
write (``wrong__<id>__<slug>``: TensorFlow habits, PyTorch beginners' slips, code adapted from old
tutorials, careful people's corner-case slips). Each entry's docstring says where it comes from,
what is wrong, and on what input it differs. ``<chapter>/expected.json`` records, per caught wrong
entry, the known mistake the grader should name for it (reviewed by hand against the entry's
description; null: no known mistake may be named, for none is the entry's mistake, or the entry
makes more than one: every clip_grads_by_norm entry that also crashes when no parameter has a
gradient, for instance).

``entries()`` lists them; ``python tools/corpus.py`` grades them all and prints the figures.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from grader import catalogue
from grader.runner import Options, grade

HERE = Path(__file__).resolve().parent
SOLUTIONS = HERE.parent.parent / "solutions"
NAME = re.compile(r"^(right|wrong)__(.+)$")


@dataclass(frozen=True)
class Entry:
    """One answer of the corpus."""

    exercise: str
    kind: str
    """"right" or "wrong"."""
    name: str
    """The function or class name in its file (unique in the file)."""
    file: Path
    origin: str
    """alternative, tf-habit, beginner, old-api, examples or subtle."""
    description: str

    @property
    def key(self) -> str:
        return f"{self.file.parent.name}/{self.file.name}:{self.name}"

    @property
    def override(self) -> str:
        return f"{self.file}:{self.name}"


def entries(ids: set[str]) -> list[Entry]:
    """Every entry of the corpus, for the given exercise ids, in file order."""
    found = []
    for path in sorted(HERE.glob("*/*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                continue
            match = NAME.match(node.name)
            if not match:
                continue
            kind, rest = match.groups()
            candidates = [i for i in ids if rest.startswith(i + "__")]
            if not candidates:
                continue
            doc = (ast.get_docstring(node) or "").split("|")
            found.append(Entry(max(candidates, key=len), kind, node.name, path,
                               doc[0].strip(), "|".join(doc[1:]).strip()))
    return found


def expected() -> dict[str, str | None]:
    """Entry key → the known mistake the grader should name (``exercise:mistake``) or None."""
    reviewed: dict[str, str | None] = {}
    for path in sorted(HERE.glob("*/expected.json")):
        reviewed.update(json.loads(path.read_text(encoding="utf-8")))
    return reviewed


def record(found: dict[str, str | None]) -> None:
    """Add names to each chapter's expected.json (for entries it does not list yet)."""
    by_chapter: dict[str, dict[str, str | None]] = {}
    for key, named in found.items():
        by_chapter.setdefault(key.split("/")[0], {})[key] = named
    for chapter, names in by_chapter.items():
        path = HERE / chapter / "expected.json"
        known = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        for key, named in names.items():
            known.setdefault(key, named)
        path.write_text(json.dumps(dict(sorted(known.items())), indent=1) + "\n",
                        encoding="utf-8")


def grade_corpus(chosen: list[Entry], progress: bool = True) -> dict[str, dict]:
    """Entry key → {status, message, named} for every entry, graded round by round."""
    by_exercise: dict[str, list[Entry]] = defaultdict(list)
    for entry in chosen:
        by_exercise[entry.exercise].append(entry)
    depth = max((len(v) for v in by_exercise.values()), default=0)
    cat = catalogue.load()
    results: dict[str, dict] = {}
    for k in range(depth):
        round_entries = {i: es[k] for i, es in by_exercise.items() if len(es) > k}
        started = time.perf_counter()
        report = grade([cat.exercise(i) for i in round_entries],
                       Options(exercises=str(SOLUTIONS),
                               overrides={i: e.override for i, e in round_entries.items()}))
        for result in report.results:
            entry = round_entries[result.id]
            results[entry.key] = {"status": result.status, "message": result.message,
                                  "named": result.named, "kind": entry.kind,
                                  "exercise": entry.exercise, "origin": entry.origin,
                                  "description": entry.description}
        if progress:
            print(f"round {k + 1}/{depth}: {len(round_entries)} entries in "
                  f"{time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return results


def figures(results: dict[str, dict], reviewed: dict[str, str | None]) -> dict[str, list[str]]:
    """The lists behind each figure (keys of entries)."""
    right = [k for k, r in results.items() if r["kind"] == "right"]
    wrong = [k for k, r in results.items() if r["kind"] == "wrong"]
    passed = {"passed", "skipped"}
    caught = [k for k in wrong if results[k]["status"] not in passed]
    named = [k for k in caught if results[k]["named"]]
    misnamed = [k for k in named if k in reviewed and reviewed[k] != results[k]["named"]]
    return {"right": right, "wrong": wrong,
            "false rejects": [k for k in right if results[k]["status"] not in passed],
            "caught": caught, "missed": [k for k in wrong if k not in caught],
            "named": named, "unnamed": [k for k in caught if not results[k]["named"]],
            "misnamed": misnamed,
            "unreviewed": [k for k in named if k not in reviewed]}
