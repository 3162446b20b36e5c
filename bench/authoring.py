"""How long `tutor lessons validate` takes an author: cold, unchanged, and after an edit.

Runs the `tutor` console script (a fresh process each time, as an author does) on a copy
of a lesson tree, with a cache folder of its own, and prints wall-clock seconds:

- cold: ``--no-cache``, every check runs (``--serial``: also on one evaluator, to show
  what running the checks in parallel gains);
- unchanged: nothing edited since the last run;
- comment added: one lesson file gets a YAML comment (its bytes change, nothing it says);
- prose edited: one lesson's summary changes (its text checks and facts run again);
- exercise edited: one exercise's solution changes (that exercise runs again).

Each edit is a new one (so never answered by the cache); the medians of ``--repeats``
runs are shown with every run, with the CPU time the run used (user + system, its
sandboxed children included). The load average is printed beside them: other work on
the machine slows every wall-clock number (the CPU time much less). Numbers only:
nothing here passes or fails.

    python bench/authoring.py [--lessons DIR] [--lesson FILE] [--repeats 3] [--serial]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from check_latency import child_env, tutor_script

from tutor import paths

DEFAULT_LESSON = "linear-algebra/01-vectors-and-dot-product.yaml"


def cpu_seconds() -> float:
    """User + system CPU time of this process's finished children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of the run and every process it started)."""
    cpu = cpu_seconds()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n"
                         f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds, cpu_seconds() - cpu


def add_comment(path: Path, k: int) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n# bench edit {k}\n",
                    encoding="utf-8")


def edit_summary(path: Path, k: int) -> None:
    text = path.read_text(encoding="utf-8")
    edited, n = re.subn(r"^summary: (.+?)\.?$", lambda m: f"summary: {m.group(1)} (draft {k}).",
                        text, count=1, flags=re.M)
    if n != 1 or edited.split("\nsummary: ", 1)[1][:1] in "'\"|>":
        raise SystemExit(f"{path}: no plain one-line summary to edit")
    path.write_text(edited, encoding="utf-8")


def edit_solution(path: Path, k: int) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if re.fullmatch(r"\s*solution: \|\s*", line) and i + 1 < len(lines):
            indent = re.match(r"\s*", lines[i + 1]).group()  # type: ignore[union-attr]
            lines.insert(i + 1, f"{indent}# bench edit {k}")
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise SystemExit(f"{path}: no 'solution: |' block to edit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", help="lesson tree (default: the built-in course)")
    parser.add_argument("--lesson", default=DEFAULT_LESSON, help="the lesson file edited, "
                        f"relative to the tree (default: {DEFAULT_LESSON})")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--serial", action="store_true", help="also time a cold run on "
                        "one evaluator (--jobs 1)")
    args = parser.parse_args()

    source = paths.lessons_dir(args.lessons)
    with tempfile.TemporaryDirectory(prefix="tutor-bench-authoring-") as scratch:
        tree = Path(scratch) / "lessons"
        shutil.copytree(source, tree)
        lesson = tree / args.lesson
        env = child_env(**{paths.CACHE_DIR_ENV: str(Path(scratch) / "cache")})
        validate = [tutor_script(), "lessons", "validate", str(tree)]
        rows: list[str] = []

        def measure(name: str, edit: Callable[[Path, int], None] | None, repeats: int,
                    extra: tuple[str, ...] = ()) -> None:
            samples = []
            for k in range(repeats):
                if edit is not None:
                    edit(lesson, len(rows) * 100 + k)
                samples.append(timed([*validate, *extra], env))
            rows.append(name)
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            print(f"{name:<34} median {wall:6.2f} s (CPU {cpu:6.2f} s)   runs "
                  + " ".join(f"{s[0]:.2f}" for s in samples)
                  + f"   load {os.getloadavg()[0]:.1f}", flush=True)

        print(f"tree {source} ({sum(1 for _ in tree.rglob('*.yaml'))} files), "
              f"{os.cpu_count()} cores, load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        if args.serial:
            measure("cold, one evaluator (--jobs 1)", None, 1, ("--no-cache", "--jobs", "1"))
        measure("cold (--no-cache)", None, 1, ("--no-cache",))
        measure("unchanged", None, args.repeats)
        measure("one lesson: a comment added", add_comment, args.repeats)
        measure("one lesson: prose edited", edit_summary, args.repeats)
        measure("one lesson: an exercise edited", edit_solution, args.repeats)


if __name__ == "__main__":
    main()
