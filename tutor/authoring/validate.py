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

import dataclasses
import json
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from tutor.authoring import pool
from tutor.authoring.cache import Found, ValidateCache
from tutor.authoring.familycheck import SEEDS, families, family_problems
from tutor.grading.worker.tuning import FOR_MANY_CHECKS, Tuning
from tutor.lessons.loader import Course, LessonError
from tutor.lessons.model import (
    ExerciseStep,
    Fact,
    Lesson,
    NumericQuestion,
    lesson_code,
    step_questions,
)
from tutor.lessons.yamlsource import KeyPath
from tutor.safetext import clip
from tutor.workerkind import names_optim, needs_scipy

Report = Callable[[LessonError], None]
Progress = Callable[[int, int], None]  # (checks done, checks to run)
Finding = tuple[KeyPath, str]  # where, from the check's own key; what is wrong
FactGroup = tuple[list[tuple[KeyPath, Fact]], str | None]  # facts, the code they may use
T = TypeVar("T")
MAX_DETAIL = 400
FACT_TIME_LIMIT_S = 30.0  # per group of facts (one sandboxed run)
# A speed check's timed call of its loop baseline, slow by design (the learner's code must
# beat it many times over), costs about as much as this many case runs: the course's one
# speed check then starts first, not last (where it kept one core busy alone).
SPEED_CALL_WEIGHT = 200


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


def _reference_problem(ex: ExerciseStep, verdict: Any) -> Finding:
    """Where a failing reference check points, and what it says: the lesson code that failed
    (solution, torch_reference, a case's args, a generator, the speed check's baseline or
    args), as the evaluator found it; else the reference failing its own checks, in the
    author's words. Keys are from the exercise's step."""
    from tutor.grading import feedback

    torch = ex.verify_with == "torch" and ex.torch_reference is not None
    problem = getattr(verdict, "lesson_problem", None)
    if problem is not None:
        return tuple(problem.key) or ("solution",), one_line(problem.message)
    who = "the torch reference" if torch else "the reference solution"
    detail = feedback.for_author("; ".join(one_line(m) for m in verdict.messages[:2])
                                 or verdict.status, who)
    failing = getattr(verdict, "failing", None)
    key = ("torch_reference" if torch else "solution",)
    if ex.speed is not None and failing is not None and failing.name == "speed":
        return key, f"{who} does not pass the speed check: {detail}"
    what = "the torch reference" if ex.verify_with == "torch" else "its own checks"
    return ("solution",), f"reference solution does not pass {what}: {detail}"


def _check_exercise(ex: ExerciseStep, evaluator: Any) -> Iterator[Finding]:
    """What is wrong with one exercise, keyed from its step.

    Graded together (their runs one after another in one child, where each gives what its
    own child would), each mistake run once: its own run
    stands in for the lesson's run of the mistakes where they are the same, and a failure
    is worked out only as far as its known mistake (all this reads). What is reported
    is worded from :meth:`check`, the learner's own path, graded again (when that shows
    the problem too: else, as on a busy machine's time limit, from the first verdict)."""
    sources = [ex.solution, ex.starter, *(m.code for m in ex.mistakes)]
    ref, starter, *verdicts = evaluator.check_many(ex, sources, brief=True, own_mistakes=True,
                                                   one_child=True)
    if not ref.passed:
        yield _reference_problem(ex, _worded(ref, evaluator.check(ex, ex.solution),
                                             lambda v: not v.passed))
        return  # nothing else is meaningful against a broken reference
    if starter.passed:
        yield ("starter",), "starter code already passes: the learner has nothing to do"
    for j, (mistake, verdict) in enumerate(zip(ex.mistakes, verdicts, strict=True)):
        if verdict.mistake != mistake.name:
            yield from _mistake_problem(j, mistake.name, _worded(
                verdict, evaluator.check(ex, mistake.code),
                lambda v, name=mistake.name: v.mistake != name))


def _worded(brief: Any, full: Any, wrong: Callable[[Any], bool]) -> Any:
    """The verdict to word a problem from: ``full`` (a check's) when it is ``wrong`` too."""
    return full if wrong(full) else brief


def _mistake_problem(j: int, name: str, verdict: Any) -> Iterator[Finding]:
    """What is wrong with mistake ``j`` given its verdict (none when it is recognised)."""
    from tutor.grading import feedback

    where = ("mistakes", j)
    if verdict.passed:
        yield where, (f"mistake {name!r} passes the checks: add a case that tells "
                      "it from the reference")
    elif verdict.mistake != name:
        seen = f"recognised as {verdict.mistake!r}" if verdict.mistake else (
            "failed as: " + one_line(feedback.for_author('; '.join(verdict.messages[:1])
                                                         or verdict.status, "it")))
        yield where, (f"mistake {name!r} fails but is not recognised as itself "
                      f"({seen})")


def _fact_groups(lesson: Lesson) -> list[FactGroup]:
    """The lesson's facts and numeric answers' ``compute``, grouped by the code they use."""
    groups: list[FactGroup] = []
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
    return groups


def _check_facts(groups: list[FactGroup], evaluator: Any) -> Iterator[Finding]:
    """Every fact recomputed sandboxed and compared with what the text states (each group
    run as its own job; the jobs one after another in one child where that gives the
    same)."""
    from tutor.lessons.textcheck import agrees, plain

    found = evaluator.eval_groups([([f.code for _, f in facts], solution)
                                   for facts, solution in groups], time_limit=FACT_TIME_LIMIT_S)
    for (facts, _), outcomes in zip(groups, found, strict=True):
        for (where, fact), outcome in zip(facts, outcomes, strict=True):
            error = getattr(outcome, "error", None)
            what = "compute" if where[-1] == "compute" else "fact code"
            if error:
                yield where, f"{what} fails: {one_line(error)}"
                continue
            value = plain(getattr(outcome, "value", None))
            if not _numbers_only(value):
                yield where, (f"{what} must give a number (or a list of numbers), but gives "
                              f"{type(value).__name__} {_short(value)}")
            elif not agrees(fact.value, value, fact.tolerance):
                yield where, f"the text states {fact.value!r} but the code computes {_short(value)}"


def text_findings(lesson: Lesson) -> list[Found]:
    """The checks that run no code: numbers backed by code, questions, the text as shown,
    and (as warnings) hints that do not climb. (Imported here: a run answered by the
    cache needs none of them.)"""
    from tutor.lessons.hintcheck import hint_warnings
    from tutor.lessons.questioncheck import question_problems
    from tutor.lessons.rendercheck import render_problems
    from tutor.lessons.textcheck import unchecked_numbers

    found = [Found(where=list(w), message=m) for w, m in unchecked_numbers(lesson)]
    found += [Found(where=list(w), message=m, text_line=line)
              for w, line, m in question_problems(lesson)]
    found += [Found(where=list(w), message=m, text_line=line)
              for w, line, m in render_problems(lesson)]
    found += [Found(where=list(w), message=m, warning=True) for w, m in hint_warnings(lesson)]
    return found


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




@dataclass
class _Check:
    """One sandboxed check (an exercise, or a lesson's facts) and what it found."""

    lesson: Lesson
    base: KeyPath  # the keys it finds are from here
    key: str  # its cache key
    code: Callable[[Any], Iterable[Found]]
    torch: bool = False
    scipy: bool = False  # its code needs a scipy worker (pool: one evaluator takes those)
    optim: bool = False  # its torch code steps a torch.optim optimizer
    weight: int = 1  # how long it runs, roughly: the longest start first
    found: list[Found] | None = None

    def run(self, evaluator: Any) -> None:
        """Run it; if the grader itself breaks on this code, that is one more located
        problem, and the other checks still run."""
        try:
            self.found = list(self.code(evaluator))
        except Exception as exc:  # noqa: BLE001 - a grader bug must not hide the others
            self.found = [Found(where=[], message="the grader failed on this code "
                                f"({exc.__class__.__name__}: {one_line(str(exc), 200)}); "
                                "please report this as a tutor bug")]


def _code_checks(lessons: list[Lesson], cache: ValidateCache) -> list[_Check]:
    """The sandboxed checks, each keyed by what it reads: a lesson's facts (with the code
    they may use), each exercise (its own data)."""
    checks = []
    for lesson in lessons:
        groups = _fact_groups(lesson)
        if groups:
            text = _facts_input(groups)
            checks.append(_Check(lesson, (), cache.key("facts", text),
                                 lambda ev, g=groups: _found(_check_facts(g, ev)),
                                 scipy=needs_scipy(text)))
        drawn = families(lesson)
        if drawn:
            text = json.dumps([lesson_code(lesson), SEEDS,
                               [[list(where), q.model_dump(mode="json")] for where, q in drawn]])
            checks.append(_Check(lesson, (), cache.key("families", text),
                lambda ev, le=lesson: (Found(where=list(w), message=m, text_line=line)
                                       for w, line, m in family_problems(le, ev)),
                scipy=needs_scipy(text)))
        for index, step in enumerate(lesson.steps):
            if isinstance(step, ExerciseStep):
                text = step.model_dump_json()
                checks.append(_Check(lesson, ("steps", index), cache.key("exercise", text),
                                     lambda ev, st=step: _found(_check_exercise(st, ev)),
                                     torch=step.verify_with == "torch",
                                     scipy=needs_scipy(text), weight=_weight(step),
                                     optim=step.verify_with == "torch" and names_optim(
                                         step.torch_reference or step.solution)))
    return checks


def _found(findings: Iterable[Finding]) -> Iterator[Found]:
    for where, message in findings:
        yield Found(where=list(where), message=message)


def _facts_input(groups: list[FactGroup]) -> str:
    """Everything the facts check reads: each fact, where it is, and the code it may use."""
    return json.dumps([[[[list(where), fact.model_dump(mode="json")] for where, fact in facts],
                        solution] for facts, solution in groups])


def _weight(ex: ExerciseStep) -> int:
    """Grading runs (reference, starter, each mistake) times the cases they run on, plus
    the speed check's timed calls (``SPEED_CALL_WEIGHT`` each)."""
    cases = len(ex.cases) + sum(block.count for block in ex.random)
    speed = SPEED_CALL_WEIGHT * ex.speed.repeats if ex.speed else 0
    return (2 + len(ex.mistakes)) * cases + speed


def _text_checks(lesson: Lesson, cache: ValidateCache) -> list[Found]:
    key = cache.key("text", lesson.model_dump_json())
    found = cache.get(key)
    if found is None:
        found = text_findings(lesson)
        cache.put(key, found)
    return found


def _in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a thread of its own; the function returned waits for it and gives
    its result (or raises what it raised)."""
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            outcome.append((False, exc))

    thread = threading.Thread(target=run, daemon=True, name="validate-code")
    thread.start()

    def wait() -> T:
        thread.join()
        ok, value = outcome[0]
        if not ok:
            raise value
        return cast(T, value)

    return wait


def worker_tuning(checks: Iterable[_Check]) -> Tuning:
    """How validate's workers are tuned (see :mod:`tutor.grading.worker.tuning`): for many
    checks in a row, and with torch's optimizer stack imported ahead when more than one
    torch reference steps an optimizer (for one, it costs the same either way)."""
    optim = sum(1 for check in checks if check.optim)
    return dataclasses.replace(FOR_MANY_CHECKS, torch_optim=optim > 1)


def _run_code(course: Course, checks: list[_Check], cache: ValidateCache, jobs: int | None,
              progress: Progress | None) -> str | None:
    """Run the checks not answered by the cache; cache the ones that found nothing (a
    problem may come from the machine, a time limit on a busy one, and is being fixed
    anyway: it runs again next time). Returns why the sandbox did not start, or None."""
    for check in checks:
        check.found = cache.get(check.key)
    todo = [check for check in checks if check.found is None]
    if not todo:
        return None
    from tutor.grading import Evaluator, layers

    tuning = worker_tuning(todo)
    finished = 0
    if progress is not None:
        progress(0, len(todo))

    def done() -> None:
        nonlocal finished
        finished += 1
        if progress is not None:
            progress(finished, len(todo))

    failed = pool.run_all(todo, lambda: Evaluator(lessons_root=course.root,
                                                  off=layers.off_from_env(), tuning=tuning),
                          jobs or pool.default_jobs(), done)
    for check in todo:
        if check.found == []:
            cache.put(check.key, [])
    return failed


def validate_course(course: Course, report: Report, *, run_code: bool = True,
                    files: Collection[Path] | None = None, warn: Report | None = None,
                    cache: ValidateCache | None = None, jobs: int | None = None,
                    progress: Progress | None = None) -> int:
    """Report every problem in ``course`` (only in ``files``, when given); return how many
    there were.

    Warnings (advice on teaching, such as hints that do not climb) go to ``warn`` and are
    not counted: a course with them still works. The sandboxed checks run on ``jobs``
    evaluators at once (default: one per core); ``cache`` answers the checks whose input
    has not changed (default: none, everything runs); ``progress`` hears how far they are."""
    count = 0

    def emit(error: LessonError) -> None:
        nonlocal count
        count += 1
        report(error)

    if cache is None:
        cache = ValidateCache(None)
    wanted = None if files is None else {Path(f).resolve() for f in files}
    lessons = [le for le in course.lessons
               if wanted is None or course.sources[le.id].path.resolve() in wanted]
    for error in course.errors:
        if wanted is None or error.file.resolve() in wanted:
            emit(error)

    def replay(found: list[tuple[Lesson, KeyPath, list[Found]]]) -> None:
        for lesson, base, items in found:
            for item in items:
                error = course.error_at(lesson.id, (*base, *item.where), item.message,
                                        text_line=item.text_line)
                if not item.warning:
                    emit(error)
                elif warn is not None:
                    warn(error)

    if not run_code:
        replay([(lesson, (), _text_checks(lesson, cache)) for lesson in lessons])
        return count
    checks = _code_checks(lessons, cache)
    # The sandboxed checks start first: their workers import numpy, and their children
    # run, while this thread does (and reports) the text checks.
    code_run = _in_background(lambda: _run_code(course, checks, cache, jobs, progress))
    try:
        replay([(lesson, (), _text_checks(lesson, cache)) for lesson in lessons])
    finally:
        failed = code_run()
    if failed is not None:
        emit(LessonError(course.root, 1, 1, "", "cannot run the lessons' code: the "
                         f"sandbox did not start ({one_line(failed)})"))
    replay([(c.lesson, c.base, c.found) for c in checks if c.found is not None])
    return count
