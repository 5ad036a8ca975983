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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from corpus import entries, expected, figures, grade_corpus, record  # noqa: E402

from grader import catalogue  # noqa: E402


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
