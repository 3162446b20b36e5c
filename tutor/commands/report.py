"""`tutor report FILE... [--csv OUT] [--json OUT]`: a class's progress exports, summed up."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tutor.safetext import printable

DESCRIPTION = """Read the progress exports of a class (`tutor progress export FILE --name
NAME`, collected in one folder) and print, per exercise and per pillar, how many learners
started, passed and were shown the solution, the median attempts and hints, and the most
frequent known mistakes; per learner, the exercises passed and pillars mastered; and a
chart of pass rates by exercise. Files that are malformed, from a newer tutor, of another
course or the same learner twice (the newer is kept) are listed and skipped. The course is
the one chosen with --course (default: the built-in course)."""


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("report", parents=[parent], help=summary, description=DESCRIPTION)
    p.add_argument("files", metavar="FILE", nargs="+",
                   help="progress exports, or folders of them (their *.json files)")
    p.add_argument("--csv", metavar="OUT", help="write the gradebook: one row per learner, "
                   "one column per exercise and checkpoint ('-' for stdout)")
    p.add_argument("--json", metavar="OUT", help="write the report as JSON ('-' for stdout)")
    p.add_argument("--no-chart", action="store_true", help="do not draw the pass-rate chart")
    p.set_defaults(handler=cmd_report)


def expand(names: list[str]) -> Iterator[Path]:
    """The files named, with each folder replaced by its ``*.json`` files in name order."""
    for name in names:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix == ".json")
        else:
            yield path


def cmd_report(args: argparse.Namespace) -> int:
    from tutor.commands.inputs import load_course_for
    from tutor.commands.progress import course_ref
    from tutor.report.learners import read_class
    from tutor.report.output import format_report, pass_rate_figure, to_json, write_csv
    from tutor.report.tally import tally

    course = load_course_for(args, "tutor report")
    if not course.lessons:
        print("tutor report: the course has no lessons that load; run `tutor lessons "
              "validate`", file=sys.stderr)
        return 2
    ref = course_ref(args)
    data = read_class(expand(args.files), course, ref.id if ref else None)
    numbers = tally(data.learners, course)
    stdout_taken = "-" in (args.csv, args.json)
    text = sys.stderr if stdout_taken else sys.stdout
    print(format_report(numbers, data), file=text)
    if not args.no_chart and not stdout_taken:
        from tutor.plots import render_text

        print("\n" + render_text(pass_rate_figure(numbers), width=80, height=20), file=text)
    try:
        if args.json:
            report = to_json(ref.model_dump() if ref else None, numbers, data, course)
            _write(args.json, lambda out: json.dump(report, out, indent=1, ensure_ascii=False))
        if args.csv:
            _write(args.csv, lambda out: write_csv(out, data, course))
    except OSError as exc:
        print(f"tutor report: cannot write: {printable(str(exc))}", file=sys.stderr)
        return 1
    return 0 if data.learners else 1


def _write(name: str, fill: Any) -> None:
    if name == "-":
        fill(sys.stdout)
        sys.stdout.write("\n")
        return
    with open(name, "w", encoding="utf-8", newline="") as out:
        fill(out)
