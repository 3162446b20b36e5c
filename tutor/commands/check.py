"""`tutor check EXERCISE_ID FILE [FILE ...]`: grade files against an exercise.

Each file gets one verdict (the failing case and what to change, or a pass);
all files of one call share the same warm sandbox. Exit status: 0 when every
file passes, 1 when any fails, 2 for usage errors, an unknown exercise or an
unreadable file (nothing is graded then).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from tutor.commands.inputs import SourceError, index_for, known_exercise, read_source
from tutor.commands.verdicts import (
    announce_torch,
    open_for,
    open_store,
    print_plot,
    print_verdict,
    record_attempt,
)
from tutor.safetext import printable

if TYPE_CHECKING:
    from tutor.grading import Evaluator
    from tutor.lessons.exercise import ExerciseStep

DESCRIPTION = """Grade your solution files against an exercise, in a sandbox. Attempts are
recorded to your progress unless --no-record. Exit status: 0 all pass, 1 any fails,
2 usage error, unknown exercise or unreadable file."""
PROG = "tutor check"


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("check", parents=[parent], help=summary,
                       description=DESCRIPTION)
    p.add_argument("exercise", metavar="EXERCISE_ID", nargs="?",
                   help="exercise id, e.g. linear-algebra/dot-product")
    p.add_argument("files", metavar="FILE", nargs="*", help="Python files to grade")
    p.add_argument("--json", action="store_true", help="print one JSON object per file")
    p.add_argument("--no-record", action="store_true", help="do not record attempts to progress")
    p.add_argument("--list", action="store_true", help="list exercise ids and exit")
    p.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    """The order is for a cold start: the index of the course (from the cache, without
    the lesson models), the files, then the worker is launched, and only then are the
    evaluator and the one exercise loaded, while it warms up (:func:`open_for`)."""
    index = index_for(args, PROG)
    if args.list:
        for entry in index.exercises():
            print(f"{entry.id}  {entry.title}")
        return 0
    if not args.exercise or not args.files:
        print("tutor check: give an EXERCISE_ID and at least one FILE (or --list)",
              file=sys.stderr)
        return 2
    if not known_exercise(index, args.exercise, PROG):
        return 2
    sources = _read_all(args.files)
    if sources is None:
        return 2
    opened = open_for(index, args.exercise, getattr(args, "data_dir", None), PROG,
                      sources.values())
    if opened is None:
        return 2
    exercise, evaluator = opened
    return _grade_all(args, evaluator, exercise, sources)


def _read_all(files: list[str]) -> dict[str, str] | None:
    sources: dict[str, str] = {}
    ok = True
    for name in files:
        try:
            sources[name] = read_source(name)
        except SourceError as exc:
            print(f"{PROG}: cannot read {printable(name)}: {exc}", file=sys.stderr)
            ok = False
    return sources if ok else None


def _grade_all(args: argparse.Namespace, evaluator: Evaluator, exercise: ExerciseStep,
               sources: dict[str, str]) -> int:
    data_dir = getattr(args, "data_dir", None)
    store = None if args.no_record else open_store(data_dir, PROG, getattr(args, "course", None))
    color = not args.json and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    all_passed = True
    announce_torch(evaluator, PROG, sys.stderr)
    with evaluator:
        for name, source in sources.items():
            verdict = evaluator.check(exercise, source)
            all_passed &= verdict.passed
            if args.json:
                print(json.dumps({"file": printable(name), **verdict.to_json()}), flush=True)
            else:
                print_verdict(name, verdict, sys.stdout, color)
                if verdict.plot_data:
                    print_plot(verdict.plot_data, sys.stdout, PROG)
            if store is not None:
                record_attempt(store, exercise.id, verdict, source, PROG)
        if evaluator.reference_notice:
            print(f"{PROG}: note: {evaluator.reference_notice}", file=sys.stderr)
    if store is not None:
        store.close()
    return 0 if all_passed else 1
