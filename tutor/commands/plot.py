"""`tutor plot LESSON_ID [STEP]`: draw a lesson's plot steps in the terminal."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from typing import Any

from tutor.commands.suggest import did_you_mean

DESCRIPTION = """Draw a lesson's plots as text. STEP counts the lesson's plot steps from 1
(the first plot is 1, whatever other steps come before it); without STEP every plot of
the lesson is drawn. Use --list to see them. Exit status 2 for an unknown lesson or
step."""


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("plot", parents=[parent], help=summary,
                       description=DESCRIPTION)
    p.add_argument("lesson", metavar="LESSON_ID", help="lesson id, e.g. optimization/learning-rate")
    p.add_argument("step", metavar="STEP", nargs="?", type=int,
                   help="which plot of the lesson, counting its plot steps from 1 (default: all)")
    p.add_argument("--list", action="store_true", help="list the lesson's plots and exit")
    p.add_argument("--width", type=int, default=None,
                   help="columns (default: the terminal's width, at most 100)")
    p.add_argument("--height", type=int, default=24,
                   help="lines per plot, notes included (default: 24)")
    p.add_argument("--color", action="store_true", help="draw with ANSI colours")
    p.set_defaults(handler=cmd_plot)


def cmd_plot(args: argparse.Namespace) -> int:
    from tutor.commands.inputs import load_course_for
    from tutor.lessons.model import PlotStep

    course = load_course_for(args, "tutor plot")
    try:
        lesson = course.lesson(args.lesson)
    except KeyError:
        hint = did_you_mean(args.lesson, [lesson.id for lesson in course.lessons])
        print(f"tutor: unknown lesson {args.lesson!r}{hint}", file=sys.stderr)
        if course.errors:
            print(f"({len(course.errors)} lesson file problem(s); run `tutor lessons validate`)",
                  file=sys.stderr)
        return 2
    plots = [(i, s) for i, s in enumerate(lesson.steps) if isinstance(s, PlotStep)]
    if not plots:
        print(f"tutor: lesson {lesson.id!r} has no plot steps", file=sys.stderr)
        return 2 if args.step is not None else 1
    if args.list:
        for n, (i, step) in enumerate(plots, 1):
            print(f"{n}. {step.title}  ({step.plot.kind}, step {i + 1} of the lesson)")
        return 0
    if args.step is not None:
        if not 1 <= args.step <= len(plots):
            print(f"tutor: lesson {lesson.id!r} has {len(plots)} plot step(s); STEP must be "
                  f"1..{len(plots)}, not {args.step}", file=sys.stderr)
            return 2
        plots = [plots[args.step - 1]]
    width = args.width or min(shutil.get_terminal_size((80, 24)).columns, 100)
    blocks = [_draw(step, width, args.height, args.color) for _, step in plots]
    print("\n\n".join(blocks))
    return 0


def _draw(step: Any, width: int, height: int, color: bool) -> str:
    from tutor.plots import build_figure, render_text

    fig = build_figure(step.plot.kind, dict(step.plot.params), title=step.title)
    text = render_text(fig, width=width, height=height, color=color)
    if step.caption:
        text += "\n" + "\n".join(textwrap.wrap(" ".join(step.caption.split()), max(width, 20)))
    return text
