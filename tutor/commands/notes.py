"""`tutor notes [--pillar P] [-o FILE]`: your notebook of what you have done, as Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = """Write a Markdown notebook of what you have done in this course: for each
lesson you have opened, its summary and key points, your own passing solution of each
exercise you checked, and the mistakes you made on the way with the messages you got.
Plain Markdown: read it in a pager (`tutor notes | less`) or any Markdown viewer."""


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("notes", parents=[parent], help=summary, description=DESCRIPTION)
    p.add_argument("--pillar", help="only this pillar")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the notebook to FILE (default: print it)")
    p.set_defaults(handler=cmd_notes)


def cmd_notes(args: argparse.Namespace) -> int:
    from tutor.commands.inputs import learner_course, open_store
    from tutor.lessons.model import PILLAR_TITLES
    from tutor.notes.notebook import notebook
    from tutor.safetext import printable

    if args.pillar and args.pillar not in PILLAR_TITLES:
        print(f"tutor notes: unknown pillar {args.pillar!r}; choose one of "
              f"{', '.join(PILLAR_TITLES)}", file=sys.stderr)
        return 2
    course = learner_course(args, "tutor notes")
    with open_store(args) as store:
        text = notebook(course, store.records(), store.attempts(), pillar=args.pillar)
    if not text:
        where = f" in {PILLAR_TITLES[args.pillar]}" if args.pillar else ""
        print(f"No notes yet{where}: open a lesson (run `tutor`) and check an exercise, and "
              "your notes start here.")
        return 0
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"tutor notes: cannot write {printable(args.output)}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(f"Notes written to {printable(args.output)}", file=sys.stderr)
    return 0
