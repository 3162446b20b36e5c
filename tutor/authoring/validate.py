"""`tutor lessons validate`: everything an author can get wrong, one located line each.

Order: the schema and cross-lesson checks (the loader), the questions (formula answers
finite where sampled, listed mistakes wrong and told apart), the prose (every
decimal backed by code, every text shown as written), then, in the sandboxed
evaluator, every exercise: the reference passes its own checks, the starter
fails them, each known mistake fails and is recognised as itself; facts and
numeric answers are recomputed; every question family is drawn and each draw
checked (see familycheck). Hints that do not climb (see hintcheck) are
warnings: reported, not counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from tutor.authoring.familycheck import family_problems
from tutor.lessons.hintcheck import hint_warnings
from tutor.lessons.loader import Course, LessonError
from tutor.lessons.model import (
    ExerciseStep,
    Fact,
    Lesson,
    NumericQuestion,
    lesson_code,
    step_questions,
)
from tutor.lessons.questioncheck import question_problems
from tutor.lessons.rendercheck import render_problems
from tutor.lessons.textcheck import agrees, plain, unchecked_numbers
from tutor.lessons.yamlsource import KeyPath
from tutor.safetext import clip

Report = Callable[[LessonError], None]
MAX_DETAIL = 400
FACT_TIME_LIMIT_S = 30.0  # per group of facts (one sandboxed run)


def one_line(text: str, limit: int = MAX_DETAIL) -> str:
    """A message from the sandbox (a traceback, the lesson code's own exception text) on one
    line: lines joined with ' | ', shortened. Control characters are escaped by LessonError."""
    joined = " | ".join(line.strip() for line in str(text).splitlines() if line.strip())
    return clip(joined, limit, "...")


def _numeric_questions(lesson: Lesson) -> Iterator[tuple[KeyPath, NumericQuestion]]:
    for i, step in enumerate(lesson.steps):
        for inside, q in step_questions(step):
            if isinstance(q, NumericQuestion):
                yield ("steps", i, *inside), q


def _reference_problem(ex: ExerciseStep, here: KeyPath, verdict: Any) -> tuple[KeyPath, str]:
    """Where a failing reference check points, and what it says: the lesson code that failed
    (solution, torch_reference, a case's args, a generator, the speed check's baseline or
    args), as the evaluator found it; else the reference failing its own checks, in the
    author's words."""
    from tutor.grading import feedback

    torch = ex.verify_with == "torch" and ex.torch_reference is not None
    problem = getattr(verdict, "lesson_problem", None)
    if problem is not None:
        return (*here, *problem.key), one_line(problem.message)
    who = "the torch reference" if torch else "the reference solution"
    detail = feedback.for_author("; ".join(one_line(m) for m in verdict.messages[:2])
                                 or verdict.status, who)
    failing = getattr(verdict, "failing", None)
    key = (*here, "torch_reference" if torch else "solution")
    if ex.speed is not None and failing is not None and failing.name == "speed":
        return key, f"{who} does not pass the speed check: {detail}"
    what = "the torch reference" if ex.verify_with == "torch" else "its own checks"
    return (*here, "solution"), f"reference solution does not pass {what}: {detail}"


def _check_exercise(course: Course, lesson: Lesson, index: int, ex: ExerciseStep,
                    evaluator: Any) -> Iterator[LessonError]:
    from tutor.grading import feedback

    here: KeyPath = ("steps", index)
    ref = evaluator.check(ex, ex.solution)
    if not ref.passed:
        where, message = _reference_problem(ex, here, ref)
        yield course.error_at(lesson.id, where, message)
        return  # nothing else is meaningful against a broken reference
    starter = evaluator.check(ex, ex.starter)
    if starter.passed:
        yield course.error_at(lesson.id, (*here, "starter"),
                              "starter code already passes: the learner has nothing to do")
    for j, mistake in enumerate(ex.mistakes):
        verdict = evaluator.check(ex, mistake.code)
        where = (*here, "mistakes", j)
        if verdict.passed:
            yield course.error_at(lesson.id, where, f"mistake {mistake.name!r} passes the "
                                  "checks: add a case that tells it from the reference")
        elif verdict.mistake != mistake.name:
            seen = f"recognised as {verdict.mistake!r}" if verdict.mistake else (
                "failed as: " + one_line(feedback.for_author('; '.join(verdict.messages[:1])
                                                             or verdict.status, "it")))
            yield course.error_at(lesson.id, where, f"mistake {mistake.name!r} fails but is "
                                  f"not recognised as itself ({seen})")


def _check_facts(course: Course, lesson: Lesson, evaluator: Any) -> Iterator[LessonError]:
    groups: list[tuple[list[tuple[KeyPath, Fact]], str | None]] = []
    lesson_solutions = lesson_code(lesson)
    if lesson.facts:
        groups.append(([(("facts", k), f) for k, f in enumerate(lesson.facts)],
                       lesson_solutions))
    for i, step in enumerate(lesson.steps):
        if isinstance(step, ExerciseStep) and step.facts:
            groups.append(([(("steps", i, "facts", k), f) for k, f in enumerate(step.facts)],
                           step.solution))
    questions = list(_numeric_questions(lesson))
    computed = [(where, q) for where, q in questions if q.compute and q.answer is not None]
    if computed:
        facts = [((*where, "compute"), Fact(code=q.compute or "", value=q.answer,
                                           tolerance=q.tolerance or None))
                 for where, q in computed]
        groups.append((facts, lesson_solutions))
    for facts, solution in groups:
        outcomes = evaluator.eval_expressions([f.code for _, f in facts], solution,
                                              time_limit=FACT_TIME_LIMIT_S)
        for (where, fact), outcome in zip(facts, outcomes, strict=True):
            error = getattr(outcome, "error", None)
            what = "compute" if where[-1] == "compute" else "fact code"
            if error:
                yield course.error_at(lesson.id, where, f"{what} fails: {one_line(error)}")
                continue
            value = plain(getattr(outcome, "value", None))
            if not _numbers_only(value):
                yield course.error_at(lesson.id, where, f"{what} must give a number (or a list "
                                      f"of numbers), but gives {type(value).__name__} "
                                      f"{_short(value)}")
            elif not agrees(fact.value, value, fact.tolerance):
                yield course.error_at(lesson.id, where, f"the text states {fact.value!r} but "
                                      f"the code computes {_short(value)}")


def _short(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a decoded value with a broken repr
        text = f"<{type(value).__name__}>"
    return clip(text, 120, "...")


def _numbers_only(value: Any, depth: int = 0) -> bool:
    """A number, true/false, or a (nested) list of them: what a fact can state."""
    if isinstance(value, bool | int | float):
        return True
    if isinstance(value, list | tuple) and depth < 8:
        return all(_numbers_only(v, depth + 1) for v in value[:10_000])
    return False


def validate_course(course: Course, report: Report, *, run_code: bool = True,
                    only: set[str] | None = None, warn: Report | None = None) -> int:
    """Report every problem in ``course``; return how many there were.

    Warnings (advice on teaching, such as hints that do not climb) go to ``warn`` and are
    not counted: a course with them still works."""
    count = 0

    def emit(error: LessonError) -> None:
        nonlocal count
        count += 1
        report(error)

    for error in course.errors:
        emit(error)
    for lesson in course.lessons:
        for where, message in unchecked_numbers(lesson):
            emit(course.error_at(lesson.id, where, message))
        for where, line, message in question_problems(lesson):
            emit(course.error_at(lesson.id, where, message, text_line=line))
        for where, line, message in render_problems(lesson):
            emit(course.error_at(lesson.id, where, message, text_line=line))
        for where, message in hint_warnings(lesson) if warn is not None else ():
            warn(course.error_at(lesson.id, where, message))
    if not run_code:
        return count
    from tutor.grading import Evaluator, layers

    try:
        evaluator = Evaluator(lessons_root=course.root, off=layers.off_from_env())
    except Exception as exc:  # noqa: BLE001 - no sandbox: say so, as one problem
        emit(LessonError(course.root, 1, 1, "", "cannot run the lessons' code: the sandbox did "
                         f"not start ({one_line(str(exc)) or exc.__class__.__name__})"))
        return count
    with evaluator:
        for lesson in course.lessons:
            _guarded(course, lesson, (), emit, lambda le=lesson: _check_facts(course, le,
                                                                              evaluator))
            _guarded(course, lesson, (), emit, lambda le=lesson: family_problems(course, le,
                                                                                 evaluator))
            for index, step in enumerate(lesson.steps):
                if isinstance(step, ExerciseStep) and (only is None or step.id in only):
                    _guarded(course, lesson, ("steps", index), emit,
                             lambda le=lesson, i=index, st=step: _check_exercise(
                                 course, le, i, st, evaluator))
    return count


def _guarded(course: Course, lesson: Lesson, where: KeyPath, emit: Report,
             checks: Callable[[], Iterator[LessonError]]) -> None:
    """Emit what ``checks`` finds; if the grader itself breaks on this lesson's code, that is
    one more located problem, and the other lessons are still checked."""
    try:
        for error in checks():
            emit(error)
    except Exception as exc:  # noqa: BLE001 - a grader bug must not hide the other lessons
        emit(course.error_at(lesson.id, where, "the grader failed on this code "
                             f"({exc.__class__.__name__}: {one_line(str(exc), 200)}); please "
                             "report this as a tutor bug"))

