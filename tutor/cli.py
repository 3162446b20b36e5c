"""Command-line entry point: parses arguments and hands off to ``tutor.commands``."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection, Sequence

from tutor import __version__

# Subcommand modules, each with its one-line summary (the top-level help lists them without
# importing any); each module keeps heavy imports inside its handler so start-up stays fast.
COMMANDS: dict[str, tuple[str, str]] = {
    "lessons": ("tutor.commands.lessons",
                "list, validate and scaffold lessons; print the lesson JSON Schema"),
    "check": ("tutor.commands.check", "grade a solution file in the sandbox"),
    "answer": ("tutor.commands.answer", "check an answer to a question"),
    "watch": ("tutor.commands.watch", "check a file again each time it is saved"),
    "progress": ("tutor.commands.progress", "show, reset, export or import your progress"),
    "review": ("tutor.commands.review", "list what is due for review"),
    "plot": ("tutor.commands.plot", "draw a lesson's plots in the terminal"),
    "doctor": ("tutor.commands.doctor", "show which sandbox layers are active"),
    "courses": ("tutor.commands.courses", "list installed courses; write a new course pack"),
    "report": ("tutor.commands.report", "a teacher's report over many learners' progress exports"),
    "notes": ("tutor.commands.notes",
              "your notebook: key points, your solutions and mistakes, as Markdown"),
}
# Commands that do not use the chosen course (so a bad $TUTOR_COURSE cannot stop them).
COURSE_FREE = {"courses"}


def global_options() -> argparse.ArgumentParser:
    """Options every command accepts, before or after the subcommand name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--lessons",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="lesson tree to use (default: $TUTOR_LESSONS, else the built-in lessons)",
    )
    parent.add_argument(
        "--course",
        metavar="ID",
        default=argparse.SUPPRESS,
        help="installed course to use, by id (default: $TUTOR_COURSE, else the built-in "
        "course); `tutor courses` lists them",
    )
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where progress is kept (default: $TUTOR_DATA_DIR, else the user data dir)",
    )
    return parent


def build_parser(used: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``used``: the commands whose own options are needed (default:
    all). The others are listed by name and summary only, without importing their module:
    opening the app (no command) imports none of them."""
    parent = global_options()
    parser = argparse.ArgumentParser(
        prog="tutor",
        parents=[parent],
        description="Learn the math behind machine learning by writing it. "
        "With no command, opens the tutor app.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        if used is None or name in used:
            importlib.import_module(module).register(sub, parent, summary)
        else:
            sub.add_parser(name, help=summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # an unencodable character never ends the run
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    # tutor's schemas are not for third-party pydantic plugins to instrument, and looking
    # for them reads every installed package's metadata at the first model
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser({word for word in args_list if word in COMMANDS})
    args = parser.parse_args(args_list)
    if args.command not in COURSE_FREE and not _choose_course(args):
        return 2
    lessons = getattr(args, "lessons", None)
    data = getattr(args, "data_dir", None)
    if args.command is None:
        from tutor.app.launch import launch

        return launch(lessons_dir=lessons, data_dir=data, course_id=args.course)
    handler = args.handler
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


def _choose_course(args: argparse.Namespace) -> bool:
    """Resolve --course/--lessons (and the environment) into ``args.lessons`` (the tree)
    and ``args.course`` (whose progress); False, with the reason printed, if it fails."""
    from tutor.courses.select import CourseChoiceError, choose

    try:
        choice = choose(getattr(args, "course", None), getattr(args, "lessons", None),
                        getattr(args, "data_dir", None))
    except CourseChoiceError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return False
    if choice.notice:
        print(f"tutor: note: {choice.notice}", file=sys.stderr)
    if choice.lessons is not None:
        args.lessons = str(choice.lessons)
    args.course = choice.course_id
    return True


if __name__ == "__main__":
    sys.exit(main())
