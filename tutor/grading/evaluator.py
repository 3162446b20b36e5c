"""The evaluator: grades a submission against an exercise, every piece of code sandboxed.

Per check: the syntax tree is checked in the parent; the lesson's reference runs
once per exercise in a child of its own (cached here, with the inputs it was
given); the submission runs in another child on copies of those inputs; the
outputs are compared here. On a failure, the known mistakes run (in a lesson
child, cached) and a failing random case is shrunk to its smallest failing size.
Lesson code (reference, mistakes, expressions) is run by :mod:`.lessoncode`.
"""

from __future__ import annotations

import shutil
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tutor.grading import batchrun, childrun, feedback, forbidden, layers, lessoncode, sourcetree
from tutor.grading.assemble import learner_problem, learner_verdict, plot_data
from tutor.grading.cases import CaseSpec
from tutor.grading.childrun import CaseRun
from tutor.grading.lessoncode import LessonCode, read_expressions
from tutor.grading.mistakeruns import own_mistake_runs
from tutor.grading.prestart import StartedWorker, start_worker
from tutor.grading.refcache import ReferenceStore
from tutor.grading.reference import (
    Reference,
    case_rules,
    deterministic,
    entry,
    fingerprint,
    learner_case,
    locate,
)
from tutor.grading.sandbox import Job, RunOutcome, WorkerError, WorkerProcess
from tutor.grading.speed import SpeedCheck
from tutor.grading.verdict import Outcome, RunResult, Verdict
from tutor.grading.worker.tuning import FOR_LEARNERS, Tuning
from tutor.workerkind import kind_for

if TYPE_CHECKING:
    from tutor.grading.judge import Rules
    from tutor.lessons.exercise import ExerciseStep
    from tutor.lessons.families import Drawn, FamilyError
    from tutor.lessons.questions import AnyQuestion

LEARNER_FILE = "<your code>"
MEMORY_MB = 1536
DRAW_TIME_LIMIT_S = 5.0  # a question family's draws, while the learner waits
BATCH = 4  # learner runs check_many starts at once (more would share the cores too thinly
#            for the wall-clock time limits of a heavy exercise on a busy machine)


@dataclass
class _Ready:
    """A submission whose run can start: its cases' jobs, and what judges them."""

    exercise: ExerciseStep
    source: str
    rules: Rules  # with the learner's own parameter names
    ref: Reference
    jobs: list[dict[str, Any]]


class Evaluator:
    """Grades submissions; owns the warm workers. Use as a context manager."""

    def __init__(self, *, lessons_root: Path | None = None, data_dir: Path | None = None,
                 scratch_root: Path | None = None, hide_paths: Sequence[Path] = (),
                 memory_mb: int = MEMORY_MB, off: Sequence[str] = (),
                 started: StartedWorker | None = None,
                 reference_cache: Path | None = None, tuning: Tuning = FOR_LEARNERS) -> None:
        """``lessons_root`` and ``data_dir``: the lesson tree and progress folder the caller
        uses, hidden from sandboxed code (with the configured and built-in ones); ``off``:
        layers to leave out, for tests and ``tutor doctor`` (see :mod:`.layers`);
        ``started``: a worker already launched by :func:`.prestart.start_worker` (with
        these arguments), which this evaluator adopts (else it starts the numpy worker
        warming up now); ``reference_cache``: a folder where the references' outputs are
        kept between runs (see :mod:`.refcache`); ``tuning``: how its workers are tuned
        (for a learner, or for validate: see :mod:`.worker.tuning`)."""
        if started is None:
            started = start_worker(lessons_root=lessons_root, data_dir=data_dir,
                                   scratch_root=scratch_root, hide_paths=hide_paths, off=off,
                                   tuning=tuning)
        self._tuning = tuning
        self._scratch, self._hide, self._off = started.scratch, started.hide, started.off
        self._memory_mb = memory_mb
        self._workers: dict[str, WorkerProcess] = {started.worker.kind: started.worker}
        store = ReferenceStore(reference_cache) if reference_cache is not None else None
        self.lesson_code = LessonCode(self._run_many, memory_mb, self._worker_versions, store)
        # called just before a torch worker starts (seconds of imports), to say so
        self.on_torch_start: Callable[[], None] | None = None
        self._lock = threading.RLock()
        self._child_layers: dict[str, str] = {}
        self._speed = SpeedCheck(self._run_many, memory_mb,
                                 lambda: lessoncode.LESSON_TIME_LIMIT_S)
        # Stops the workers and removes scratch even if close() is never called.
        self._finalizer = weakref.finalize(self, _shut_down, self._workers, self._scratch)

    # -- life cycle
    def __enter__(self) -> Evaluator:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers and delete the scratch directory."""
        with self._lock:
            self._finalizer()

    def _worker(self, kind: str) -> WorkerProcess:
        worker = self._workers.get(kind)
        if worker is None:
            if kind == "torch" and self.on_torch_start is not None:
                self.on_torch_start()
            worker = WorkerProcess(kind, self._scratch, self._hide, self._off, self._tuning)
            worker.start()
            self._workers[kind] = worker
        return worker

    def _run_many(self, jobs: list[Job], torch: bool = False) -> list[RunOutcome]:
        """Run jobs in the lightest worker that has what their code names (a scipy worker
        already running serves numpy-only jobs too, rather than a second start-up)."""
        kind = kind_for([job.payload for job in jobs], torch)
        if kind == "numpy" and "numpy" not in self._workers and "scipy" in self._workers:
            kind = "scipy"
        return self._worker(kind).run_many(jobs)

    def _worker_versions(self) -> dict[str, Any]:
        worker = next(iter(self._workers.values()))  # any: all run the same interpreter
        return dict(worker.wait_ready().get("versions", {}))

    @property
    def reference_notice(self) -> str | None:
        """Why a stored reference was not used (damaged, say), if one was not."""
        return self.lesson_code.notice

    def worker_info(self, kind: str = "numpy") -> dict[str, Any]:
        """The worker's ready report: versions and the layers it set up (for doctor)."""
        with self._lock:
            return self._worker(kind).wait_ready()

    def missing_layers(self) -> list[str]:
        """The essential layers (see :data:`layers.ESSENTIAL`) that are off on this machine,
        each with why; empty when all hold. Known once a learner's run has reported."""
        with self._lock:
            worker = self._workers.get("numpy") or self._workers.get("scipy")
            if worker is None or not worker.info or not self._child_layers:
                return []
            reports = layers.reports(worker.info, self._child_layers)
        return [f"{r.name} off ({r.detail})" for r in reports
                if r.name in layers.ESSENTIAL and not r.active]

    def run_jobs(self, jobs: list[Job], kind: str = "numpy") -> list[RunOutcome]:
        """Run raw jobs in one worker (probes, benchmarks)."""
        with self._lock:
            try:
                return self._worker(kind).run_many(jobs)
            finally:
                self._settle()

    def _settle(self) -> None:
        """Every child this evaluator started is reaped (see WorkerProcess.settle)."""
        for worker in self._workers.values():
            worker.settle()

    # -- public API
    def check(self, exercise: ExerciseStep, source: str) -> Verdict:
        """Grade ``source`` against ``exercise``; never raises for anything the code does."""
        with self._lock:
            start = time.perf_counter()
            try:
                verdict = self._check(exercise, source)
            except WorkerError as exc:
                verdict = _grader_failed(exercise, exc)
            finally:
                self._settle()
            verdict.duration_ms = (time.perf_counter() - start) * 1000
            return verdict

    def run(self, exercise: ExerciseStep, source: str) -> RunResult:
        """Run the submission on the first fixed case only, without grading."""
        with self._lock:
            start = time.perf_counter()
            try:
                result = self._run(exercise, source)
            except WorkerError as exc:
                result = RunResult(False, error=f"the grader failed: {exc}")
            finally:
                self._settle()
            result.duration_ms = (time.perf_counter() - start) * 1000
            return result

    def _run(self, exercise: ExerciseStep, source: str) -> RunResult:
        tree = sourcetree.parse(source)
        if isinstance(tree, sourcetree.Violation):
            return RunResult(False, error=tree.message)
        ref = self.lesson_code.reference(exercise)
        case_job = learner_case(ref.specs[0], ref.runs[0] if ref.runs else None)
        outcome = self._run_many([self._learner_job(exercise, source, [case_job])])[0]
        stdout = childrun.stdout_of(outcome)
        problem = learner_problem(exercise, outcome, [ref.specs[0]])
        if problem is not None:
            return RunResult(False, stdout, error=problem[1])
        run = childrun.collect(outcome, 1)[0]
        if run is None or run.exc is not None:
            error = feedback.exception_message(run.exc) if run and run.exc else "no result"
            return RunResult(False, stdout, error=error)
        return RunResult(True, stdout, feedback.short_text(run.out, 2000))

    def eval_expressions(self, exprs: list[str], solution: str | None = None, *,
                         time_limit: float | None = None, params: str | None = None,
                         bind: Sequence[int] = ()) -> list[Outcome]:
        """Evaluate lesson expressions sandboxed, with numpy as ``np`` and ``solution``'s
        and ``params``' names (errors worded for the lesson's author); the dict an
        expression in ``bind`` gives puts its names in scope for the ones after it (a
        question family's draw). ``time_limit`` (for all of them) defaults to
        ``LESSON_TIME_LIMIT_S``."""
        if time_limit is None:
            time_limit = lessoncode.LESSON_TIME_LIMIT_S
        return self._eval([(exprs, solution, params, bind)], time_limit)[0]

    def eval_groups(self, groups: Sequence[tuple[list[str], str | None]], *,
                    time_limit: float) -> list[list[Outcome]]:
        """:meth:`eval_expressions` of each group (expressions, solution), their runs one
        after another in one child where each gives what its own would (see
        :mod:`.batchrun`): validate's facts of a lesson."""
        return self._eval([(exprs, solution, None, ()) for exprs, solution in groups],
                          time_limit)

    def _eval(self, groups: list[tuple[list[str], str | None, str | None, Sequence[int]]],
              time_limit: float) -> list[list[Outcome]]:
        jobs = [self.lesson_code.expressions_job(exprs, solution, time_limit, params, bind)
                for exprs, solution, params, bind in groups]
        with self._lock:
            try:
                outcomes = batchrun.run_together(self._run_many, jobs)
            except WorkerError as exc:
                outcomes = [RunOutcome(failure=f"the grader failed: {exc}") for _ in jobs]
            finally:
                self._settle()
        return [read_expressions(outcome, group[0], group[2], time_limit)
                for outcome, group in zip(outcomes, groups, strict=True)]

    def draw(self, question: AnyQuestion, solution: str | None, seeds: Sequence[int], *,
                 time_limit: float = DRAW_TIME_LIMIT_S) -> list[Drawn | FamilyError]:
        """Draw a question family once per seed, sandboxed (see :mod:`.families`)."""
        from tutor.grading.families import draw_family

        return draw_family(self.eval_expressions, question, solution, seeds, time_limit)

    # -- the check itself
    def check_many(self, exercise: ExerciseStep, sources: Sequence[str], *,
                   brief: bool = False, own_mistakes: bool = False,
                   one_child: bool = False) -> list[Verdict]:
        """Grade each of ``sources`` as :meth:`check` does (the same verdicts), up to
        ``BATCH`` learner runs at once, the known mistakes' run beside the first batch:
        validate's starter and mistakes, which fail and so need it.

        For validate, which reads a verdict's status and known mistake only: ``brief``
        works out no more than those (a failure gets no generic diagnosis, no shrinking,
        no described wrong values: its texts are not the learner's); ``own_mistakes``:
        ``sources`` hold the mistakes' code, whose own runs stand in for the mistakes' run
        where they are the same (see :mod:`.mistakeruns`; else that run is made);
        ``one_child`` (with ``own_mistakes``): their runs one after another in one child
        where each gives what its own child would (see :mod:`.batchrun`)."""
        with self._lock:
            start = time.perf_counter()
            verdicts: list[Verdict] = []
            try:
                if own_mistakes:
                    verdicts = self._check_own(exercise, sources, brief, one_child)
                else:
                    for at in range(0, len(sources), BATCH):
                        verdicts += self._check_batch(exercise, sources[at:at + BATCH], brief)
            except WorkerError as exc:
                verdicts += [_grader_failed(exercise, exc) for _ in sources[len(verdicts):]]
            finally:
                self._settle()
            for verdict in verdicts:
                verdict.duration_ms = (time.perf_counter() - start) * 1000
            return verdicts

    def _check_batch(self, exercise: ExerciseStep, sources: Sequence[str],
                     brief: bool) -> list[Verdict]:
        ready = [self._ready(exercise, source) for source in sources]
        waiting = [r for r in ready if isinstance(r, _Ready)]
        jobs = [self._learner_job(exercise, r.source, r.jobs) for r in waiting]
        mistakes = bool(waiting and exercise.mistakes
                        and not self.lesson_code.has_mistakes(exercise))
        if mistakes:
            jobs.append(self.lesson_code.mistakes_job(exercise, waiting[0].ref))
        outcomes = self._run_many(jobs) if jobs else []
        if mistakes:
            self.lesson_code.keep_mistakes(exercise, waiting[0].ref, outcomes.pop())
        ran = iter(outcomes)
        return [r if isinstance(r, Verdict) else self._judged(r, next(ran), brief)
                for r in ready]

    def _check_own(self, exercise: ExerciseStep, sources: Sequence[str],
                   brief: bool, one_child: bool) -> list[Verdict]:
        """Every learner run first (``BATCH`` at once, or in one child), then the verdicts,
        the mistakes' own runs standing in for the mistakes' run where they are the same."""
        ready = [self._ready(exercise, source) for source in sources]
        waiting = [r for r in ready if isinstance(r, _Ready)]
        jobs = [self._learner_job(exercise, r.source, r.jobs) for r in waiting]
        outcomes: list[RunOutcome] = []
        if one_child:
            outcomes = batchrun.run_together(self._run_many, jobs)
        for at in range(len(outcomes), len(jobs), BATCH):
            outcomes += self._run_many(jobs[at:at + BATCH])
        own = None if not waiting else own_mistake_runs(
            exercise, waiting[0].ref.specs, [r.source for r in waiting], outcomes,
            lessoncode.LESSON_TIME_LIMIT_S)
        ran = iter(outcomes)
        return [r if isinstance(r, Verdict) else self._judged(r, next(ran), brief, own)
                for r in ready]

    def _check(self, exercise: ExerciseStep, source: str) -> Verdict:
        ready = self._ready(exercise, source)
        if isinstance(ready, Verdict):
            return ready
        return self._judged(ready, self.run_learner(exercise, source, ready.jobs))

    def _ready(self, exercise: ExerciseStep, source: str) -> _Ready | Verdict:
        """What the learner's run needs (the reference run first), or the verdict when the
        code cannot run (a syntax error, a forbidden call) or the lesson is broken."""
        tree = sourcetree.parse(source)
        if isinstance(tree, sourcetree.Violation):
            return Verdict(exercise.id, "error", problems=[tree.message])
        broken = forbidden.check(tree, exercise.forbidden, exercise.forbid_loops,
                              exercise.forbidden_advice)
        if broken:
            return Verdict(exercise.id, "failed", problems=[v.message for v in broken])
        ref = self.lesson_code.reference(exercise)
        if ref.error:
            return Verdict(exercise.id, "error", lesson_problem=ref.error,
                           problems=[f"the lesson is broken, not your code: {ref.error.message}"])
        jobs = [learner_case(spec, run) for spec, run in zip(ref.specs, ref.runs, strict=True)]
        return _Ready(exercise, source, case_rules(exercise, tree), ref, jobs)

    def _judged(self, ready: _Ready, outcome: RunOutcome, brief: bool = False,
                mistakes: list[list[CaseRun | None]] | None = None) -> Verdict:
        """The verdict on the learner's run: judged, explained (``mistakes``: the known
        mistakes' runs, when not the lesson's own run of them), timed, plotted; ``brief``:
        see :meth:`check_many`."""
        exercise, source, rules, ref = ready.exercise, ready.source, ready.rules, ready.ref
        self._child_layers = self._child_layers or childrun.child_layers(outcome)
        learner = childrun.collect(outcome, len(ref.specs))
        problem = learner_problem(exercise, outcome, ref.specs)
        verdict, judged = learner_verdict(exercise, rules, ref.specs, ref.runs, learner,
                                          outcome, problem, detail=not brief)
        verdict.stdout = childrun.stdout_of(outcome)
        if problem is None and not verdict.passed:
            from tutor.grading import explain  # a failure's diagnoses: not needed to pass

            explain.explain_failure(self, exercise, rules, source, ref, verdict, judged,
                                    learner, mistakes=mistakes, full=not brief)
        if verdict.passed and exercise.speed is not None:
            self._check_speed(exercise, source, verdict)
        if exercise.plot is not None:
            verdict.plot_data = plot_data(exercise, ref, learner)
        return verdict

    def _check_speed(self, exercise: ExerciseStep, source: str, verdict: Verdict) -> None:
        result = self._speed.check(exercise, source, fingerprint(exercise), LEARNER_FILE)
        verdict.cases.append(result.case)
        verdict.speed = result.case
        if not result.case.passed:
            verdict.status = result.status
            verdict.lesson_problem = locate(result.problem, [])
            verdict.failing = result.case
            verdict.problems.append(result.case.message)

    # -- what explaining a failure runs (see explain.Runs)
    def mistake_runs(self, exercise: ExerciseStep, ref: Reference) -> list[list[CaseRun | None]]:
        return self.lesson_code.mistake_runs(exercise, ref)

    def run_reference(self, exercise: ExerciseStep, specs: list[CaseSpec]) -> Reference:
        return self.lesson_code.run_reference(exercise, specs)

    def run_learner(self, exercise: ExerciseStep, source: str,
                    case_jobs: list[dict[str, Any]]) -> RunOutcome:
        """The learner's code on these cases, in a child."""
        return self._run_many([self._learner_job(exercise, source, case_jobs)])[0]

    def run_lesson(self, payload: dict[str, Any]) -> RunOutcome:
        """A job of lesson code (the lesson's limits), in a child."""
        return self._run_many([self.lesson_code.lesson_job(payload)])[0]

    def _learner_job(self, exercise: ExerciseStep, source: str,
                     case_jobs: list[dict[str, Any]]) -> Job:
        return Job({"op": "cases", "code": source, **entry(exercise),
                    "filename": LEARNER_FILE, "cases": case_jobs,
                    "twice": deterministic(exercise.compare),
                    "send_after": exercise.inputs_unchanged},
                   time_limit=exercise.time_limit, memory_mb=self._memory_mb,
                   max_messages=16 + 4 * len(case_jobs))


def _grader_failed(exercise: ExerciseStep, exc: WorkerError) -> Verdict:
    """The verdict on a submission the worker could not grade (it died or stopped answering)."""
    return Verdict(exercise.id, "error", problems=[f"the grader failed: {exc}"])


def _shut_down(workers: dict[str, WorkerProcess], scratch: Path) -> None:
    for worker in workers.values():
        worker.stop()
    workers.clear()
    shutil.rmtree(scratch, ignore_errors=True)
