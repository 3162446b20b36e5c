"""`tutor answer LESSON_ID QUESTION_ID TEXT [--json]`: check an answer to a question from
the command line, as the app does, for scripts, editors and tests.

Nothing the learner types is executed (formulas are read, shapes and numbers parsed).
A question family draws its numbers from a seed, in the sandbox: without TEXT the
command shows the drawn question and its seed; the answer then names the seed
(``--seed N TEXT``), so the same numbers are judged. The attempt is recorded in progress
like the app's, unless --no-record. Exit status: 0 right (or a drawn question shown),
1 wrong, 2 text that cannot be read, or an unknown lesson or question.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor import paths
from tutor.commands.suggest import did_you_mean
from tutor.safetext import printable

if TYPE_CHECKING:
    from tutor.lessons.answers import AnswerResult
    from tutor.lessons.loader import Course
    from tutor.lessons.model import AnyQuestion, Lesson

PROG = "tutor answer"
MAX_STDIN_CHARS = 1_000_000  # longer is cut here; the check refuses far shorter text anyway
DESCRIPTION = """Check an answer to a lesson's question, as the app does, and record it in
your progress (unless --no-record). A choice is answered with its text or its index
counting from 0; a formula, a shape or a number as you would type it in the app (TEXT
"-" reads it from standard input). A question that draws new numbers each time (a
family) is shown with its seed when TEXT is left out; answer it with --seed N TEXT.
Exit status: 0 right (or a drawn question shown), 1 wrong, 2 unreadable text or an
unknown lesson or question."""


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("answer", parents=[parent], help=summary,
                       description=DESCRIPTION)
    p.add_argument("lesson", metavar="LESSON_ID", help="lesson id, e.g. calculus/sigmoid")
    p.add_argument("question", metavar="QUESTION_ID", help="question id within the lesson")
    # REMAINDER, so that a TEXT starting with "-" (-log2(p), -0.5) is not taken for an option
    p.add_argument("text", metavar="TEXT", nargs=argparse.REMAINDER, help="your answer")
    p.add_argument("--json", action="store_true", help="print {correct, valid, message, "
                   "read_as, mistake} as one JSON object")
    p.add_argument("--no-record", action="store_true", help="do not record the answer")
    p.add_argument("--seed", type=_seed, help="for a question that draws its numbers: the "
                   "seed they were drawn with (shown when TEXT is left out)")
    p.set_defaults(handler=cmd_answer)


def _seed(text: str) -> int:
    value = int(text)
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError("a seed is a whole number from 0 to 4294967295")
    return value


def _options_after_text(args: argparse.Namespace) -> str | None:
    """Read the options given after TEXT into ``args``; return TEXT (None if missing)."""
    late = argparse.ArgumentParser(add_help=False)
    late.add_argument("--json", action="store_true")
    late.add_argument("--no-record", action="store_true")
    late.add_argument("--seed", type=_seed)
    late.add_argument("--lessons")
    late.add_argument("--data-dir")
    found, words = late.parse_known_args(args.text)
    args.json |= found.json
    args.no_record |= found.no_record
    for name in ("lessons", "data_dir", "seed"):
        if getattr(found, name) is not None:
            setattr(args, name, getattr(found, name))
    words = [w for w in words if w != "--"]
    if words == ["-"]:  # the answer on standard input, for editors and long texts
        return sys.stdin.read(MAX_STDIN_CHARS + 1).strip("\n")
    return " ".join(words) if words else None


def cmd_answer(args: argparse.Namespace) -> int:
    from tutor.lessons.families import is_family
    from tutor.lessons.loader import load_course

    args.seed = getattr(args, "seed", None)
    text = _options_after_text(args)
    root = paths.lessons_dir(getattr(args, "lessons", None))
    found = _find(_one_lesson(root, args.lesson) or load_course(root), args.lesson,
                  args.question)
    if isinstance(found, str):
        return _refuse(args, found)
    lesson, question = found
    if is_family(question):
        return _family(args, root, lesson, question, text)
    if text is None:
        print(f"{PROG}: give LESSON_ID, QUESTION_ID and your answer TEXT", file=sys.stderr)
        return 2
    return _judge(args, lesson, question, text)


def _family(args: argparse.Namespace, root: Path, lesson: Lesson, question: AnyQuestion,
            text: str | None) -> int:
    """A question family: show a drawn instance and its seed (no TEXT), or judge TEXT
    against the instance drawn with --seed."""
    import secrets

    if text is not None and args.seed is None:
        return _refuse(args, "this question draws new numbers each time: run `tutor answer "
                       f"{lesson.id} {question.id}` to see them and their seed, then answer "
                       "with --seed N TEXT")
    seed = secrets.randbelow(2**31) if args.seed is None else args.seed
    drawn = _draw(root, lesson, question, seed)
    if isinstance(drawn, str):
        return _refuse(args, f"this question could not draw its numbers: {drawn}")
    if text is None:
        _show(args, lesson, drawn.question, seed)
        return 0
    return _judge(args, lesson, drawn.question, text, template=question)


def _draw(root: Path, lesson: Lesson, question: AnyQuestion, seed: int) -> Any:
    """The instance drawn with ``seed``, in the sandbox, or why there is none."""
    from tutor.grading import Evaluator
    from tutor.lessons.families import Drawn
    from tutor.lessons.model import lesson_code

    try:
        with Evaluator(lessons_root=root) as evaluator:
            [drawn] = evaluator.draw(question, lesson_code(lesson), [seed])
    except Exception as exc:  # noqa: BLE001 - no sandbox here: say so, no traceback
        return f"the sandbox did not start ({type(exc).__name__}: {exc})"
    return drawn if isinstance(drawn, Drawn) else str(drawn)


def _show(args: argparse.Namespace, lesson: Lesson, question: AnyQuestion, seed: int) -> None:
    choices = list(getattr(question, "choices", []))
    if args.json:
        print(json.dumps({"seed": seed, "prompt": question.prompt, "choices": choices},
                         ensure_ascii=False))
        return
    print(printable(question.prompt.rstrip("\n")))
    for index, choice in enumerate(choices):
        print(f"  {index}. {printable(choice)}")
    print(f"\nAnswer with: {PROG} {lesson.id} {question.id} --seed {seed} TEXT")


def _judge(args: argparse.Namespace, lesson: Lesson, question: AnyQuestion, text: str,
           template: AnyQuestion | None = None) -> int:
    """Check ``text`` against ``question`` (a drawn instance of ``template``), record it,
    print the verdict; the exit status."""
    args.text = text
    raw = _raw_answer(question, args.text)
    if raw is None:
        return _refuse(args, "Not one of the choices: give a choice's text or its index "
                       f"(0 to {len(getattr(question, 'choices', [])) - 1}).")
    from tutor.lessons.answers import check_answer

    result = check_answer(question, raw)
    if result.valid and not args.no_record:
        _record(args, lesson, template or question, result)
    _print(args, result)
    if not result.valid:
        return 2
    return 0 if result.correct else 1


def _one_lesson(root: Path, lesson_id: str) -> Course | None:
    """A course of the one lesson ``lesson_id``, read from its file alone (named
    ``pillar/NN-slug.yaml``), or None when no such file holds it: then the caller reads the
    whole tree, for the "did you mean". One file instead of the tree is several times faster."""
    from tutor.lessons import tree
    from tutor.lessons.loader import Course, load_lesson_file

    pillar, _, slug = lesson_id.partition("/")
    for path in tree.lesson_files(root, []):
        if path.parent.name != pillar or slug not in (path.stem, path.stem.partition("-")[2]):
            continue
        lesson, source, _errors = load_lesson_file(path, root)
        if lesson is not None and source is not None and lesson.id == lesson_id:
            return Course(root=root, lessons=[lesson], sources={lesson.id: source})
    return None


def _find(course: Course, lesson_id: str,
          wanted: str) -> tuple[Lesson, AnyQuestion] | str:
    """The lesson and the question, or what is unknown (with close ids)."""
    from tutor.lessons.model import step_questions

    try:
        lesson = course.lesson(lesson_id)
    except KeyError:
        hint = did_you_mean(lesson_id, [le.id for le in course.lessons],
                            otherwise="see `tutor lessons list`")
        return f"unknown lesson {printable(lesson_id)!r}{hint}"
    questions = [q for step in lesson.steps for _, q in step_questions(step)]
    for question in questions:
        if question.id == wanted:
            return lesson, question
    hint = did_you_mean(wanted, [q.id for q in questions],
                        otherwise="its questions: " + (", ".join(q.id for q in questions)
                                                       or "none"))
    return f"lesson {lesson.id} has no question {printable(wanted)!r}{hint}"


def _raw_answer(question: AnyQuestion, text: str) -> str | int | None:
    """A choice's index from its text or its number; other answers as typed."""
    from tutor.lessons.answers import normalize
    from tutor.lessons.model import ChoiceQuestion

    if not isinstance(question, ChoiceQuestion):
        return text
    for index, choice in enumerate(question.choices):
        if normalize(choice) == normalize(text):
            return index
    stripped = text.strip()
    if stripped.isascii() and stripped.isdigit() and int(stripped) < len(question.choices):
        return int(stripped)
    return None


def _record(args: argparse.Namespace, lesson: Lesson, question: AnyQuestion,
            result: AnswerResult) -> None:
    from tutor.commands.verdicts import open_store
    from tutor.lessons.model import question_id

    store = open_store(getattr(args, "data_dir", None), PROG)
    if store is None:
        return
    with store:
        store.record_answer(question_id(lesson, question), result.answer, result.correct)
        if store.readonly:
            print(f"{PROG}: warning: answer not recorded ({store.last_error})",
                  file=sys.stderr)


def _print(args: argparse.Namespace, result: AnswerResult) -> None:
    from tutor.lessons.answers import pointer

    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return
    if result.read_as is not None:
        print(f"read as: {printable(result.read_as)}")
    elif not result.valid:
        shown = pointer(args.text, result.error_at)
        if shown:
            print("\n".join("  " + line for line in shown.splitlines()))
    mark = "✓" if result.correct else ("✗" if result.valid else "?")
    print(f"{mark} {printable(result.message)}")


def _refuse(args: argparse.Namespace, message: str) -> int:
    if args.json:
        print(json.dumps({"correct": False, "valid": False, "message": message,
                          "read_as": None, "mistake": None}, ensure_ascii=False))
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2
