"""The statistically checked exercises of wave 2 are fair: their cases and tolerances
give a correct learner a negligible chance to fail and every listed mistake none to pass.

The cases are built here exactly as the grader builds them (in this process: these are
the shipped lessons, trusted code)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from tutor.grading import cases
from tutor.grading.child import args as child_args
from tutor.lessons.loader import Course, load_course


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course()


def _case_args(course: Course, exercise_id: str) -> list[tuple[Any, ...]]:
    exercise = course.exercise(exercise_id)
    generators: dict[int, object] = {}
    return [child_args.build_args(spec.job(), generators) for spec in cases.plan(exercise)]


def _binomial_pmf(n: int, p: float) -> list[float]:
    return [math.comb(n, j) * p ** j * (1 - p) ** (n - j) for j in range(n + 1)]


def test_monte_carlo_tolerance_is_a_few_standard_errors(course: Course) -> None:
    """Two correct estimates (the learner's and the reference's) differ by a normal
    variable with standard error √2·SE; the tolerance must sit at least 4 of those away
    on every case where the tail is not certain (at most 9 on the random cases, which
    tell the mistakes apart), while "more than k" (off by P(X = k)) lands at least twice
    the tolerance away on the random cases."""
    exercise = course.exercise("probability/monte-carlo")
    atol = exercise.compare.atol
    assert exercise.compare.rtol == 0
    spec_list = cases.plan(exercise)
    for spec, (n, k, p, trials, _rng) in zip(spec_list, _case_args(course, exercise.id),
                                             strict=True):
        pmf = _binomial_pmf(n, p)
        q = sum(pmf[k:])
        if q >= 1 - 1e-12:
            continue
        se_difference = math.sqrt(2 * q * (1 - q) / trials)
        assert atol / se_difference >= 4, (spec.name, atol / se_difference)
        if spec.is_random:
            assert atol / se_difference <= 9, (spec.name, atol / se_difference)
            assert pmf[k] >= 2 * atol, (spec.name, pmf[k])


def test_monte_carlo_leaves_time_for_a_loop_over_runs(course: Course) -> None:
    """A loop over the runs with one rng.random(n) call each takes ~10 us per run on a
    fast machine: the cases must hold few enough runs for it on a slow one."""
    exercise = course.exercise("probability/monte-carlo")
    runs = sum(trials for _n, _k, _p, trials, _rng in _case_args(course, exercise.id))
    seconds_on_a_slow_machine = runs * 10e-6 * 4
    assert seconds_on_a_slow_machine < exercise.time_limit / 2, (runs, exercise.time_limit)


def _percentile_se_factor(confidence: float) -> float:
    """Standard error of a bootstrap percentile from B resamples, in units of the
    standard error of the mean over √B (normal approximation of the quantile's error)."""
    from scipy import stats

    tail = (1 - confidence) / 2
    return math.sqrt(tail * (1 - tail)) / float(stats.norm.pdf(stats.norm.ppf(tail)))


def test_bootstrap_tolerance_is_a_few_standard_errors_and_shrinks_with_n_boot(
        course: Course) -> None:
    """Two correct bootstraps differ at an endpoint by about √2 · K · SE(mean) / √B:
    the tolerance must sit at least 5.5 of those away on every case (at most 8 on the
    random ones, which tell the mistakes apart). In units of the data's standard error
    of the mean, the tolerance then shrinks like 1/√n_boot."""
    exercise = course.exercise("statistics/bootstrap")
    atol = exercise.compare.atol
    assert exercise.compare.rtol == 0
    in_mean_units: dict[int, list[float]] = {}
    for spec, (data, n_boot, confidence, _rng) in zip(
            cases.plan(exercise), _case_args(course, exercise.id), strict=True):
        se_mean = float(data.std()) / math.sqrt(len(data))
        se_difference = math.sqrt(2) * _percentile_se_factor(confidence) * se_mean / math.sqrt(
            n_boot)
        assert atol / se_difference >= 5.5, (spec.name, atol / se_difference)
        if spec.is_random:
            assert atol / se_difference <= 8, (spec.name, atol / se_difference)
            in_mean_units.setdefault(n_boot, []).append(atol / se_mean)
    counts = sorted(in_mean_units)
    assert len(counts) >= 3
    typical = [sorted(in_mean_units[b])[len(in_mean_units[b]) // 2] for b in counts]
    assert typical[0] > typical[-1]
