"""Time to draw a question family in the sandbox, as the app does (8 seeds in one job,
warm worker) and as the validator does (8 fixed seeds per family, every shipped family).

Prints the median and the 95th percentile of ``Evaluator.draw`` for a few shipped
families, the worker's start, and the validator's draws of all families. Usage:
``python bench/family_draw.py [--runs N]``. It prints measurements only; it never fails
on timing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tutor import paths
from tutor.grading import Evaluator
from tutor.lessons.families import is_family
from tutor.lessons.loader import load_course
from tutor.lessons.model import lesson_code, step_questions

SHOWN = ("linear-algebra/broadcasting-and-vectorization/broadcast-outer",
         "probability/bayes/third-test", "information-theory/entropy/die-in-nats")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    course = load_course(paths.builtin_lessons_dir())
    families = {f"{lesson.id}/{q.id}": (lesson, q) for lesson in course.lessons
                for step in lesson.steps for _, q in step_questions(step) if is_family(q)}
    start = time.perf_counter()
    with Evaluator() as evaluator:
        evaluator.worker_info()
        print(f"worker start: {(time.perf_counter() - start) * 1000:.0f} ms")
        for name in SHOWN:
            lesson, question = families[name]
            times = []
            for run in range(runs + 1):
                t0 = time.perf_counter()
                evaluator.draw(question, lesson_code(lesson), range(run * 8, run * 8 + 8))
                times.append((time.perf_counter() - t0) * 1000)
            times = sorted(times[1:])  # the first run warms the worker's imports
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print(f"{name}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
                  f"(8 seeds, {runs} runs)")
        t0 = time.perf_counter()
        for lesson, question in families.values():
            evaluator.draw(question, lesson_code(lesson), range(1000, 1008), time_limit=30)
        print(f"validator draws, all {len(families)} families x 8 seeds: "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
