"""Cold start of the command line: each command a fresh process, in one run.

Prints the median and range of wall times (N runs each) of

- ``tutor --help`` (the floor: Python, the argument parser);
- ``tutor lessons list`` with the lesson cache warm, and with it empty (a full load);
- ``tutor check ID FILE`` (the reference solution as FILE, nothing recorded) with the
  caches warm, and with them empty (course loaded and reference run);
- the naive evaluator: a fresh Python that imports numpy and scipy, runs the same file on
  the same cases and compares (the floor of "one process per check", no sandbox);

with the ratios the issue's targets are stated in (lessons list ≤ 3× --help, check ≤ 3×
naive) and the load average, since other processes skew every number. The caches go to a
temporary folder ($TUTOR_CACHE_DIR), never the user's. Numbers only: nothing fails.

    python bench/cold_start.py [--runs 7] [EXERCISE_ID]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from check_latency import NAIVE_CHILD, child_env, load_average, tutor_script

from tutor.grading.reference import learner_case
from tutor.lessons.loader import load_course

TUTOR = [tutor_script()]  # the console script, as a learner runs it


def timed(command: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True,
                          check=False)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{command[3:]} exited {done.returncode}: {done.stderr[-400:]}")
    return took


def series(runs: int, one: Callable[[], float], before: Callable[[], None] = lambda: None
           ) -> list[float]:
    out = []
    for _ in range(runs):
        before()
        out.append(one())
    return out


def show(label: str, times: list[float]) -> float:
    med = statistics.median(times)
    print(f"{label:44} median {med:6.3f} s   min {min(times):6.3f}   max {max(times):6.3f}")
    return med


def naive_job(exercise_id: str) -> str:
    """The naive evaluator's job: the reference solution on the exercise's cases (as the
    reference made them), run by check_latency's NAIVE_CHILD."""
    from tutor.grading import Evaluator

    exercise = load_course().exercise(exercise_id)
    with Evaluator() as evaluator:
        ref = evaluator.lesson_code.reference(exercise)
    cases = [learner_case(s, r) for s, r in zip(ref.specs, ref.runs, strict=True)]
    if not all("wire" in c for c in cases):
        raise SystemExit(f"{exercise_id}: its inputs are not plain data; pick another")
    return json.dumps({"code": exercise.solution, "function": exercise.function,
                       "also": list(exercise.also), "names": [exercise.function,
                                                              *exercise.also],
                       "cases": cases})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercise", nargs="?", default="linear-algebra/dot-product")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"load average before: {load_average()} (2 cores shared: numbers are noisy)")
    scratch = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    cache, data = scratch / "cache", scratch / "data"
    env = child_env(TUTOR_CACHE_DIR=str(cache), TUTOR_DATA_DIR=str(data))
    solution = scratch / "solution.py"
    solution.write_text(load_course().exercise(args.exercise).solution)
    job = naive_job(args.exercise)
    check = [*TUTOR, "check", "--no-record", args.exercise, str(solution)]

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    try:
        timed([*TUTOR, "check", "--no-record", args.exercise, str(solution)], env)  # warm
        helps = series(args.runs, lambda: timed([*TUTOR, "--help"], env))
        lists = series(args.runs, lambda: timed([*TUTOR, "lessons", "list"], env))
        lists_cold = series(args.runs, lambda: timed([*TUTOR, "lessons", "list"], env),
                            empty_cache)
        timed(check, env)  # caches warm again
        naive, checks = [], []
        for _ in range(args.runs):  # interleaved, so both see the same load
            naive.append(timed([sys.executable, "-c", NAIVE_CHILD], env, job))
            checks.append(timed(check, env))
        checks_cold = series(args.runs, lambda: timed(check, env), empty_cache)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    h = show("tutor --help", helps)
    ls = show("tutor lessons list (lesson cache warm)", lists)
    show("tutor lessons list (cache empty: full load)", lists_cold)
    n = show("naive evaluator (fresh python + numpy)", naive)
    c = show(f"tutor check {args.exercise} (caches warm)", checks)
    show("tutor check (caches empty)", checks_cold)
    print(f"\nlessons list / --help: {ls / h:.2f}x (target ≤ 3)")
    print(f"check / naive:         {c / n:.2f}x (target ≤ 3)")
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
