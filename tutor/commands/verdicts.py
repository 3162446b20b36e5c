"""Verdicts on the command line, shared by `tutor check` and `tutor watch`: the exercise
and its evaluator opened for a cold start, the human-readable verdict, the exercise's plot,
and recording it as an attempt."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tutor import paths
from tutor.safetext import printable

if TYPE_CHECKING:
    from tutor.grading import Evaluator
    from tutor.grading.plotdata import PlotData
    from tutor.grading.prestart import StartedWorker
    from tutor.grading.verdict import Verdict
    from tutor.lessons.cache import CourseIndex
    from tutor.lessons.exercise import ExerciseStep
    from tutor.progress import ProgressStore

OUTPUT_LINES = 12


def print_verdict(name: str, verdict: Verdict, out: TextIO, color: bool = False) -> None:
    """The human-readable verdict: headline, failing case, diagnosis, output."""
    paint = _painter(color)
    mark = paint("✓", "32") if verdict.passed else paint("✗", "31")
    status = paint(verdict.status, "32" if verdict.passed else "31;1")
    out.write(f"{mark} {printable(name)}: {status}  ({verdict.duration_ms:.0f} ms)\n")
    failing = verdict.failing
    if failing is not None:
        out.write(f"  {paint('case:', '1')} {failing.name}\n")
        for label, value in (("inputs", failing.inputs), ("expected", failing.expected),
                             ("got", failing.got)):
            if value:
                out.write(f"    {label + ':':9} {value}\n")
        if failing.where:
            first, *rest = failing.where.splitlines()
            out.write(f"    {'where:':9} {first}\n")
            out.writelines(f"    {'':9} {line}\n" for line in rest)
    for message in verdict.messages:
        lines = message.rstrip().splitlines() or [""]
        out.write(f"  {lines[0]}\n")
        out.writelines(f"    {line}\n" for line in lines[1:])
    if verdict.mistake:
        out.write(f"  {paint('known mistake:', '33')} {verdict.mistake}\n")
    lines = verdict.stdout.rstrip().splitlines()
    if lines:
        out.write(f"  {paint('your output:', '2')}\n")
        out.writelines(f"    | {line}\n" for line in lines[:OUTPUT_LINES])
        if len(lines) > OUTPUT_LINES:
            out.write(f"    | ... {len(lines) - OUTPUT_LINES} more lines\n")
    out.flush()


def _painter(color: bool) -> Any:
    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    return paint


def print_plot(plot_data: PlotData, out: TextIO, prog: str, *, width: int = 80,
               height: int = 24) -> None:
    """The exercise's plot as text; a failure to draw is one line on stderr, never fatal."""
    try:
        from tutor.plots import comparison_figure, render_text

        out.write(render_text(comparison_figure(plot_data), width, height) + "\n")
    except Exception as exc:  # noqa: BLE001 - the plot is a bonus; the verdict stands
        print(f"{prog}: could not draw the plot ({exc})", file=sys.stderr)
    out.flush()


def sandbox_off(prog: str) -> tuple[str, ...] | None:
    """The layers ``TUTOR_SANDBOX_OFF`` turns off, or None (with the error printed) when it
    names an unknown one."""
    from tutor.grading import layers

    try:
        return layers.off_from_env()
    except ValueError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None


def open_evaluator(lessons_root: Path, data_dir: str | Path | None,
                   prog: str, started: StartedWorker | None = None) -> Evaluator | None:
    """The evaluator a command grades with, hiding the lesson tree and the data folder it
    uses, keeping the references' outputs in the cache dir; None (with the error printed)
    when ``TUTOR_SANDBOX_OFF`` is wrong. ``started``: its numpy worker, launched already
    (see :func:`start_early`)."""
    from tutor.grading import Evaluator
    from tutor.grading.refcache import default_folder

    off = started.off if started is not None else sandbox_off(prog)
    if off is None:
        return None
    return Evaluator(lessons_root=lessons_root, data_dir=paths.data_dir(data_dir), off=off,
                     started=started, reference_cache=default_folder(data_dir))


def announce_torch(evaluator: Evaluator, prog: str, stream: TextIO) -> None:
    """On a terminal, say why the first check of a torch-verified exercise takes seconds
    (the torch worker's imports), as it starts."""
    if stream.isatty():
        evaluator.on_torch_start = lambda: print(
            f"{prog}: starting PyTorch for this exercise's reference (a few seconds; its "
            "results are kept for the next checks)", file=stream, flush=True)


def open_for(index: CourseIndex, exercise_id: str, data_dir: str | Path | None, prog: str,
             sources: Iterable[str]) -> tuple[ExerciseStep, Evaluator] | None:
    """The exercise's model and an evaluator to grade it with, for a cold start: the worker
    its jobs will go to (by the exercise and ``sources``) is launched first, and warms up on
    the other core while the evaluator is imported and the one exercise is read from the
    index. None (with the error printed) when ``TUTOR_SANDBOX_OFF`` is wrong."""
    from tutor.workerkind import kind_for

    # a scipy worker serves numpy-only jobs too, so a guess of scipy costs no second one
    kind = "scipy" if index.entry(exercise_id).uses_scipy else kind_for(sources)
    off = sandbox_off(prog)
    if off is None:
        return None
    started = start_early(index.root, data_dir, off, kind)
    try:
        exercise = index.exercise(exercise_id)
        evaluator = open_evaluator(index.root, data_dir, prog, started)
    except BaseException:
        if started is not None:
            started.discard()
        raise
    return None if evaluator is None else (exercise, evaluator)


def start_early(lessons_root: Path, data_dir: str | Path | None, off: tuple[str, ...],
                kind: str) -> StartedWorker | None:
    """Launch the worker of ``kind`` before the evaluator is imported (it warms up on the
    other core meanwhile), for :func:`open_evaluator`; None when it is better left to
    that. ``off``: the layers :func:`sandbox_off` gave."""
    from tutor.grading.prestart import start_worker

    try:
        return start_worker(lessons_root=lessons_root, data_dir=paths.data_dir(data_dir),
                            off=off, kind=kind)
    except OSError:
        return None  # the evaluator tries again, and reports it


def open_store(data_dir: str | Path | None, prog: str,
               course: str | None = None) -> ProgressStore | None:
    """``course``'s progress store, or None (with a warning) when it cannot be opened."""
    try:
        from tutor.progress import ProgressStore

        return ProgressStore.open(data_dir, course=course)
    except Exception as exc:  # noqa: BLE001 - grading works without progress
        print(f"{prog}: warning: progress not recorded ({exc})", file=sys.stderr)
        return None


def record_attempt(store: ProgressStore, exercise_id: str, verdict: Verdict, source: str,
                   prog: str) -> None:
    """Record one graded file as an attempt; a failure is a warning, never fatal."""
    try:
        store.record_attempt(exercise_id, status=verdict.status, duration_ms=verdict.duration_ms,
                             hints_used=0, code=source, passed=verdict.passed,
                             mistake=verdict.mistake)
    except Exception as exc:  # noqa: BLE001 - grading works without progress
        print(f"{prog}: warning: attempt not recorded ({exc})", file=sys.stderr)
