"""`tutor lessons list|validate|schema|new`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from tutor import paths


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    lessons = sub.add_parser("lessons", parents=[parent], help="list, validate and scaffold "
                             "lessons; print the lesson JSON Schema",
                             description="Work with a lesson tree (--lessons DIR or "
                             "$TUTOR_LESSONS; default: the built-in course).")
    actions = lessons.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("list", parents=[parent], help="list lessons and their exercises")
    p.add_argument("--pillar", help="only this pillar")
    p.set_defaults(handler=cmd_list)

    p = actions.add_parser("validate", parents=[parent], help="check a lesson tree: schema, "
                           "references, starters, known mistakes, stated numbers")
    p.add_argument("dir", nargs="?", help="lesson tree (default: --lessons, $TUTOR_LESSONS, "
                   "or the built-in lessons)")
    p.add_argument("--no-run", action="store_true", help="schema and text only; run no code")
    p.set_defaults(handler=cmd_validate)

    p = actions.add_parser("schema", parents=[parent], help="print the lesson JSON Schema")
    p.set_defaults(handler=cmd_schema)

    p = actions.add_parser("new", parents=[parent], help="write a lesson skeleton to fill in")
    p.add_argument("pillar", help="one of: linear-algebra, calculus, probability, statistics, "
                   "optimization, information-theory")
    p.add_argument("slug", help="lesson name, lowercase words joined by '-'")
    p.add_argument("--dir", help="lesson tree to write into (default: --lessons, "
                   "$TUTOR_LESSONS, else ./lessons)")
    p.set_defaults(handler=cmd_new)


def _root(args: argparse.Namespace) -> Path:
    return paths.lessons_dir(getattr(args, "lessons", None))


def cmd_list(args: argparse.Namespace) -> int:
    from tutor.lessons.cache import load_index
    from tutor.lessons.pillars import PILLAR_TITLES

    course = load_index(_root(args), getattr(args, "data_dir", None))
    if course.notice:
        print(f"tutor: note: {course.notice}", file=sys.stderr)
    if args.pillar and args.pillar not in PILLAR_TITLES:
        print(f"tutor: unknown pillar {args.pillar!r}; choose one of "
              f"{', '.join(PILLAR_TITLES)}", file=sys.stderr)
        return 2
    for pillar, lessons in course.by_pillar().items():
        if args.pillar and pillar != args.pillar:
            continue
        print(f"{PILLAR_TITLES[pillar]} ({pillar})")
        if not lessons:
            print("  (no lessons)")
        for lesson in lessons:
            print(f"  {lesson.id:<44} {lesson.title}")
            for ex in lesson.exercises:
                print(f"      exercise {ex.id}  {ex.function}()")
    if course.errors:
        print(f"\n{len(course.errors)} lesson file problem(s); run `tutor lessons validate`",
              file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Problems exit 1; warnings (advice, such as hints that do not climb) are printed and
    counted in the summary but do not fail."""
    from dataclasses import replace

    from tutor.authoring.validate import validate_course
    from tutor.lessons.loader import LessonError, load_course

    root = paths.lessons_dir(args.dir) if args.dir else _root(args)
    course = load_course(root)

    warnings: list[LessonError] = []

    def report(error: object) -> None:
        print(error, flush=True)

    def warn(error: LessonError) -> None:
        warnings.append(error)
        print(replace(error, message=f"warning: {error.message}"), flush=True)

    problems = validate_course(course, report, run_code=not args.no_run, warn=warn)
    exercises = len(course.exercises())
    summary = (f"{len(course.lessons)} lessons, {exercises} exercises in {root}: "
               f"{problems or 'no'} problem{'s' if problems != 1 else ''}")
    if warnings:
        summary += f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    print(summary, file=sys.stderr)
    return 1 if problems else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from tutor.lessons.model import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from tutor.authoring.scaffold import write_skeleton

    explicit = args.dir or getattr(args, "lessons", None)
    if explicit or os.environ.get(paths.LESSONS_ENV):
        root = paths.lessons_dir(explicit)
    else:
        root = Path("lessons").resolve()
    try:
        path = write_skeleton(root, args.pillar, args.slug)
    except (ValueError, FileExistsError, OSError) as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    print(f"next: edit it, then run `tutor lessons validate {root}`")
    return 0
