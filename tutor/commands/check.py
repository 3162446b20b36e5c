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
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tutor import paths
from tutor.commands.suggest import did_you_mean
from tutor.safetext import printable

if TYPE_CHECKING:
    from tutor.grading.verdict import Verdict
    from tutor.lessons.loader import Course

DESCRIPTION = """Grade your solution files against an exercise, in a sandbox. Attempts are
recorded to your progress unless --no-record. Exit status: 0 all pass, 1 any fails,
2 usage error, unknown exercise or unreadable file."""
MAX_SOURCE_BYTES = 1_000_000
OUTPUT_LINES = 12


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[parent], help="grade a solution file in the sandbox",
                       description=DESCRIPTION)
    p.add_argument("exercise", metavar="EXERCISE_ID", nargs="?",
                   help="exercise id, e.g. linear-algebra/dot-product")
    p.add_argument("files", metavar="FILE", nargs="*", help="Python files to grade")
    p.add_argument("--json", action="store_true", help="print one JSON object per file")
    p.add_argument("--no-record", action="store_true", help="do not record attempts to progress")
    p.add_argument("--list", action="store_true", help="list exercise ids and exit")
    p.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from tutor.lessons.loader import load_course

    course = load_course(paths.lessons_dir(getattr(args, "lessons", None)))
    if args.list:
        for exercise in course.exercises():
            print(f"{exercise.id}  {exercise.title}")
        return 0
    if not args.exercise or not args.files:
        print("tutor check: give an EXERCISE_ID and at least one FILE (or --list)",
              file=sys.stderr)
        return 2
    try:
        exercise = course.exercise(args.exercise)
    except KeyError:
        hint = did_you_mean(args.exercise, [e.id for e in course.exercises()],
                            otherwise="see `tutor check --list`")
        print(f"tutor check: unknown exercise {args.exercise!r}{hint}", file=sys.stderr)
        if course.errors:
            print(f"({len(course.errors)} lesson file problem(s); run `tutor lessons validate`)",
                  file=sys.stderr)
        return 2
    sources = _read_all(args.files)
    if sources is None:
        return 2
    return _grade_all(args, exercise, sources, course)


def _read_all(files: list[str]) -> dict[str, str] | None:
    sources: dict[str, str] = {}
    ok = True
    for name in files:
        try:
            data = Path(name).read_bytes()
            if len(data) > MAX_SOURCE_BYTES:
                raise ValueError(f"larger than {MAX_SOURCE_BYTES // 1000} kB")
            sources[name] = data.decode("utf-8")
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"tutor check: cannot read {printable(name)}: {reason}", file=sys.stderr)
            ok = False
    return sources if ok else None


def _grade_all(args: argparse.Namespace, exercise: Any, sources: dict[str, str],
               course: Course) -> int:
    from tutor.grading import Evaluator, layers

    try:
        off = layers.off_from_env()
    except ValueError as exc:
        print(f"tutor check: {exc}", file=sys.stderr)
        return 2
    data_dir = getattr(args, "data_dir", None)
    store = None if args.no_record else _open_store(data_dir)
    color = not args.json and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    all_passed = True
    with Evaluator(lessons_root=course.root, data_dir=paths.data_dir(data_dir),
                   off=off) as evaluator:
        for name, source in sources.items():
            verdict = evaluator.check(exercise, source)
            all_passed &= verdict.passed
            if args.json:
                print(json.dumps({"file": printable(name), **verdict.to_json()}), flush=True)
            else:
                print_verdict(name, verdict, sys.stdout, color)
                if verdict.plot_data:
                    _print_plot(verdict.plot_data)
            if store is not None:
                _record(store, exercise.id, verdict, source)
    if store is not None:
        store.close()
    return 0 if all_passed else 1


def print_verdict(name: str, verdict: Verdict, out: TextIO, color: bool = False) -> None:
    """The human-readable verdict: headline, failing case, diagnosis, output."""
    paint = _painter(color)
    mark = paint("✓", "32") if verdict.passed else paint("✗", "31")
    status = paint(verdict.status, "32" if verdict.passed else "31;1")
    out.write(f"{mark} {printable(name)}: {status}  ({verdict.duration_ms:.0f} ms)\n")
    failing = verdict.failing
    if failing is not None:
        out.write(f"  {paint('case:', '1')} {failing.name}\n")
        for label, value in (("inputs", failing.inputs), ("expected", failing.expected),
                             ("got", failing.got)):
            if value:
                out.write(f"    {label + ':':9} {value}\n")
    for message in verdict.messages:
        lines = message.rstrip().splitlines() or [""]
        out.write(f"  {lines[0]}\n")
        out.writelines(f"    {line}\n" for line in lines[1:])
    if verdict.mistake:
        out.write(f"  {paint('known mistake:', '33')} {verdict.mistake}\n")
    lines = verdict.stdout.rstrip().splitlines()
    if lines:
        out.write(f"  {paint('your output:', '2')}\n")
        out.writelines(f"    | {line}\n" for line in lines[:OUTPUT_LINES])
        if len(lines) > OUTPUT_LINES:
            out.write(f"    | ... {len(lines) - OUTPUT_LINES} more lines\n")
    out.flush()


def _painter(color: bool) -> Any:
    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    return paint


def _print_plot(plot_data: dict[str, Any]) -> None:
    try:
        from tutor.plots import figure_from_verdict, render_text

        print(render_text(figure_from_verdict(plot_data)))
    except Exception as exc:  # noqa: BLE001 - the plot is a bonus; the verdict stands
        print(f"tutor check: could not draw the plot ({exc})", file=sys.stderr)


def _open_store(data_dir: str | None) -> Any:
    try:
        from tutor.progress import ProgressStore

        return ProgressStore.open(paths.data_dir(data_dir))
    except Exception as exc:  # noqa: BLE001 - grading works without progress
        print(f"tutor check: warning: progress not recorded ({exc})", file=sys.stderr)
        return None


def _record(store: Any, exercise_id: str, verdict: Verdict, source: str) -> None:
    try:
        store.record_attempt(exercise_id, status=verdict.status, duration_ms=verdict.duration_ms,
                             hints_used=0, code=source, passed=verdict.passed)
    except Exception as exc:  # noqa: BLE001 - grading works without progress
        print(f"tutor check: warning: attempt not recorded ({exc})", file=sys.stderr)
