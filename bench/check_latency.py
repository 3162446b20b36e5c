"""Latency of `Evaluator.check` against a naive evaluator that starts a fresh Python per check.

Prints p50/p95 per exercise and overall, side by side, in one run. Both grade the
reference solution of built-in exercises on the same cases; the naive one only
runs the submission in a new interpreter (no sandbox layers) and compares in the
parent, so it is a floor for "one process per check". Beside them, the cold one-shot
path: `tutor check ID FILE` as a fresh process (p50 of ``--cold-repeats`` runs, the
caches in a temporary $TUTOR_CACHE_DIR warmed by one run first, nothing recorded).
Numbers only: nothing here passes or fails.

    python bench/check_latency.py [--repeats 30] [--naive-repeats 10] [--cold-repeats 3]
                                  [EXERCISE_ID ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tutor.grading import Evaluator
from tutor.grading.compare import compare
from tutor.grading.reference import learner_case
from tutor.lessons.loader import load_course
from tutor.lessons.model import ExerciseStep

NUMPY_EXERCISES = [
    "linear-algebra/dot-product", "linear-algebra/cosine-similarity", "linear-algebra/norms",
    "linear-algebra/pca", "linear-algebra/attention", "calculus/sigmoid",
    "probability/softmax", "probability/coin-simulation", "statistics/describe",
    "statistics/t-test", "optimization/momentum", "information-theory/entropy",
]
TORCH_EXERCISES = ["calculus/chain-rule", "information-theory/cross-entropy", "optimization/adam"]

NAIVE_CHILD = """
import json, sys
import numpy as np
import scipy
from tutor.grading import wire
job = json.loads(sys.stdin.read())
ns = {"__name__": "submission"}
exec(job["code"], ns)
fns = [ns[name] for name in [job["function"], *job["also"]]]
outs = []
for case in job["cases"]:
    args = [wire.decode(a) for a in case["wire"]]
    got = [fn(*args) for fn in fns]
    outs.append(wire.encode(got[0] if len(got) == 1 else dict(zip(job["names"], got))))
print(json.dumps(outs))
"""


def tutor_script() -> str:
    """The `tutor` command next to this Python, as a learner runs it (``python -m`` would
    add runpy's own start-up)."""
    found = shutil.which("tutor", path=str(Path(sys.executable).parent)) or shutil.which("tutor")
    if found is None:
        raise SystemExit("the tutor console script is not installed next to this Python")
    return found


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a timed child: this one without PYTHONDONTWRITEBYTECODE (which
    makes every process compile our modules from source, as no installed tutor does),
    plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other processes skew every number)."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def naive_check(exercise: ExerciseStep, cases: list[dict[str, Any]], expected: list[Any]) -> bool:
    """A fresh interpreter per check: run the code on the cases, compare here."""
    names = [exercise.function, *exercise.also]
    job = {"code": exercise.solution, "function": exercise.function, "also": list(exercise.also),
           "names": names, "cases": cases}
    done = subprocess.run([sys.executable, "-c", NAIVE_CHILD], input=json.dumps(job), text=True,
                          env=child_env(), capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-500:])
    from tutor.grading import wire

    outputs = [wire.decode(o) for o in json.loads(done.stdout)]
    return all(compare(e, g, exercise.compare) is None for e, g in zip(expected, outputs,
                                                                        strict=True))


def cold_cli(exercise: ExerciseStep, repeats: int, scratch: Path) -> list[float]:
    """Wall times of `tutor check` as a fresh process, with the caches warm (one run first)."""
    solution = scratch / f"{exercise.function}.py"
    solution.write_text(exercise.solution)
    env = child_env(TUTOR_CACHE_DIR=str(scratch / "cache"), TUTOR_DATA_DIR=str(scratch / "data"))
    command = [tutor_script(), "check", "--no-record", exercise.id, str(solution)]
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise RuntimeError(f"{exercise.id}: tutor check failed: {done.stdout[-300:]}")
    return times[1:]


def bench(evaluator: Evaluator, exercise: ExerciseStep, repeats: int,
          naive_repeats: int) -> tuple[list[float], list[float], float]:
    start = time.perf_counter()
    first = evaluator.check(exercise, exercise.solution)
    cold = (time.perf_counter() - start) * 1000
    if not first.passed:
        raise RuntimeError(f"{exercise.id}: reference does not pass: {first.messages[:1]}")
    ours = []
    for _ in range(repeats):
        start = time.perf_counter()
        evaluator.check(exercise, exercise.solution)
        ours.append((time.perf_counter() - start) * 1000)
    naive: list[float] = []
    ref = evaluator.lesson_code.reference(exercise)  # the same inputs and expected outputs
    cases = [learner_case(s, r) for s, r in zip(ref.specs, ref.runs, strict=True)]
    if naive_repeats and all("wire" in c for c in cases):
        expected = [r.out for r in ref.runs]
        for _ in range(naive_repeats):
            start = time.perf_counter()
            naive_check(exercise, cases, expected)
            naive.append((time.perf_counter() - start) * 1000)
    return ours, naive, cold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("exercises", nargs="*", help="exercise ids (default: a fixed mix)")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--naive-repeats", type=int, default=8)
    parser.add_argument("--cold-repeats", type=int, default=3)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    try:
        return run(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(args: argparse.Namespace, scratch: Path) -> int:
    course = load_course()
    wanted = args.exercises or [*NUMPY_EXERCISES, *TORCH_EXERCISES]
    exercises = [course.exercise(e) for e in wanted if e in {x.id for x in course.exercises()}]
    groups: dict[str, tuple[list[float], list[float], list[float]]] = {
        "numpy": ([], [], []), "torch": ([], [], [])}
    ratios: dict[str, list[float]] = {"numpy": [], "torch": []}
    print(f"{'exercise':42} {'cases':>5} {'first':>8} {'p50':>7} {'p95':>7}   "
          f"{'naive p50':>9} {'naive p95':>9}   {'cold CLI p50':>12}   (ms)")
    with Evaluator() as evaluator:
        start = time.perf_counter()
        evaluator.worker_info()
        print(f"{'(numpy worker start-up)':42} {'':5} {(time.perf_counter() - start) * 1000:8.0f}")
        for exercise in exercises:
            ours, naive, cold = bench(evaluator, exercise, args.repeats, args.naive_repeats)
            one_shot = cold_cli(exercise, args.cold_repeats, scratch) if args.cold_repeats \
                else []
            group = "torch" if exercise.verify_with == "torch" else "numpy"
            groups[group][0].extend(ours)
            groups[group][1].extend(naive)
            groups[group][2].extend(one_shot)
            p50, p95 = percentiles(ours)
            n50, n95 = percentiles(naive) if naive else (float("nan"), float("nan"))
            c50 = statistics.median(one_shot) if one_shot else float("nan")
            if one_shot and naive:
                ratios[group].append(c50 / n50)
            count = len(evaluator.lesson_code.reference(exercise).specs)
            print(f"{exercise.id:42} {count:5d} {cold:8.0f} {p50:7.1f} {p95:7.1f}   "
                  f"{n50:9.1f} {n95:9.1f}   {c50:12.0f}", flush=True)
    print()
    for group, (ours, naive, one_shot) in groups.items():
        if not ours:
            continue
        p50, p95 = percentiles(ours)
        line = f"{group + ' exercises, all checks':42} {len(ours):5d} {'':8} {p50:7.1f} {p95:7.1f}"
        if naive:
            n50, n95 = percentiles(naive)
            line += f"   {n50:9.1f} {n95:9.1f}"
        if one_shot:
            line += f"   {statistics.median(one_shot):12.0f}"
        if ratios[group]:
            line += (f"   (cold CLI / naive per exercise: median "
                     f"{statistics.median(ratios[group]):.2f}x)")
        print(line)
    print(f"load average: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
