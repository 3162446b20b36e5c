"""The known mistakes' runs taken from their own learner runs (validate's check of an
exercise runs each mistake as learner code anyway).

A learner's file is recognised as a known mistake by comparing its runs with the
lesson's mistakes run: every mistake's code in one lesson child, on the learner's cases
(:meth:`tutor.grading.evaluator.Evaluator.mistake_runs`). When each mistake has just run
as learner code on those same cases, that run gives the same case runs, and the
lesson's run need not be made: recognising mistake *m* among these runs is what
recognising a learner's copy of *m* among the lesson's would be. That holds when the
mistakes' results depend on their inputs only, which is what is checked here; anything
else (see :func:`own_mistake_runs`) makes the lesson's run as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.grading import childrun
from tutor.grading.assemble import learner_problem
from tutor.grading.cases import CaseSpec
from tutor.grading.childrun import CaseRun
from tutor.grading.reference import deterministic
from tutor.grading.sandbox import RunOutcome
from tutor.lessons.exercise import ExerciseStep

# The lesson's mistakes run has LESSON_TIME_LIMIT_S for every mistake together; their
# own runs may take at most this share of it, or that run is made (it might time out).
TIME_SHARE = 0.5


def own_mistake_runs(exercise: ExerciseStep, specs: list[CaseSpec], sources: Sequence[str],
                     outcomes: Sequence[RunOutcome | None],
                     lesson_limit_s: float) -> list[list[CaseRun | None]] | None:
    """The mistakes' case runs (as :func:`childrun.collect` reads the lesson's mistakes
    run), from ``outcomes`` (the learner runs of ``sources`` on the exercise's cases
    ``specs``; None: not run), or None when they might differ from the lesson's run. They
    might when:

    - a mistake did not run as learner code (a syntax error, a forbidden call) or its run
      did not end normally (an error while loading, a time limit, too much output): the
      lesson's run has other limits, and skips code that does not load;
    - a mistake names ``random``: code that draws from a global random state gets other
      draws in the lesson's child, where the mistakes before it drew first;
    - the comparison is statistical and deterministic (the learner's run calls some cases
      twice with the global random state disturbed, the lesson's does not);
    - together they took more than ``TIME_SHARE`` of the lesson run's time limit.
    """
    if not exercise.mistakes or deterministic(exercise.compare):
        return None
    ran = {source: outcome for source, outcome in zip(sources, outcomes, strict=True)
           if outcome is not None}
    runs: list[list[CaseRun | None]] = []
    seconds = 0.0
    for mistake in exercise.mistakes:
        outcome = ran.get(mistake.code)
        if outcome is None or "random" in mistake.code:
            return None
        if outcome.failure or not outcome.finished or \
                learner_problem(exercise, outcome, specs) is not None:
            return None
        got = childrun.collect(outcome, len(specs))
        if any(run is None for run in got):
            return None
        seconds += outcome.duration_ms / 1000
        runs.append(got)
    return runs if seconds <= TIME_SHARE * lesson_limit_s else None
