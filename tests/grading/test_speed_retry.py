"""A near miss of the speed check is measured once more and the faster run counts (a busy
machine only adds CPU time); a far miss is not, so an honest loop pays for one run. A
function slower than the baseline is told "slower", never "0.5x faster"."""

from __future__ import annotations

from typing import Any

from tutor.grading.sandbox import Job, RunOutcome
from tutor.grading.speed import SpeedCheck

from .conftest import SPEED, exercise


def outcome(cpu: float, outs: list[Any]) -> RunOutcome:
    return RunOutcome(messages=[{"ev": "timed", "outs": outs}, {"ev": "done"}], exit_code=0,
                      cpu_seconds=cpu)


def run_with(learner_cpu: list[float]) -> tuple[SpeedCheck, list[str]]:
    """A speed check whose runs take the given CPU times: the baseline 1 s, the empty run
    0 s, the learner's runs ``learner_cpu`` in turn."""
    ran: list[str] = []
    times = iter(learner_cpu)
    outs = [1.0, 2.0, 3.0]

    def run(jobs: list[Job]) -> list[RunOutcome]:
        results = []
        for job in jobs:
            function = job.payload["function"]
            ran.append(function)
            cpu = {"baseline": 1.0, "empty": 0.0}.get(function)
            results.append(outcome(next(times) if cpu is None else cpu, outs))
        return results

    return SpeedCheck(run, 512, lambda: 10.0), ran


def check(learner_cpu: list[float]) -> tuple[Any, list[str]]:
    speed, ran = run_with(learner_cpu)
    result = speed.check(exercise(**SPEED), "def total(x): ...", "key", "<yours>")
    return result, ran


def test_a_near_miss_is_measured_again_and_the_faster_run_counts() -> None:
    result, ran = check([0.4, 0.2])  # 2.5x, then 5x: the first run was slowed down
    assert ran.count("total") == 2
    assert result.case.passed and result.case.got == "5.0x faster than the baseline"


def test_a_near_miss_measured_again_as_slow_still_fails() -> None:
    result, ran = check([0.4, 0.5])
    assert ran.count("total") == 2 and not result.case.passed
    assert result.case.message.startswith("too slow: your function is 2.5x faster")


def test_a_far_miss_is_measured_once() -> None:
    result, ran = check([1.0])  # a loop as slow as the baseline
    assert ran.count("total") == 1 and not result.case.passed


def test_a_pass_is_measured_once() -> None:
    result, ran = check([0.1])
    assert ran.count("total") == 1 and result.case.passed


def test_a_function_slower_than_the_baseline_is_called_slower() -> None:
    result, _ = check([2.0])  # twice the baseline's time
    assert result.case.got == "2.0x slower than the baseline"
    assert result.case.message == ("too slow: your function is 2.0x slower than the loop "
                                   "baseline; it needs to be at least 3x faster (use "
                                   "whole-array operations)")
