"""`tutor courses` (list the installed courses) and `tutor courses new NAME`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ERRORS_SHOWN = 10


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    courses = sub.add_parser(
        "courses", parents=[parent], help=summary,
        description="With no action: every installed course (the built-in one and the "
        "packages that declare a `tutor.courses` entry point) with its version, where it "
        "comes from, its lessons, and the problems that keep a broken one out. Use one with "
        "`tutor --course ID ...` or $TUTOR_COURSE.")
    courses.set_defaults(handler=cmd_list)
    actions = courses.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("new", parents=[parent], help="write a course pack skeleton "
                           "(pyproject with the entry point, course.yaml, one lesson)")
    p.add_argument("name", help="the course id: lowercase words joined by '-'")
    p.add_argument("--dir", help="folder to create the pack in (default: ./NAME)")
    p.set_defaults(handler=cmd_new)


def cmd_list(args: argparse.Namespace) -> int:
    from tutor.courses.registry import installed_courses
    from tutor.lessons.loader import load_course

    for course in installed_courses():
        print(f"{course.id}  {course.version}  ({course.source})")
        print(f"    {course.title}")
        errors = list(course.errors)
        if course.ok and course.root is not None:
            lessons = load_course(course.root)
            count, exercises = len(lessons.lessons), len(lessons.exercises())
            print(f"    {count} lesson{'s' * (count != 1)}, {exercises} "
                  f"exercise{'s' * (exercises != 1)} in {course.root}")
            errors += [str(e) for e in lessons.errors]
            if lessons.errors:
                print(f"    {len(lessons.errors)} lesson file problem(s); those lessons are "
                      f"left out (`tutor --course {course.id} lessons validate`)")
        elif course.root is not None:
            print(f"    in {course.root}")
        if not course.ok:
            print("    ✗ cannot be used:")
        for error in errors[:ERRORS_SHOWN]:
            print(f"      {error}")
        if len(errors) > ERRORS_SHOWN:
            print(f"      … and {len(errors) - ERRORS_SHOWN} more")
    return 0



def cmd_new(args: argparse.Namespace) -> int:
    from tutor.courses.scaffold import write_pack

    target = Path(args.dir or args.name).resolve()
    try:
        written = write_pack(target, args.name)
    except (ValueError, FileExistsError, OSError) as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    print(f"next: `pip install -e {target}`, then `tutor --course {args.name} lessons "
          "validate` and `tutor courses`")
    return 0
