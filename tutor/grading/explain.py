"""Why a learner's file failed, beyond the first wrong case: a lesson's known mistake, a
generic diagnosis (:mod:`tutor.grading.diagnose`, :mod:`tutor.grading.mutations`,
:mod:`tutor.grading.epsilon`), and the first failing random case shrunk to a smaller one.

Runs what it needs (the lesson's mistakes, the reference on changed arguments or smaller
cases, the learner's code again, or with one small constant made negligible) through
:class:`Runs`, which
:class:`tutor.grading.evaluator.Evaluator` provides; everything is judged here, in the parent.
"""

from __future__ import annotations

from typing import Any, Protocol

from tutor.grading import (
    cases,
    childrun,
    diagnose,
    diagnose_errors,
    epsilon,
    judge,
    mutations,
    sourcetree,
    wire,
)
from tutor.grading.childrun import CaseRun
from tutor.grading.judge import Judged
from tutor.grading.reference import Reference, entry, learner_case
from tutor.grading.sandbox import RunOutcome
from tutor.grading.verdict import CaseResult, Diagnosis, Verdict
from tutor.lessons.exercise import ExerciseStep


class Runs(Protocol):
    """What explaining a failure runs, each in a sandboxed child."""

    def mistake_runs(self, exercise: ExerciseStep, ref: Reference
                     ) -> list[list[CaseRun | None]]: ...

    def run_reference(self, exercise: ExerciseStep, specs: list[cases.CaseSpec]
                      ) -> Reference: ...

    def run_learner(self, exercise: ExerciseStep, source: str,
                    case_jobs: list[dict[str, Any]]) -> RunOutcome: ...

    def run_lesson(self, payload: dict[str, Any]) -> RunOutcome: ...


def explain_failure(runs: Runs, exercise: ExerciseStep, rules: judge.Rules, source: str,
                    ref: Reference, verdict: Verdict, judged: list[Judged | None],
                    learner: list[CaseRun | None], *,
                    mistakes: list[list[CaseRun | None]] | None = None,
                    full: bool = True) -> None:
    """A known mistake (recognised against ``mistakes``, the mistakes' runs, when given;
    else against the lesson's run of them), else a generic diagnosis; then shrink the first
    failing case if it is a random one. ``full=False``: the known mistake only."""
    if exercise.mistakes:
        found = mistakes if mistakes is not None else runs.mistake_runs(exercise, ref)
        index = judge.matching_mistake(judged, learner, found, exercise.compare, ref.runs)
        if index is not None:
            mistake = exercise.mistakes[index]
            verdict.known_mistake = Diagnosis(mistake.name, mistake.message)
    if not full:
        return
    if verdict.known_mistake is None:
        outs = [(run.out, r.out) for run, r in zip(learner, ref.runs, strict=True)
                if run is not None and run.has_out]
        found = diagnose_errors.lost_axis(_exceptions(judged, learner)) or \
            diagnose.exp_overflow(_overflow_warnings(judged, ref, learner),
                                  rules.calls_exp) or \
            diagnose.diagnose(_failures(judged, ref, learner),
                              rules.params.get(exercise.function, ())) or \
            diagnose.same_output([g for g, _ in outs], [e for _, e in outs]) or \
            legacy_generator(exercise, source) or \
            argument_diagnosis(runs, exercise, source, ref, judged, learner) or \
            epsilon_diagnosis(runs, exercise, rules, source, ref, judged)
        if found is not None:
            verdict.diagnoses.append(found)
    first = judge.shown_failure(judged)
    if first is not None and ref.specs[first].is_random:
        smaller = shrink(runs, exercise, rules, source, ref.specs[first])
        if smaller is not None:
            smaller.name += f", shrunk from size {ref.specs[first].size}"
            verdict.failing = smaller

def legacy_generator(exercise: ExerciseStep, source: str) -> diagnose.Diagnosis | None:
    """The learner seeds numpy's global generator where the reference makes its own."""
    if "default_rng" not in exercise.solution:
        return None
    tree = sourcetree.parse(source)
    return diagnose.legacy_generator(
        [] if isinstance(tree, sourcetree.Violation) else sourcetree.legacy_random_calls(tree))

def argument_diagnosis(runs: Runs, exercise: ExerciseStep, source: str, ref: Reference,
                       judged: list[Judged | None], learner: list[CaseRun | None]
                       ) -> diagnose.Diagnosis | None:
    """A default of the learner's own, or the reference on changed arguments (see
    :mod:`tutor.grading.mutations`), that explains every failing case. Not for exercises
    with a driver: their arguments are the driver's, not the learner's function's."""
    if exercise.driver is not None:
        return None
    failing: list[tuple[tuple[Any, ...], Any, Any]] = []  # (args, expected, got)
    for k, j in enumerate(judged):
        if j is None or j.result.passed:
            continue
        got, args = learner[k], ref.runs[k].args
        if j.mismatch is None or got is None or not got.has_out or args is None:
            return None  # not every failure is a wrong value on known inputs
        failing.append((args, ref.runs[k].out, got.out))
    if not failing:
        return None  # failed for another reason (a case never reported, a speed check)
    theirs = mutations.parsed_signature(exercise.solution, exercise.function)
    found = mutations.wrong_default(mutations.parsed_signature(source, exercise.function),
                                    theirs, [len(args) for args, _, _ in failing])
    if found is not None or any(isinstance(a, wire.Unsupported)
                                for args, _, _ in failing for a in args):
        return found  # an input the reference cannot be re-run on (a function): no changes
    tried = failing[:mutations.MAX_CASES]
    args = [mutations.with_defaults(theirs, a) for a, _, _ in tried]
    changes, defaults = mutations.plan(theirs, args, min(len(a) for a, _, _ in tried))
    if not changes:
        return None
    case_jobs, where = mutations.run_cases(changes, defaults, args)
    outcome = runs.run_lesson({"op": "cases", "code": exercise.solution, **entry(exercise),
                               "filename": "<reference>", "cases": case_jobs})
    changed = childrun.collect(outcome, len(case_jobs))
    outs = [[_output(changed[i]) if i >= 0 else mutations.NO_RUN for i in row]
            for row in where]
    return mutations.explain(changes, defaults, theirs.params if theirs else (), args,
                             [e for _, e, _ in tried], outs, [g for _, _, g in tried],
                             exercise.compare)

def epsilon_diagnosis(runs: Runs, exercise: ExerciseStep, rules: judge.Rules, source: str,
                      ref: Reference, judged: list[Judged | None]) -> diagnose.Diagnosis | None:
    """A small constant of the learner's (see :mod:`tutor.grading.epsilon`) without which
    their code passes every failing case tried."""
    failing = [(k, j) for k, j in enumerate(judged) if j is not None and not j.result.passed]
    if not failing or any(j.mismatch is None for _, j in failing):
        return None  # an exception or a check: not a wrong value
    tried = [k for k, _ in failing[:mutations.MAX_CASES]]
    jobs = [learner_case(ref.specs[k], ref.runs[k]) for k in tried]
    for constant in epsilon.small_constants(source):
        changed = epsilon.without(source, constant.value)
        if changed is None:
            continue
        got = childrun.collect(runs.run_learner(exercise, changed, jobs), len(tried))
        if all(g is not None and judge.judge_case(ref.specs[k], ref.runs[k], g, rules)
               .result.passed for k, g in zip(tried, got, strict=True)):
            return epsilon.diagnosis(constant)
    return None


def shrink(runs: Runs, exercise: ExerciseStep, rules: judge.Rules, source: str,
           spec: cases.CaseSpec) -> CaseResult | None:
    sizes = cases.shrink_sizes(spec.min_size, spec.size)
    if not sizes:
        return None
    specs = [spec.resized(size, i) for i, size in enumerate(sizes)]
    ref = runs.run_reference(exercise, specs)
    if ref.error:
        return None
    jobs = [learner_case(s, r) for s, r in zip(specs, ref.runs, strict=True)]
    outcome = runs.run_learner(exercise, source, jobs)
    learner = childrun.collect(outcome, len(specs))
    for s, r, got in zip(specs, ref.runs, learner, strict=True):
        if got is not None:
            judged = judge.judge_case(s, r, got, rules)
            if not judged.result.passed:
                return judged.result
    return None


def _output(run: CaseRun | None) -> Any:
    """A run's output, or the mark of a run that gave none."""
    return run.out if run is not None and run.has_out and run.exc is None else \
        mutations.NO_RUN


def _failures(judged: list[Judged | None], ref: Reference,
              learner: list[CaseRun | None]) -> list[diagnose.Failure]:
    """The failing cases as the generic diagnoses read them (wrong outputs only)."""
    failures = []
    for k, j in enumerate(judged):
        got = learner[k]
        if j is None or j.result.passed:
            continue
        if j.mismatch is None or got is None:
            return []  # an exception or a check: not a wrong value to explain
        failures.append(diagnose.Failure(j.mismatch, ref.runs[k].out, got.out,
                                         judge.arg_shapes(ref.runs[k]), ref.runs[k].args or ()))
    return failures


def _overflow_warnings(judged: list[Judged | None], ref: Reference,
                       learner: list[CaseRun | None]) -> list[list[str]]:
    """The learner's warnings on each failing case, or [] unless every failing case is a
    finite wrong value whose reference run did not warn of an overflow."""
    found = []
    for k, j in enumerate(judged):
        got = learner[k]
        if j is None or j.result.passed:
            continue
        if got is None or j.mismatch is None or j.mismatch.kind in ("nan", "inf") or any(
                "overflow" in w for w in ref.runs[k].warnings):
            return []  # not a finite wrong value (NaN's own message names the overflow)
        found.append(got.warnings)
    return found


def _exceptions(judged: list[Judged | None], learner: list[CaseRun | None]
                ) -> list[dict[str, Any]]:
    """The exceptions the learner's code raised on the failing cases."""
    return [run.exc for j, run in zip(judged, learner, strict=True)
            if j is not None and j.kind == "exception" and run is not None
            and run.exc is not None]
