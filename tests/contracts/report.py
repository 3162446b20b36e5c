"""How often a buggy contract file is told its mistake: ``python -m tests.contracts.report``.

Grades every ``buggy_*.py`` under ``tests/contracts/solutions`` with one Evaluator and sorts
the message shown first into:

- ``mistake``: a lesson's known mistake matched (``verdict.mistake``);
- ``diagnosis``: a generic diagnosis named the cause (``verdict.diagnosis``: a constant
  ratio, a transpose, a shape hint, overflow advice, float counts...);
- ``check``: a check that names the problem by itself (a forbidden call, a loop, an
  exception with the learner's traceback, an input changed in place, the rng unused);
- ``bare``: only "wrong value(s): got X, expected Y", a bare shape, NaN without a cause.

The named fraction is everything but ``bare``. A measurement, never pass/fail; ``-v`` lists
the bare files with their message.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from tutor.grading import Evaluator
from tutor.grading.verdict import Verdict
from tutor.lessons.loader import load_course

SOLUTIONS = Path(__file__).parent / "solutions"

_BARE = [re.compile(p) for p in (
    r"^wrong values?: got [^()]*, expected [^()]*$",
    r"^wrong values: \d+ of \d+ differ(; at index \([\d, ]*\) got \S+, expected \S+)?$",
    r"^wrong shape: got \([\d, ]*\), expected \([\d, ]*\)$",
    r"^got (NaN|infinity) \([^)]*\) where the expected result is finite$",
    r"^the distribution is off: .*$",
    r"^expected \d+ values, got \d+$",
    r"^wrong result \(\w+\)$",
)]
_CHECKS = ("your code raised", "is not allowed", "changed its input", "did not draw from",
           "same seed gave", "numpy warned", "loops", "did not finish", "expected your function "
           "to raise", "returned None", "define a function", "missing key", "expected a tuple",
           "expected a number", "expected a dict", "expected an array", "too slow")


def category(verdict: Verdict) -> str:
    """mistake | diagnosis | check | bare, for a failed verdict (see the module docstring)."""
    if verdict.mistake:
        return "mistake"
    if getattr(verdict, "diagnosis", None):
        return "diagnosis"
    first = verdict.messages[0] if verdict.messages else ""
    text = first.split(": ", 1)[1] if verdict.failing and first.startswith(
        verdict.failing.name + ": ") else first
    text = re.sub(r"^output \S+: ", "", text.splitlines()[0] if text else "")
    if any(p.match(text) for p in _BARE):
        return "bare"
    if any(c in text for c in _CHECKS):
        return "check"
    return "diagnosis"


def main(argv: list[str]) -> int:
    course = load_course()
    counts: Counter[str] = Counter()
    bare: list[str] = []
    accepted: list[str] = []
    with Evaluator() as evaluator:
        for path in sorted(SOLUTIONS.rglob("buggy_*.py")):
            exercise_id = path.parent.relative_to(SOLUTIONS).as_posix()
            verdict = evaluator.check(course.exercise(exercise_id), path.read_text())
            if verdict.passed:
                counts["accepted"] += 1
                accepted.append(f"{exercise_id}/{path.stem}")
                continue
            kind = category(verdict)
            counts[kind] += 1
            if kind == "bare":
                bare.append(f"{exercise_id}/{path.stem}: {verdict.messages[0].splitlines()[0]}")
    graded = sum(counts[k] for k in ("mistake", "diagnosis", "check", "bare"))
    named = graded - counts["bare"]
    print(f"buggy files: {graded + counts['accepted']} ({counts['accepted']} accepted)")
    for kind in ("mistake", "diagnosis", "check", "bare"):
        print(f"  {kind:<10} {counts[kind]:4d}")
    print(f"named: {named}/{graded} = {named / max(graded, 1):.1%}")
    if "-v" in argv:
        print("\n".join(["", "bare:"] + bare + ["", "accepted (buggy files that pass):"]
                        + accepted))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
