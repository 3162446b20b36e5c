"""Run validate's sandboxed checks on several evaluators at once, one thread driving each.

An :class:`~tutor.grading.Evaluator` grades one thing at a time, and most of the time it
waits on its worker's children; several evaluators (each with its own worker process)
keep the cores busy. Checks that need torch all go to the first evaluator and checks that
name scipy to the last, so at most one torch worker and one scipy worker start (each
costs seconds of CPU to import).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

# Starting an evaluator's worker costs more than a small check (a lesson's facts): one
# more evaluator only for each this many checks (an edit to one exercise starts one).
TASKS_EACH = 2


class Task(Protocol):
    torch: bool  # needs the torch worker
    scipy: bool  # names scipy (so starts a scipy worker)
    weight: int  # how long it runs, roughly

    def run(self, evaluator: Any) -> None:
        """Run the check with ``evaluator``; never raises."""


def default_jobs() -> int:
    """How many evaluators to run at once: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_all(tasks: Sequence[Task], start: Callable[[], Any], jobs: int,
            done: Callable[[], None]) -> str | None:
    """Run every task on up to ``jobs`` evaluators made by ``start`` (closed afterwards),
    calling ``done`` after each task. Returns why no evaluator started, or None."""
    evaluators: list[Any] = []
    try:
        for _ in range(max(1, min(jobs, len(tasks) // TASKS_EACH))):
            try:
                evaluators.append(start())
            except Exception as exc:  # noqa: BLE001 - no sandbox: the caller says so
                if not evaluators:
                    return str(exc) or exc.__class__.__name__
                break  # fewer evaluators, same checks
        # The longest first, so no thread is left with a long one at the end; torch ones
        # before the rest, for evaluator 0.
        pending = sorted(tasks, key=lambda t: (not t.torch, -t.weight))
        lock = threading.Lock()
        last = len(evaluators) - 1

        def mine(task: Task, index: int) -> bool:
            if task.torch:
                return index == 0
            return not task.scipy or index == last

        def take(index: int) -> Task | None:
            with lock:
                for at, task in enumerate(pending):
                    if mine(task, index):
                        return pending.pop(at)
            return None

        def drive(evaluator: Any, index: int) -> None:
            while (task := take(index)) is not None:
                task.run(evaluator)
                done()

        threads = [threading.Thread(target=drive, args=(ev, i), daemon=True,
                                    name=f"validate-{i}") for i, ev in enumerate(evaluators)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return None
    finally:
        for evaluator in evaluators:
            evaluator.close()
