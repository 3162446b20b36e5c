"""`tutor lessons list|validate|schema|new`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from tutor import paths


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    lessons = sub.add_parser("lessons", parents=[parent], help=summary,
                             description="Work with a lesson tree (--lessons DIR or "
                             "$TUTOR_LESSONS; default: the built-in course).")
    actions = lessons.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("list", parents=[parent], help="list lessons and their exercises")
    p.add_argument("--pillar", help="only this pillar")
    p.set_defaults(handler=cmd_list)

    p = actions.add_parser("validate", parents=[parent], help="check a lesson tree or one "
                           "lesson file: schema, references, starters, known mistakes, "
                           "stated numbers")
    p.add_argument("dir", nargs="?", metavar="PATH", help="a lesson tree, or one lesson file "
                   "in one (default: --lessons, $TUTOR_LESSONS, or the built-in lessons)")
    p.add_argument("--no-run", action="store_true", help="schema and text only; run no code")
    p.add_argument("--no-cache", action="store_true", help="run every check again, even "
                   "those whose lesson has not changed since the last run")
    p.add_argument("--jobs", type=_positive, metavar="N", help="checks run at once (default: "
                   "one per core)")
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


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _validate_target(args: argparse.Namespace) -> tuple[Path, Path | None]:
    """The lesson tree to load and, for `validate FILE`, the one file to report on: in the
    configured tree when the file is in it, else in the nearest folder above it with a
    course manifest, else in the folder above its pillar folder. ValueError if none."""
    if not args.dir:
        return _root(args), None
    given = Path(args.dir).expanduser().resolve()
    if not given.is_file():
        return paths.lessons_dir(args.dir), None
    configured = paths.lessons_dir(getattr(args, "lessons", None))
    if given.is_relative_to(configured):
        return configured, given
    from tutor.lessons.model import PILLARS
    from tutor.lessons.tree import MANIFEST_NAME

    for folder in list(given.parents)[:8]:
        if (folder / MANIFEST_NAME).is_file():
            return folder, given
    if given.parent.name in PILLARS:
        return given.parent.parent, given
    raise ValueError(f"{given} is not in a lesson tree (a pillar folder such as "
                     "probability/, in a folder given with --lessons or holding a "
                     f"{MANIFEST_NAME})")


def _summary(lessons: int, exercises: int, where: Path, problems: int, warnings: int) -> str:
    text = (f"{lessons} lesson{'s' if lessons != 1 else ''}, {exercises} exercise"
            f"{'s' if exercises != 1 else ''} in {where}: {problems or 'no'} problem"
            f"{'s' if problems != 1 else ''}")
    if warnings:
        text += f", {warnings} warning{'s' if warnings != 1 else ''}"
    return text


def cmd_validate(args: argparse.Namespace) -> int:
    """Problems exit 1; warnings (advice, such as hints that do not climb) are printed and
    counted in the summary but do not fail. A tree (or file) unchanged since a run without
    problems is answered from the cache without loading it."""
    from tutor.authoring.cache import Report, ValidateCache, tree_digest

    try:
        root, file = _validate_target(args)
    except ValueError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 2
    cache = ValidateCache(paths.cache_dir(), use=not args.no_cache)
    digest = tree_digest(root)
    key = None if digest is None else cache.key(
        "course", digest, "no-run" if args.no_run else "run",
        "" if file is None else str(file.relative_to(root)) if file.is_relative_to(root)
        else str(file))
    known = None if key is None else cache.get_report(key)
    if known is not None:
        for line in known.warnings:
            print(f"{root}{os.sep}{line}", flush=True)
        print(_summary(known.lessons, known.exercises, file or root, 0, len(known.warnings)),
              file=sys.stderr)
        return 0
    result = _validate_loaded(args, root, file, cache)
    if result is None:
        print(f"tutor: {file} is not a lesson file of the tree {root} (lesson files are "
              ".yaml files in a pillar folder)", file=sys.stderr)
        return 2
    problems, warnings, lessons, exercises = result
    prefix = f"{root}{os.sep}"
    if key is not None and problems == 0 and all(w.startswith(prefix) for w in warnings):
        cache.put_report(Report(format=1, key=key, lessons=lessons, exercises=exercises,
                                warnings=[w[len(prefix):] for w in warnings]))
    cache.prune()
    for notice in cache.notices:
        print(f"tutor: {notice}", file=sys.stderr)
    print(_summary(lessons, exercises, file or root, problems, len(warnings)), file=sys.stderr)
    return 1 if problems else 0


def _validate_loaded(args: argparse.Namespace, root: Path, file: Path | None,
                     cache: Any) -> tuple[int, list[str], int, int] | None:
    """Load the tree and validate it (or ``file`` in it), printing each problem and
    warning; returns (problems, warnings as printed, lessons, exercises), or None when
    ``file`` is not one of the tree's lesson files."""
    from dataclasses import replace

    from tutor.authoring.progress import Bar
    from tutor.authoring.validate import validate_course
    from tutor.lessons.loader import LessonError, load_course

    course = load_course(root)
    lessons = [le for le in course.lessons
               if file is None or course.sources[le.id].path.resolve() == file]
    if file is not None and not lessons and not any(e.file.resolve() == file
                                                    for e in course.errors):
        return None
    warnings: list[str] = []

    def report(error: object) -> None:
        print(error, flush=True)

    def warn(error: LessonError) -> None:
        line = str(replace(error, message=f"warning: {error.message}"))
        warnings.append(line)
        print(line, flush=True)

    with Bar(enabled=sys.stdout.isatty() and sys.stderr.isatty()) as bar:
        problems = validate_course(course, report, run_code=not args.no_run, warn=warn,
                                   files=None if file is None else [file], cache=cache,
                                   jobs=args.jobs, progress=bar.update)
    return problems, warnings, len(lessons), sum(len(le.exercises) for le in lessons)


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
