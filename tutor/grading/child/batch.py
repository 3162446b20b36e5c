"""Several jobs in one sandboxed child, one after another: validate's runs of one
exercise's solution, starter and known mistakes as learner code (all of it one lesson's
code), which would otherwise each pay a child's start and end (milliseconds apiece).

Each job runs as it would alone: a fresh :class:`~tutor.grading.child.harness.Runner`
writing its own messages (its ``ready`` first, its ``done`` last), the global random
states as the child had them before the first job, and refusals counted per job. A job
that leaves anything else shared behind (a thread, a file in scratch, numpy's error or
print settings, a warnings filter, the recursion limit, a rebound name in numpy, math,
random or builtins, a module replaced, a signal handler or timer) ends the batch after
itself: the parent runs the jobs not reported, each in a child of its own, as it runs
any job whose report is not clean (see :mod:`tutor.grading.batchrun`).
"""

from __future__ import annotations

import builtins
import math
import os
import random
import signal
import sys
import threading
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from tutor.grading.child.harness import Runner
from tutor.grading.refusals import Refusal

_SIGNALS = (signal.SIGALRM, signal.SIGVTALRM, signal.SIGPROF, signal.SIGINT, signal.SIGTERM,
            signal.SIGUSR1, signal.SIGUSR2)
_TIMERS = (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)


class Shared:
    """What jobs in one process could pass to each other, as it was at the start."""

    def __init__(self) -> None:
        self.np_random = np.random.get_state()
        self.py_random = random.getstate()
        self.settled = self.settings()
        self.modules = dict(sys.modules)
        self.names = {id(module): dict(vars(module))
                      for module in (builtins, math, random, np, np.random, np.linalg)}

    def settings(self) -> tuple[Any, ...]:
        """The process-wide settings a job could change, as plain values."""
        return (np.geterr(), np.get_printoptions(), list(warnings.filters),
                sys.getrecursionlimit(), os.getcwd(), sorted(os.listdir(".")),
                threading.active_count(), [signal.getsignal(s) for s in _SIGNALS],
                [signal.getitimer(t) for t in _TIMERS], sys.stdout, sys.stderr)

    def unchanged(self) -> bool:
        """Whether nothing but what :meth:`reset` puts back differs from the start
        (modules imported since are fine: a lazy import is the same module for all)."""
        if self.settings() != self.settled:
            return False
        if any(sys.modules.get(name) is not module for name, module in self.modules.items()):
            return False
        for module in (builtins, math, random, np, np.random, np.linalg):
            now, then = vars(module), self.names[id(module)]
            if any(now.get(k) is not v for k, v in then.items()):
                return False
            if len(now) != len(then) and any(  # beyond the submodules numpy loads lazily
                    k not in then and not isinstance(v, ModuleType) for k, v in now.items()):
                return False
        return True

    def reset(self) -> None:
        """The global random states as they were (the determinism check reseeds numpy's)."""
        np.random.set_state(self.np_random)
        random.setstate(self.py_random)


def run_batch(jobs: list[dict[str, Any]], write: Callable[[bytes], None],
              refusals: list[Refusal], limit: int | None, first: dict[str, Any]) -> None:
    """Run each of ``jobs`` (each reported after ``first``, the child's ready report, and
    at most ``limit`` bytes), until one does not finish or leaves shared state changed."""
    shared = Shared()
    for job in jobs:
        shared.reset()
        refusals.clear()
        if not Runner(job, write, refusals, limit).run(first) or not shared.unchanged():
            return
