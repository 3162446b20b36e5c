"""`tutor lessons validate`: everything an author can get wrong, one located line each.

Order: the schema and cross-lesson checks (the loader), the prose (every
decimal backed by code), then, in the sandboxed evaluator, every exercise: the
reference passes its own checks, the starter fails them, each known mistake
fails and is recognised as itself; facts and numeric answers are recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tutor.lessons.loader import Course, LessonError, load_course
from tutor.lessons.model import ExerciseStep, Fact, Lesson, NumericQuestion
from tutor.lessons.textcheck import agrees, unchecked_numbers
from tutor.lessons.yamlsource import KeyPath

Report = Callable[[LessonError], None]


def _numeric_questions(lesson: Lesson) -> Iterator[tuple[KeyPath, NumericQuestion]]:
    for i, step in enumerate(lesson.steps):
        if step.kind == "question" and isinstance(step.question, NumericQuestion):
            yield ("steps", i, "question"), step.question
        elif step.kind == "checkpoint":
            for j, q in enumerate(step.questions):
                if isinstance(q, NumericQuestion):
                    yield ("steps", i, "questions", j), q


def _check_exercise(course: Course, lesson: Lesson, index: int, ex: ExerciseStep,
                    evaluator: Any) -> Iterator[LessonError]:
    here: KeyPath = ("steps", index)
    ref = evaluator.check(ex, ex.solution)
    if not ref.passed:
        what = "the torch reference" if ex.verify_with == "torch" else "its own checks"
        detail = "; ".join(ref.messages[:2]) or ref.status
        yield course.error_at(lesson.id, (*here, "solution"),
                              f"reference solution does not pass {what}: {detail}")
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
                f"failed as: {'; '.join(verdict.messages[:1]) or verdict.status}")
            yield course.error_at(lesson.id, where, f"mistake {mistake.name!r} fails but is "
                                  f"not recognised as itself ({seen})")


def _check_facts(course: Course, lesson: Lesson, evaluator: Any) -> Iterator[LessonError]:
    groups: list[tuple[list[tuple[KeyPath, Fact]], str | None]] = []
    lesson_solutions = "\n\n".join(ex.solution for ex in lesson.exercises) or None
    if lesson.facts:
        groups.append(([(("facts", k), f) for k, f in enumerate(lesson.facts)],
                       lesson_solutions))
    for i, step in enumerate(lesson.steps):
        if isinstance(step, ExerciseStep) and step.facts:
            groups.append(([(("steps", i, "facts", k), f) for k, f in enumerate(step.facts)],
                           step.solution))
    questions = list(_numeric_questions(lesson))
    computed = [(where, q) for where, q in questions if q.compute]
    if computed:
        facts = [((*where, "compute"), Fact(code=q.compute or "", value=q.answer,
                                           tolerance=q.tolerance or None))
                 for where, q in computed]
        groups.append((facts, lesson_solutions))
    for facts, solution in groups:
        outcomes = evaluator.eval_expressions([f.code for _, f in facts], solution)
        for (where, fact), outcome in zip(facts, outcomes, strict=True):
            error = getattr(outcome, "error", None)
            if error:
                yield course.error_at(lesson.id, where, f"fact code fails: {error}")
                continue
            value = getattr(outcome, "value", None)
            if not agrees(fact.value, value, fact.tolerance):
                yield course.error_at(lesson.id, where, f"the text states {fact.value!r} but "
                                      f"the code computes {_short(value)}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def validate_course(course: Course, report: Report, *, run_code: bool = True,
                    only: set[str] | None = None) -> int:
    """Report every problem in ``course``; return how many there were."""
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
    if not run_code:
        return count
    from tutor.grading import Evaluator

    with Evaluator() as evaluator:
        for lesson in course.lessons:
            for error in _check_facts(course, lesson, evaluator):
                emit(error)
            for index, step in enumerate(lesson.steps):
                if isinstance(step, ExerciseStep) and (only is None or step.id in only):
                    for error in _check_exercise(course, lesson, index, step, evaluator):
                        emit(error)
    return count


def validate_tree(root: Path | str | None, report: Report, *, run_code: bool = True) -> int:
    return validate_course(load_course(root), report, run_code=run_code)
