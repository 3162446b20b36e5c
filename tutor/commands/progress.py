"""`tutor progress [--json] | reset [--pillar P] [--yes] | export FILE [--name N] |
import FILE`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any, TypeVar

from tutor.commands.inputs import learner_course, open_store

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tutor.progress.due import ReviewPlan
    from tutor.progress.mastery import Mastery
    from tutor.progress.store import ProgressStore
    from tutor.progress.transfer import CourseRef

T = TypeVar("T")


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    progress = sub.add_parser(
        "progress", parents=[parent], help=summary,
        description="With no action: a table of progress per pillar (done: exercises "
        "passed plus checkpoints passed; exercises mastered; checkpoints passed; recall: "
        "the mean probability, by the review schedule, that you recall the pillar's "
        "exercises and questions now; last activity).",
    )
    progress.add_argument("--json", action="store_true", help="print machine-readable JSON")
    progress.set_defaults(handler=cmd_show)
    actions = progress.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("reset", parents=[parent], help="delete progress (asks first)")
    p.add_argument("--pillar", help="only this pillar's progress")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_reset)

    p = actions.add_parser("export", parents=[parent], help="write progress to a JSON file")
    p.add_argument("file", help="file to write ('-' for stdout)")
    p.add_argument("--name", help="your name, shown in your teacher's `tutor report` (so a "
                   "class can collect its exports in one folder)")
    p.set_defaults(handler=cmd_export)

    p = actions.add_parser("import", parents=[parent], help="merge a JSON export into progress "
                           "(importing the same file twice adds nothing)")
    p.add_argument("file", help="file to read ('-' for stdin)")
    p.set_defaults(handler=cmd_import)


def cmd_show(args: argparse.Namespace) -> int:
    from tutor.progress.due import review_plan

    course = learner_course(args, "tutor progress")
    with open_store(args) as store:
        mastery = store.mastery(course)
        resume = store.continue_position(course)
        store.sync_cards()
        plan = review_plan(store.review_cards(), course, time.time())
        if args.json:
            data: dict[str, Any] = {
                "database": str(store.path),
                "readonly": store.readonly,
                "warning": store.last_error,
                **mastery.to_json(),
                "recall": {"pillars": {p: plan.recall_of(pillar=p) for p in mastery.pillars},
                           "lessons": {lesson: plan.recall_of(lesson_id=lesson)
                                       for lesson in mastery.lessons},
                           "due_today": len(plan.today)},
                "position": store.position(),
                "continue": resume,
            }
            print(json.dumps(data, indent=2))
        else:
            print(f"Progress in {store.path}\n")
            print(format_table(mastery, plan))
            if plan.today:
                print(f"\n{len(plan.today)} due for review today: `tutor review` lists them.")
            if resume:
                print(f"\nContinue at: {resume[0]}, step {resume[1] + 1}")
        if store.last_error and store.last_error != store.notice:
            print(f"tutor: warning: {store.last_error}", file=sys.stderr)
    return 0


def format_table(mastery: Mastery, plan: ReviewPlan | None = None) -> str:
    """One row per pillar: done/total (``PillarMastery.done``: exercises and checkpoints),
    exercises mastered, checkpoints passed, recall (``ReviewPlan.recall_of``), last
    activity."""
    header = ("Pillar", "Done", "Exercises mastered", "Checkpoints", "Recall", "Last activity",
              "")
    rows = [header]
    for p in mastery.pillars.values():
        checkpoints = f"{p.checkpoints_passed}/{p.checkpoints_total}" if p.checkpoints_total \
            else "-"
        recall = plan.recall_of(pillar=p.pillar) if plan is not None else None
        rows.append((
            p.title,
            f"{p.done}/{p.total}",
            f"{p.exercises_mastered}/{p.exercises_total}",
            checkpoints,
            "-" if recall is None else f"{recall:.0%}",
            _when(p.last_activity),
            "mastered" if p.mastered else "",
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:5], widths[1:5],
                                                                       strict=True)]
        cells += [row[5].ljust(widths[5]), row[6]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return "never"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def cmd_reset(args: argparse.Namespace) -> int:
    from tutor.lessons.model import PILLARS
    from tutor.progress.store import ProgressError

    pillar = args.pillar
    if pillar is not None and pillar not in PILLARS:
        print(f"tutor: unknown pillar {pillar!r}; choose one of {', '.join(PILLARS)}",
              file=sys.stderr)
        return 2
    what = f"your progress in {pillar}" if pillar else "all your progress"
    with open_store(args) as store:
        if not args.yes:
            if not sys.stdin.isatty():
                print(f"tutor: refusing to delete {what} without confirmation: stdin is not a "
                      "terminal. Run `tutor progress reset --yes` to reset anyway.",
                      file=sys.stderr)
                return 1
            try:
                answer = input(f"Delete {what} in {store.path}? This cannot be undone "
                               "(`tutor progress export FILE` keeps a copy). [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing was deleted.")
                return 1
        try:
            deleted = store.reset(pillar)
        except ProgressError as exc:
            print(f"tutor: could not reset progress, nothing was deleted: {exc}", file=sys.stderr)
            return 1
    print(f"Deleted {what}: {_counts(deleted)}.")
    return 0


def _transfer(
    args: argparse.Namespace, run: Callable[[ProgressStore, str], T], failed: str
) -> tuple[Path, T] | None:
    """``(store path, run(store, args.file))``; on a bad file or store, say so and give None."""
    from tutor.progress.store import ProgressError
    from tutor.progress.transfer import TransferError

    with open_store(args) as store:
        try:
            return store.path, run(store, args.file)
        except (TransferError, ProgressError) as exc:
            print(f"tutor: {failed}: {exc}", file=sys.stderr)
            return None


def course_ref(args: argparse.Namespace) -> CourseRef | None:
    """The id and version in the course's manifest (None for a tree without one)."""
    from tutor import paths
    from tutor.courses.manifest import read_manifest
    from tutor.progress.transfer import CourseRef

    manifest, _ = read_manifest(paths.lessons_dir(getattr(args, "lessons", None)))
    return None if manifest is None else CourseRef(id=manifest.id, version=manifest.version)


def cmd_export(args: argparse.Namespace) -> int:
    from tutor.progress.transfer import export_progress

    course = course_ref(args)
    done = _transfer(args, lambda store, file: export_progress(
        store, file, learner=args.name, course=course), "export failed")
    if done is None:
        return 1
    where = "stdout" if args.file == "-" else args.file
    print(f"Exported to {where}: {_counts(done[1])}.", file=sys.stderr if args.file == "-"
          else sys.stdout)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tutor.progress.transfer import import_progress

    course = course_ref(args)
    done = _transfer(args, lambda store, file: import_progress(
        store, file, course_id=course.id if course else None),
        "import failed, nothing was changed")
    if done is None:
        return 1
    path, report = done
    print(f"Imported {args.file} into {path}:")
    if not any(m.added + m.updated + m.unchanged for m in report.values()):
        print("  the file holds no progress")
    for table, merged in report.items():
        if not merged.added + merged.updated + merged.unchanged:
            continue
        parts = [f"{merged.added} added"]
        if merged.updated:
            parts.append(f"{merged.updated} updated")
        if merged.unchanged:
            parts.append(f"{merged.unchanged} already present")
        print(f"  {_ROW_NAMES.get(table, (table, table))[1]}: {', '.join(parts)}")
    return 0


# What one row of each table is, singular and plural.
_ROW_NAMES: dict[str, tuple[str, str]] = {
    "attempts": ("attempt", "attempts"),
    "steps": ("completed step", "completed steps"),
    "answers": ("answer", "answers"),
    "checkpoints": ("checkpoint result", "checkpoint results"),
    "drafts": ("draft", "drafts"),
    "hints": ("exercise with hints", "exercises with hints"),
    "solutions": ("solution viewed", "solutions viewed"),
    "positions": ("lesson position", "lesson positions"),
    "last_position": ("last position", "last positions"),
}


def _counts(counts: dict[str, int]) -> str:
    """``"3 attempts, 1 draft"``: the non-zero counts, or ``"nothing"``."""
    parts = []
    for table, n in counts.items():
        one, many = _ROW_NAMES.get(table, (table, table))
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts) or "nothing"
