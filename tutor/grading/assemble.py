"""From the learner's run to a verdict: each case judged against the reference, how the
process ended, and the data a plot exercise shows. Used by :mod:`tutor.grading.evaluator`.
"""

from __future__ import annotations

from typing import Any

from tutor.grading import cases, childrun, judge
from tutor.grading.childrun import CaseRun
from tutor.grading.judge import Judged
from tutor.grading.plotdata import PlotData
from tutor.grading.reference import Reference, deterministic, locate
from tutor.grading.sandbox import RunOutcome
from tutor.grading.verdict import Verdict
from tutor.lessons.exercise import ExerciseStep


def learner_verdict(exercise: ExerciseStep, rules: judge.Rules, specs: list[cases.CaseSpec],
                    refs: list[CaseRun], learner: list[CaseRun | None], outcome: RunOutcome,
                    problem: tuple[Any, str] | None,
                    detail: bool = True) -> tuple[Verdict, list[Judged | None]]:
    """The verdict on the learner's run of ``specs``, and each case judged (None: not run;
    ``detail=False``: wrong values not described, see :func:`judge.judge_case`)."""
    verdict = Verdict(exercise.id, "passed")
    all_judged = [None if got is None else judge.judge_case(spec, ref, got, rules, detail)
                  for spec, ref, got in zip(specs, refs, learner, strict=True)]
    judged = [j for j in all_judged if j is not None]
    verdict.cases = [j.result for j in judged]
    verdict.status = judge.worst_status([j.kind for j in judged])
    if problem is not None:
        verdict.status, message = problem
        verdict.lesson_problem = locate(childrun.inputs_problem(outcome, specs,
                                                                exercise.time_limit), specs)
        stopped = childrun.last_started(outcome)
        case = judge.stopped_case(specs[stopped] if stopped is not None else None,
                                  refs[stopped] if stopped is not None else None, message)
        verdict.cases.append(case)
        verdict.failing = case
        verdict.problems.append(message)
    unreported = [spec for spec, got in zip(specs, learner, strict=True) if got is None]
    if problem is None and unreported:  # a run that ended well but skipped cases: forged
        verdict.status = "error"
        message = (f"the sandbox returned malformed data: {unreported[0].name} was never "
                   "reported, so this file was not graded")
        case = judge.stopped_case(unreported[0], None, message)
        verdict.cases.append(case)
        verdict.failing = case
        verdict.problems.append(message)
    shown = judge.shown_failure(all_judged)
    if verdict.failing is None and shown is not None:
        verdict.failing = all_judged[shown].result  # type: ignore[union-attr]
    verdict.refusals = childrun.refusals_of(outcome)
    return verdict, all_judged


def plot_data(exercise: ExerciseStep, ref: Reference,
              learner: list[CaseRun | None]) -> PlotData | None:
    """What a plot exercise shows: the learner's and the reference's values on its case."""
    plot = exercise.plot
    assert plot is not None
    fixed = [k for k, s in enumerate(ref.specs) if not s.is_random]
    if plot.case >= len(fixed):
        return None
    k = fixed[plot.case]
    got = learner[k]
    if got is None or not got.has_out:
        return None
    return PlotData.from_outputs(plot.kind, got.out, ref.runs[k].out,
                                 title=plot.title or exercise.title, params=plot.params,
                                 output=plot.output)


def learner_problem(exercise: ExerciseStep, outcome: RunOutcome, specs: list[cases.CaseSpec],
                    speed: bool = False) -> tuple[Any, str] | None:
    """(status, message) when the learner's process ended badly, else None."""
    return childrun.process_problem(outcome, specs, exercise.function, exercise.time_limit,
                                    twice=not speed and deterministic(exercise.compare),
                                    speed=speed)
