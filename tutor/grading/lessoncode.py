"""Lesson code run for the evaluator, each job in a sandboxed child of its own: the
reference (kept per exercise, and between runs in the reference cache), the known
mistakes (kept per exercise) and lesson expressions (facts, question families' draws).
Errors here are worded for the lesson's author; the learner's side is
:mod:`tutor.grading.evaluator`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from tutor.grading import cases, childrun, feedback
from tutor.grading.childrun import CaseRun
from tutor.grading.refcache import ReferenceStore
from tutor.grading.reference import Reference, entry, fingerprint, learner_case, locate
from tutor.grading.sandbox import Job, RunOutcome
from tutor.grading.verdict import LessonProblem, Outcome

if TYPE_CHECKING:
    from tutor.lessons.exercise import ExerciseStep

LESSON_TIME_LIMIT_S = 30.0

RunJobs = Callable[..., list[RunOutcome]]  # (jobs, torch=False): in the lightest worker


class LessonCode:
    """Runs one evaluator's lesson code; keeps each exercise's reference and mistakes."""

    def __init__(self, run: RunJobs, memory_mb: int, versions: Callable[[], dict[str, Any]],
                 store: ReferenceStore | None) -> None:
        """``run``: the evaluator's way to run jobs (``torch=True``: in the torch worker);
        ``versions``: what a worker reports it runs (python, numpy, scipy); ``store``:
        where references are kept between runs, if anywhere."""
        self._run = run
        self._memory_mb = memory_mb
        self._worker_versions = versions
        self._store = store
        self._references: dict[str, Reference] = {}
        self._mistakes: dict[str, list[list[CaseRun | None]]] = {}
        self.notice: str | None = None  # why a stored reference was not used

    # -- the reference
    def reference(self, exercise: ExerciseStep) -> Reference:
        """The reference's runs on the exercise's cases: kept, stored, or run now."""
        key = fingerprint(exercise)
        cached = self._references.get(key)
        if cached is None:
            specs = cases.plan(exercise)
            cached = self._stored_reference(exercise, specs)
            if cached is None:
                cached, outcome = self._run_reference(exercise, specs)
                if cached.error is None and outcome is not None and self._store is not None:
                    self._store.save(exercise, self._versions(exercise), outcome)
            if cached.error is None:
                self._references[key] = cached
        return cached

    def run_reference(self, exercise: ExerciseStep, specs: list[cases.CaseSpec]) -> Reference:
        """The reference on ``specs``, run now (neither kept nor stored)."""
        return self._run_reference(exercise, specs)[0]

    def _stored_reference(self, exercise: ExerciseStep,
                          specs: list[cases.CaseSpec]) -> Reference | None:
        if self._store is None:
            return None
        _, _, limit, who = self._reference_job(exercise, specs)
        ref = self._store.load(exercise, specs, self._versions(exercise), limit, who)
        self.notice = self._store.notice or self.notice
        return ref

    def _versions(self, exercise: ExerciseStep) -> dict[str, str]:
        """What the reference's outputs depend on besides the exercise: the versions the
        worker runs (and torch's, for an exercise verified with it)."""
        versions = {str(k): str(v) for k, v in self._worker_versions().items()
                    if k in ("python", "numpy", "scipy")}
        if exercise.verify_with == "torch":
            from importlib.metadata import version

            versions["torch"] = version("torch")
        return versions

    def _reference_job(self, exercise: ExerciseStep, specs: list[cases.CaseSpec]
                       ) -> tuple[Job, bool, float, str]:
        """The reference's job, whether it runs in the torch worker, its time limit, and
        who it is (for messages)."""
        torch = exercise.verify_with == "torch"
        uses_torch = bool(torch and exercise.torch_reference)  # else the numpy solution
        code = exercise.torch_reference if uses_torch else exercise.solution
        limit = max(LESSON_TIME_LIMIT_S, exercise.time_limit)
        job = Job({"op": "cases", "code": code, **entry(exercise),
                   "filename": "<reference>", "send_args": True,
                   "cases": [s.job() for s in specs]},
                  time_limit=limit, memory_mb=self._memory_mb, lesson=True)
        who = "the torch reference" if uses_torch else "the reference solution"
        return job, torch, limit, who

    def _run_reference(self, exercise: ExerciseStep, specs: list[cases.CaseSpec]
                       ) -> tuple[Reference, RunOutcome | None]:
        job, torch, limit, who = self._reference_job(exercise, specs)
        uses_torch = torch and bool(exercise.torch_reference)
        try:
            outcome = self._run([job], torch)[0]
        except Exception as exc:  # noqa: BLE001 - a worker that cannot start
            return Reference(specs, [], locate(LessonProblem(
                "grader", f"the grader could not start: {exc}"), specs, torch=uses_torch)), None
        runs = childrun.collect(outcome, len(specs))
        error = locate(childrun.reference_problem(outcome, specs, runs, limit, who), specs,
                       torch=uses_torch)
        return Reference(specs, [r or CaseRun() for r in runs], error), outcome

    # -- the known mistakes
    def mistake_runs(self, exercise: ExerciseStep, ref: Reference) -> list[list[CaseRun | None]]:
        """Each known mistake's runs on the learner's cases (one child for all of them)."""
        key = fingerprint(exercise)
        if key not in self._mistakes:
            outcome = self._run([self.mistakes_job(exercise, ref)])[0]
            self.keep_mistakes(exercise, ref, outcome)
        return self._mistakes[key]

    def has_mistakes(self, exercise: ExerciseStep) -> bool:
        """Whether the mistakes' runs of ``exercise`` are kept already."""
        return fingerprint(exercise) in self._mistakes

    def mistakes_job(self, exercise: ExerciseStep, ref: Reference) -> Job:
        return Job({"op": "mistakes", "codes": [m.code for m in exercise.mistakes],
                    **entry(exercise), "send_after": exercise.inputs_unchanged,
                    "cases": [learner_case(s, r) for s, r in zip(ref.specs, ref.runs,
                                                                    strict=True)]},
                   time_limit=LESSON_TIME_LIMIT_S, memory_mb=self._memory_mb, lesson=True)

    def keep_mistakes(self, exercise: ExerciseStep, ref: Reference,
                      outcome: RunOutcome) -> None:
        """Keep the mistakes' runs that ``outcome`` (a :meth:`mistakes_job`'s) reports."""
        self._mistakes[fingerprint(exercise)] = [
            childrun.collect(outcome, len(ref.specs), m) for m in range(len(exercise.mistakes))]

    # -- other lesson code
    def lesson_job(self, payload: dict[str, Any]) -> Job:
        """A job of lesson code, with the lesson's limits."""
        return Job(payload, time_limit=LESSON_TIME_LIMIT_S, memory_mb=self._memory_mb,
                   lesson=True)

    def expressions_job(self, exprs: Sequence[str], solution: str | None, time_limit: float,
                        params: str | None, bind: Sequence[int]) -> Job:
        return Job({"op": "eval", "exprs": list(exprs), "solution": solution,
                    "params": params, "bind": list(bind)},
                   time_limit=time_limit, memory_mb=self._memory_mb, lesson=True)


def read_expressions(outcome: RunOutcome, exprs: Sequence[str], params: str | None,
                     time_limit: float) -> list[Outcome]:
    """Each expression's value, or why it has none, from an :meth:`expressions_job`'s run."""
    values = {m.get("k"): m for m in outcome.events("value")}
    load_error = outcome.events("load")
    stopped = childrun.last_started(outcome)
    loading = childrun.stage_of(outcome).part == "load"
    results = []
    for k, expr in enumerate(exprs):
        message = values.get(k)
        if message is None:
            if load_error:
                who = "the reference solution" if params is None else \
                    "the reference solution or the params code"
                why = feedback.lesson_exception(load_error[0]["exc"], who, " while loading")
            elif loading and outcome.timed_out:
                why = f"the reference solution did not finish loading within {time_limit:g} s"
            elif stopped is not None and k > stopped:
                why = "not evaluated: an expression before it stopped the run"
            else:
                why = childrun.failure_text(outcome, time_limit)
            results.append(Outcome(expr, False, error=why))
        elif "error" in message:
            results.append(Outcome(expr, False, error=str(message["error"])))
        else:
            value = childrun.decode(message.get("out"))
            results.append(Outcome(expr, True, value, feedback.short_text(value)))
    return results
