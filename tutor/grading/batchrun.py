"""Several jobs of one lesson's code in one sandboxed child (validate's runs of an
exercise's solution, starter and mistakes as learner code; see
:mod:`tutor.grading.child.batch` for the child's side), each with the outcome its own
child would have given.

A job's report is taken from the batch only when it is clean: it came in order, passes
the same checks as a child's (:func:`tutor.grading.messages.check`, against that job's
plan), ended with ``done``, kept within the job's own limits on lines and bytes, took no
longer than its own time limit (measured here, from its first line to its last), and ran
out of memory nowhere (which what an earlier job left could cause). From the first job
that is not clean on (it crashed, hung, sent too much, or the child stopped the batch
after a job that changed shared state), every job runs again in a child of its own,
exactly as without a batch: whatever goes wrong is reported against the job it belongs
to, in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tutor.grading import messages
from tutor.grading.sandbox import RESULT_SLACK, Job, RunOutcome

RunMany = Callable[[list[Job]], list[RunOutcome]]
AT_ONCE = 4  # jobs run again one child each: this many at once (the evaluator's BATCH)


def batch_job(jobs: Sequence[Job]) -> Job:
    """One job that runs ``jobs`` one after another in a child (the same memory limit,
    a learner's; the time limits apply job by job)."""
    return Job({"op": "batch", "jobs": [job.payload for job in jobs]},
               time_limit=sum(job.time_limit for job in jobs), memory_mb=jobs[0].memory_mb,
               max_messages=sum(job.max_messages for job in jobs),
               parts=tuple(job.time_limit for job in jobs))


def split(outcome: RunOutcome, jobs: Sequence[Job]) -> list[RunOutcome | None]:
    """Each job's outcome from a :func:`batch_job`'s, for the leading jobs whose reports
    are clean; None for the rest."""
    found: list[RunOutcome | None] = [None] * len(jobs)
    if outcome.failure or outcome.overflowed:
        return found
    parts: list[list[dict]] = []
    for line in outcome.lines:
        if line.get("ev") == "ready" or not parts:
            parts.append([])
        parts[-1].append(line)
    marks, offsets = outcome.marks, outcome.offsets
    if len(parts) > len(jobs) or min(len(marks), len(offsets)) < len(parts) + 1:
        return found  # more than planned, or a report not timed: none is trusted
    limit = outcome.result_limit // len(jobs)
    for k, (job, lines) in enumerate(zip(jobs, parts, strict=False)):
        seconds = marks[k + 1] - marks[k]
        if not lines or lines[-1].get("ev") != "done" or seconds > job.time_limit or \
                len(lines) > job.max_messages or \
                offsets[k + 1] - offsets[k] > limit + RESULT_SLACK or _out_of_memory(lines):
            break
        try:
            checked = messages.check(lines, *job.plan())
        except Exception:  # noqa: BLE001 - malformed: run again alone, where it is reported
            break
        found[k] = RunOutcome(checked, result_limit=limit, duration_ms=seconds * 1000)
    return found


def _out_of_memory(lines: list[dict[str, Any]]) -> bool:
    """Whether any exception reported in ``lines`` is a MemoryError."""
    for line in lines:
        for value in line.values():
            if isinstance(value, dict) and value.get("kind") == "memory":
                return True
    return False


def run_together(run_many: RunMany, jobs: Sequence[Job]) -> list[RunOutcome]:
    """Every job's outcome: from one batch child where clean, else from a child of its own
    (``AT_ONCE`` at a time)."""
    if len(jobs) < 2:
        return run_many(list(jobs))
    found = split(run_many([batch_job(jobs)])[0], jobs)
    again = [k for k, outcome in enumerate(found) if outcome is None]
    for at in range(0, len(again), AT_ONCE):
        chunk = again[at:at + AT_ONCE]
        for k, outcome in zip(chunk, run_many([jobs[k] for k in chunk]), strict=True):
            found[k] = outcome
    return [outcome for outcome in found if outcome is not None]
