"""How safe the tolerances of the statistically checked exercises are.

For ``probability/monte-carlo`` and ``statistics/bootstrap``, every case of the shipped
lesson is built as the grader builds it; the reference solution runs on the case's own
generator, and correct implementations of other styles run on ``--seeds`` fresh
generators each. Printed per exercise:

- |learner − reference| as a fraction of the tolerance (a correct learner fails when
  it passes 1): median, 99th percentile and largest over every case, style and seed;
- for each known mistake, the number of cases it fails (it must fail at least one).

A measurement, never pass/fail. The shipped lessons are trusted code, so their
solutions run in this process. Usage: ``python bench/statistical_tolerance.py
[--seeds N]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.grading import cases
from tutor.grading.child import args as child_args
from tutor.lessons.loader import load_course
from tutor.lessons.model import ExerciseStep


def _tail_by_flips(n: int, k: int, p: float, trials: int, rng: Any) -> float:
    return float(np.mean((rng.random((trials, n)) < p).sum(axis=1) >= k))


def _tail_by_bernoulli(n: int, k: int, p: float, trials: int, rng: Any) -> float:
    return float(np.mean(rng.binomial(1, p, size=(n, trials)).sum(axis=0) >= k))


def _boot_by_indices(data: Any, n_boot: int, confidence: float, rng: Any) -> tuple[float, ...]:
    means = data[rng.integers(0, len(data), size=(n_boot, len(data)))].mean(axis=1)
    tail = (1 - confidence) / 2
    return tuple(np.quantile(means, [tail, 1 - tail], method="median_unbiased"))


def _boot_by_loop(data: Any, n_boot: int, confidence: float, rng: Any) -> tuple[float, ...]:
    means = [rng.choice(data, size=len(data)).mean() for _ in range(n_boot)]
    tail = (1 - confidence) / 2
    return tuple(np.percentile(means, [100 * tail, 100 * (1 - tail)]))


STYLES: dict[str, list[Callable[..., Any]]] = {
    "probability/monte-carlo": [_tail_by_flips, _tail_by_bernoulli],
    "statistics/bootstrap": [_boot_by_indices, _boot_by_loop],
}


def _function(source: str, name: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {}
    exec(compile(source, name, "exec"), namespace)  # noqa: S102 - the shipped lessons
    return namespace[name]


def _measure(exercise: ExerciseStep, seeds: int) -> None:
    atol = exercise.compare.atol
    reference = _function(exercise.solution, exercise.function)
    generators: dict[int, object] = {}
    specs = cases.plan(exercise)
    gaps: list[float] = []
    mistakes = {m.name: _function(m.code, exercise.function) for m in exercise.mistakes}
    failing = dict.fromkeys(mistakes, 0)
    start = time.perf_counter()
    for spec in specs:
        *inputs, _ = child_args.build_args(spec.job(), generators)
        expected = np.atleast_1d(np.asarray(reference(*inputs, np.random.default_rng(
            [spec.index, 0])), dtype=float))
        for style in STYLES[exercise.id]:
            for seed in range(seeds):
                got = np.atleast_1d(np.asarray(style(*inputs, np.random.default_rng(
                    [spec.index, seed + 1])), dtype=float))
                gaps.append(float(np.max(np.abs(got - expected))) / atol)
        for name, mistake in mistakes.items():
            got = np.atleast_1d(np.asarray(mistake(*inputs, np.random.default_rng(
                [spec.index, 0])), dtype=float))
            if got.shape != expected.shape or np.max(np.abs(got - expected)) > atol:
                failing[name] += 1
    print(f"{exercise.id}: {len(specs)} cases, tolerance {atol}")
    print(f"  correct styles: {len(gaps)} comparisons; gap as a fraction of the tolerance: "
          f"median {np.median(gaps):.2f}, 99th percentile {np.percentile(gaps, 99):.2f}, "
          f"largest {max(gaps):.2f} ({time.perf_counter() - start:.1f} s)")
    for name, count in failing.items():
        print(f"  mistake {name}: fails {count} of {len(specs)} cases")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    course = load_course()
    for exercise_id in STYLES:
        _measure(course.exercise(exercise_id), args.seeds)


if __name__ == "__main__":
    main()
