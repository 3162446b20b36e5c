"""Time to the tutor app's first screen, and what the start path imports.

Prints, for the built-in course and a fresh data dir:

- the wall time from starting a Python process to the home screen being mounted
  (through the ``tutor`` command's own entry, ``tutor.cli.main``, with the app run
  headless via ``App.run_test``), to its lesson list showing lessons, and to the
  lesson models being loaded (``HomeScreen.loaded``: what opening a lesson needs),
  median of several runs with the lesson cache warm (a temporary $TUTOR_CACHE_DIR,
  filled by one run first, whose times are shown apart: a full load of the lesson
  files); and the process's CPU time when the list is shown;
- the import time of ``tutor.app.app`` alone (``python -X importtime``);
- heavy modules present when the first screen is up (there should be none of
  torch, scipy, plotext, tutor.grading).

Usage: ``python bench/app_start.py [--runs N] [--lessons DIR]``. It prints
measurements only; it never fails on timing.
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

from check_latency import load_average

HEAVY = ("torch", "scipy", "plotext", "textual_plotext", "tutor.grading", "tutor.plots.render",
         "numpy", "tree_sitter")
TARGET_S = 0.8
LIST_TARGET_S = 0.5

CHILD = r"""
import asyncio, json, sys, time
t0 = time.perf_counter()
from tutor.cli import main as tutor  # the `tutor` command, as a learner starts the app
import tutor.app.app as app_module
from tutor.app.screens.home import HomeScreen
t_import = time.perf_counter() - t0
marks = {}

def on_ready(self) -> None:  # the first screen has been composed and painted
    marks["first_screen_s"] = time.perf_counter() - t0
    marks["heavy"] = [m for m in json.loads(sys.argv[3]) if m in sys.modules]

async def headless(app):
    async with app.run_test(size=(100, 32)) as pilot:
        while not (isinstance(app.screen, HomeScreen)
                   and app.screen.query_one("#lessons").option_count):
            await pilot.pause(0.005)
        marks["lessons_listed_s"] = time.perf_counter() - t0
        marks["listed_cpu_s"] = time.process_time()  # every thread's, since process start
        while not app.screen.loaded:
            await pilot.pause(0.005)
        marks["loaded_s"] = time.perf_counter() - t0
        marks["lessons"] = len(app.course.lessons)

# launch() builds, preloads and runs the app as always; only the run is headless
app_module.TutorApp.on_ready = on_ready
app_module.TutorApp.run = lambda app, *args, **kwargs: asyncio.run(headless(app))
tutor((["--lessons", sys.argv[1]] if sys.argv[1] else []) + ["--data-dir", sys.argv[2]])
marks["import_s"] = t_import
print(json.dumps(marks), flush=True)
"""


def first_screen(lessons: str, runs: int) -> tuple[list[float], list[dict[str, object]]]:
    """Wall times from process start to the first screen, and each child's report; the
    first of the ``runs + 1`` runs fills the lesson cache (its report is the last item).

    The wall time adds the interpreter's own start-up (measured on an empty
    ``python -c pass``) to the child's in-process time to its first screen.
    """
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    interpreter = time.perf_counter() - start
    walls: list[float] = []
    reports: list[dict[str, object]] = []
    cache = tempfile.mkdtemp(prefix="tutor-bench-cache-")
    env = {**os.environ, "TUTOR_CACHE_DIR": cache}
    try:
        for _ in range(runs + 1):
            with tempfile.TemporaryDirectory() as data:
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, lessons, data, json.dumps(HEAVY)],
                    capture_output=True, text=True, check=True, env=env,
                )
            report = json.loads(out.stdout.strip().splitlines()[-1])
            report["interpreter_s"] = interpreter
            reports.append(report)
            walls.append(interpreter + float(report["first_screen_s"]))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return walls[1:], reports[1:] + reports[:1]


def import_time() -> tuple[float, list[str]]:
    """Cumulative import time of tutor.app.app in seconds, and the slowest top-level imports."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import tutor.app.app"],
                         capture_output=True, text=True, check=True).stderr
    rows = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            depth = len(name) - len(name.lstrip())
            rows.append((int(parts[1]), depth, name.strip()))
    total = next((us for us, _, name in rows if name == "tutor.app.app"), 0)
    top = sorted((r for r in rows if r[1] <= 3), reverse=True)[:6]
    return total / 1e6, [f"{us / 1e3:7.1f} ms  {name}" for us, _, name in top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lessons", default="", help="lesson tree (default: built-in)")
    args = parser.parse_args()

    walls, reports = first_screen(args.lessons, args.runs)
    total, slowest = import_time()
    med = statistics.median
    print(f"first screen (process start → home painted, {args.runs} runs): "
          f"median {med(walls):.3f} s, min {min(walls):.3f} s, max {max(walls):.3f} s "
          f"(target ≤ {TARGET_S} s)")
    cold, reports = reports[-1], reports[:-1]
    listed = [float(r["interpreter_s"]) + float(r["lessons_listed_s"]) for r in reports]
    print(f"lesson list filled (process start → list shown, lesson cache warm): median "
          f"{med(listed):.3f} s, min {min(listed):.3f} s, max {max(listed):.3f} s "
          f"(target ≤ {LIST_TARGET_S} s)")
    print(f"  with the cache empty (the first run: a full load of the lesson files): "
          f"{float(cold['interpreter_s']) + float(cold['lessons_listed_s']):.3f} s")
    print(f"  in-process: imports {med(float(r['import_s']) for r in reports):.3f} s, "
          f"home painted at {med(float(r['first_screen_s']) for r in reports):.3f} s, "
          f"lessons listed at {med(float(r['lessons_listed_s']) for r in reports):.3f} s, "
          f"{reports[-1]['lessons']} lesson models loaded (to open a lesson) at "
          f"{med(float(r['loaded_s']) for r in reports):.3f} s")
    print(f"  CPU time of the process (all threads) when the list is shown: median "
          f"{med(float(r['listed_cpu_s']) for r in reports):.3f} s (steadier than wall "
          "time when the host is loaded)")
    heavy = reports[-1]["heavy"] or ["none"]
    print(f"  heavy modules loaded at first paint: {', '.join(map(str, heavy))}")
    print(f"python -X importtime -c 'import tutor.app.app': {total:.3f} s cumulative")
    for line in slowest:
        print(f"  {line}")
    print(f"load average: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
