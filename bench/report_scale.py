"""How long `tutor report` takes over a class: N exports of the built-in course.

    .venv/bin/python bench/report_scale.py [--learners 1000] [--keep DIR]

Each learner starts most exercises, with 1-8 attempts of ~400 characters of code
(some matching a known mistake), hints, a few solutions, answers, checkpoint
results and steps, as `tutor progress export` writes them. The timing covers
reading, validating and summing every file, the text tables, the chart, CSV and
JSON. It runs twice: in one process, counting how many times each file is opened
(it must be once), then with the default worker processes.
"""

from __future__ import annotations

import argparse
import builtins
import hashlib
import io
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from tutor.lessons.loader import load_course
from tutor.lessons.model import question_id
from tutor.paths import builtin_lessons_dir
from tutor.plots import render_text
from tutor.report.learners import read_class
from tutor.report.output import format_report, pass_rate_figure, to_json, write_csv
from tutor.report.tally import tally

CODE = "import numpy as np\n\n" + "\n".join(f"# line {i} of the learner's code" for i in range(14))


def export_for(rng: random.Random, n: int, course: Any) -> dict[str, Any]:
    t = 1_700_000_000.0 + rng.random() * 1e6
    data: dict[str, Any] = {"format": "tutor-progress", "version": 2, "exported_at": t + 1e7,
                            "learner": f"Learner {n:04d}",
                            "course": {"id": "ml-math", "version": "1.0"},
                            "attempts": [], "steps": [], "answers": [], "checkpoints": [],
                            "drafts": [], "hints": [], "solutions": [], "positions": [],
                            "last_position": None}
    for lesson in course.lessons:
        for ex in lesson.exercises:
            if rng.random() > 0.85:
                continue
            hints = rng.randint(0, len(ex.hints))
            if hints:
                data["hints"].append({"exercise_id": ex.id, "revealed": hints, "updated_at": t})
            shown = rng.random() < 0.15
            if shown:
                data["solutions"].append({"exercise_id": ex.id, "first_at": t})
            tries = rng.randint(1, 8)
            for k in range(tries):
                t += rng.random() * 60
                passed = k == tries - 1 and rng.random() < 0.8
                code = f"{CODE}\n# {n} {ex.id} {k}\n"
                mistake = (rng.choice(ex.mistakes).name
                           if ex.mistakes and not passed and rng.random() < 0.5 else None)
                data["attempts"].append({
                    "uid": uuid.UUID(int=rng.getrandbits(128)).hex, "exercise_id": ex.id,
                    "at": t, "status": "passed" if passed else "failed", "passed": passed,
                    "duration_ms": 20.0, "hints_used": hints, "after_solution": shown,
                    "code_sha256": hashlib.sha256(code.encode()).hexdigest(), "code": code,
                    "mistake": mistake})
            data["drafts"].append({"exercise_id": ex.id, "code": CODE, "updated_at": t})
        for i, step in enumerate(lesson.steps):
            data["steps"].append({"lesson_id": lesson.id, "step_index": i, "completed_at": t})
            question = getattr(step, "question", None)
            if question is not None:
                data["answers"].append({"uid": uuid.UUID(int=rng.getrandbits(128)).hex,
                                        "question_id": question_id(lesson, question),
                                        "answer": "1", "correct": rng.random() < 0.7, "at": t})
        for cp in lesson.checkpoints:
            score = rng.random()
            data["checkpoints"].append({"uid": uuid.UUID(int=rng.getrandbits(128)).hex,
                                        "lesson_id": lesson.id, "checkpoint_id": cp.id,
                                        "score": score, "passed": score >= 0.7, "at": t})
        data["positions"].append({"lesson_id": lesson.id, "step_index": 0, "updated_at": t})
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--keep", help="write the exports here (kept) instead of a temp dir")
    args = parser.parse_args()
    course = load_course(builtin_lessons_dir())
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        total = attempts = 0
        for n in range(args.learners):
            export = export_for(rng, n, course)
            attempts += len(export["attempts"])
            text = json.dumps(export, indent=1)
            total += len(text)
            (folder / f"learner-{n:04d}.json").write_text(text)
        files = sorted(folder.glob("*.json"))
        opened: dict[str, int] = {}
        real_open = builtins.open

        def counting_open(file: Any, *a: Any, **k: Any) -> Any:
            opened[str(file)] = opened.get(str(file), 0) + 1
            return real_open(file, *a, **k)

        builtins.open = counting_open
        io.open = counting_open
        try:
            serial = report(files, course, workers=1)
        finally:
            builtins.open = real_open
            io.open = real_open
        reads = [opened.get(str(f), 0) for f in files]
        parallel = report(files, course, workers=None)
    print(f"{args.learners} exports of {len(course.exercises())} exercises "
          f"({attempts} attempts, {total / 1e6:.1f} MB); whole report (read, tables, "
          f"chart, CSV, JSON): {serial[0]:.2f} s in one process ({serial[3]:.2f} s of CPU; "
          f"load average {os.getloadavg()[0]:.1f}; each file opened "
          f"{min(reads)}-{max(reads)} time(s)), {parallel[0]:.2f} s with worker processes "
          f"({os.cpu_count()} cores); {serial[1]} learners; same JSON: "
          f"{serial[2] == parallel[2]}")
    return 0 if min(reads) == max(reads) == 1 and serial[2] == parallel[2] else 1


def report(files: list[Path], course: Any,
           workers: int | None) -> tuple[float, int, str, float]:
    """Seconds for the whole report, learners read, the JSON, and this process's CPU
    seconds."""
    start, cpu = time.perf_counter(), time.process_time()
    data = read_class(files, course, "ml-math", workers=workers)
    numbers = tally(data.learners, course)
    format_report(numbers, data)
    render_text(pass_rate_figure(numbers), width=80, height=20)
    out = io.StringIO()
    write_csv(out, data, course)
    text = json.dumps(to_json(None, numbers, data, course))
    return (time.perf_counter() - start, len(data.learners), text,
            time.process_time() - cpu)


if __name__ == "__main__":
    sys.exit(main())
