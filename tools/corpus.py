"""Grade the realistic corpus (tests/corpus/) and print the figures the grader is judged by.

    python tools/corpus.py [--chapter 01_tensors] [--json results.json] [--record]

Every entry is graded in place of the learner's stub (on a copy of the reference), round by
round: round k grades the k-th entry of every exercise in one grading run. Printed:
  false rejects   right entries that did not pass (must be 0)
  caught          wrong entries that did not pass, out of all wrong entries
  named           caught entries whose message names a known mistake
  misnamed        named entries whose named mistake differs from the one reviewed for them in
                  tests/corpus/<chapter>/expected.json (null there: none should be named)
and the lists behind each figure. --record writes the names seen for entries that expected.json
does not list yet, to review by hand before committing (a name that is not the entry's mistake
becomes null there, and counts as misnamed until the grader stops naming it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from corpus import Entry, entries, expected, record  # noqa: E402

from grader import catalogue  # noqa: E402
from grader.runner import Options, grade  # noqa: E402


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
                       Options(exercises=str(REPO / "solutions"),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapter", action="append", default=[],
                        help="only this chapter (repeatable)")
    parser.add_argument("--json", metavar="FILE", help="write every result to FILE")
    parser.add_argument("--record", action="store_true",
                        help="add the names seen for entries expected.json does not list yet")
    args = parser.parse_args(argv)
    cat = catalogue.load()
    ids = {e.id for e in cat.exercises if not args.chapter or e.chapter in args.chapter}
    results = grade_corpus(entries(ids))
    reviewed = expected()
    found = figures(results, reviewed)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    for name in ("false rejects", "missed", "unnamed", "misnamed", "unreviewed"):
        for key in found[name]:
            r = results[key]
            print(f"{name}: {key} [{r['status']}] {r['named'] or ''}\n    {r['description']}")
    right, wrong = len(found["right"]), len(found["wrong"])
    caught, named = len(found["caught"]), len(found["named"])
    print(f"\nright entries: {right}; false rejects: {len(found['false rejects'])}")
    print(f"wrong entries: {wrong}; caught: {caught} ({100 * caught / max(wrong, 1):.1f} %); "
          f"named: {named} ({100 * named / max(caught, 1):.1f} % of caught); "
          f"misnamed: {len(found['misnamed'])}; named but not reviewed: "
          f"{len(found['unreviewed'])}")
    if args.record:
        record({key: results[key]["named"] or None for key in found["named"]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
