"""The report as text tables, a pass-rate chart, CSV (one row per learner) and JSON."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, Any

from tutor.lessons.loader import Course
from tutor.plots.figure import Figure, series
from tutor.report.learners import ClassData, LearnerSummary, checkpoint_key
from tutor.report.tally import Stats, Tally

REPORT_FORMAT = "tutor-report"
REPORT_VERSION = 1
FIXED_COLUMNS = ("learner", "file", "pillars_mastered")


def columns(course: Course) -> tuple[list[str], list[str]]:
    """The gradebook's exercise columns and checkpoint columns, in course order."""
    exercises = [ex.id for ex in course.exercises()]
    checkpoints = [checkpoint_key(le.id, cp.id) for le in course.lessons for cp in le.checkpoints]
    return exercises, checkpoints


def learner_row(learner: LearnerSummary, course: Course) -> dict[str, Any]:
    """One learner as the CSV and JSON give them: every exercise's status (new, tried,
    done, mastered) and every checkpoint's best score (None when never taken)."""
    exercises, checkpoints = columns(course)
    return {
        "name": learner.name,
        "file": learner.file,
        "pillars_mastered": list(learner.pillars_mastered),
        "exercises": {e: learner.status(e) for e in exercises},
        "checkpoints": {c: learner.checkpoints.get(c) for c in checkpoints},
    }


def to_json(course_ref: dict[str, str] | None, tally: Tally, data: ClassData,
            course: Course) -> dict[str, Any]:
    """Everything the tables show, and the gradebook rows."""
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "course": course_ref,
        "learners": [learner_row(learner, course) for learner in data.learners],
        "exercises": [s.to_json() for s in tally.exercises],
        "pillars": [s.to_json() for s in tally.pillars],
        "skipped": [{"file": s.file, "reason": s.reason} for s in data.skipped],
    }


def write_csv(out: IO[str], data: ClassData, course: Course) -> None:
    """One row per learner, one column per exercise (status) and checkpoint (best score,
    empty when never taken); pillars mastered joined with ';'. Names and file names that
    a spreadsheet would take for a formula start with an apostrophe."""
    exercises, checkpoints = columns(course)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIXED_COLUMNS, *exercises, *checkpoints])
    for learner in data.learners:
        row = learner_row(learner, course)
        writer.writerow([_cell(row["name"]), _cell(row["file"]),
                         ";".join(row["pillars_mastered"]),
                         *row["exercises"].values(),
                         *("" if v is None else repr(v) for v in row["checkpoints"].values())])


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a learner may name themselves
    ``=HYPERLINK(...)``): such text gets a leading apostrophe."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def pass_rate_figure(tally: Tally) -> Figure:
    """Bars of passed/started per exercise, numbered as in the exercise table."""
    rated = [(i, s.pass_rate) for i, s in enumerate(tally.exercises, start=1)
             if s.pass_rate is not None]
    if not rated:
        return Figure(title="Pass rate by exercise", message="Nobody has started an exercise.")
    return Figure(
        title="Pass rate by exercise (passed / started, %)",
        xlabel="exercise (numbered as in the table)",
        series=(series("pass rate", [i for i, _ in rated], [100 * r for _, r in rated],
                       "bar"),),
        ylim=(0, 100),
    )


def format_report(tally: Tally, data: ClassData) -> str:
    """The exercise, pillar and learner tables, and the files skipped."""
    parts = [f"{len(data.learners)} learner{'s' * (len(data.learners) != 1)}"
             + (f", {len(data.skipped)} file(s) skipped" if data.skipped else "")]
    parts.append("Exercises\n" + _stats_table(tally.exercises, numbered=True))
    parts.append("Pillars\n" + _stats_table(tally.pillars, numbered=False))
    rows = [("Learner", "Exercises passed", "Pillars mastered")]
    for learner in data.learners:
        passed = sum(w.status in ("done", "mastered") for w in learner.exercises.values())
        rows.append((learner.name, str(passed), ", ".join(learner.pillars_mastered) or "-"))
    parts.append("Learners\n" + _table(rows, right=(1,)))
    if data.skipped:
        parts.append("Skipped\n" + "\n".join(f"  {s.file}: {s.reason}" for s in data.skipped))
    return "\n\n".join(parts)


def _stats_table(stats: Sequence[Stats], *, numbered: bool) -> str:
    rows = [("#", "Id", "Started", "Passed", "Solution", "Attempts", "Hints",
             "Frequent mistakes")]
    for i, s in enumerate(stats, start=1):
        mistakes = ", ".join(f"{name} ×{count}" for name, count in s.top_mistakes())
        rows.append((str(i), s.key, str(s.started), str(s.passed), str(s.needed_solution),
                     _median(s.median_attempts), _median(s.median_hints), mistakes or "-"))
    table = _table(rows if numbered else [row[1:] for row in rows],
                   right=(0, 2, 3, 4, 5, 6) if numbered else (1, 2, 3, 4, 5))
    return table + "\n  (Attempts and Hints: medians over the learners who started)"


def _median(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


def _table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)
