"""`tutor report` over a generated class: tables, skipped files, CSV and JSON that agree."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.progress import ProgressStore
from tutor.progress.transfer import CourseRef, export_progress

from .conftest import LESSON, manifest

CHECKPOINT_LESSON = """\
id: optimization/steps
title: Steps
pillar: optimization
order: 1
summary: A step and a checkpoint.
steps:
  - kind: exercise
    id: optimization/step
    title: One step
    prompt: Write step(w, g, lr).
    function: step
    starter: |
      def step(w, g, lr):
          raise NotImplementedError
    solution: |
      def step(w, g, lr):
          return w - lr * g
    cases:
      - name: one
        args: "1.0, 2.0, 0.5"
  - kind: checkpoint
    id: steps-check
    title: Steps
    pass_score: 0.5
    questions:
      - type: numeric
        id: half
        prompt: What is 1 - 0.5 * 1?
        answer: 0.5
        tolerance: 0.01
"""
DOT = "linear-algebra/dot-product"
STEP = "optimization/step"
COURSE = CourseRef(id="class-course", version="1.0")


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def _attempt(store: ProgressStore, exercise: str, passed: bool,
             mistake: str | None = None) -> None:
    store.record_attempt(exercise, status="passed" if passed else "failed", duration_ms=5,
                         hints_used=0, code=f"# try {passed} {mistake}", passed=passed,
                         mistake=mistake)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    (root / "linear-algebra").mkdir(parents=True)
    (root / "optimization").mkdir()
    (root / "course.yaml").write_text(manifest("class-course", version="1.0"))
    (root / "linear-algebra" / "01-vectors.yaml").write_text(LESSON)
    (root / "optimization" / "01-steps.yaml").write_text(CHECKPOINT_LESSON)
    return root


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """A class folder: four learners, a re-export, and four files to skip."""
    folder = tmp_path / "class"
    folder.mkdir()
    clock = Clock()

    def learner(name: str) -> ProgressStore:
        return ProgressStore.open(tmp_path / "stores" / name, clock=clock)

    with learner("ada") as ada:
        _attempt(ada, DOT, False, "doubled")
        _attempt(ada, DOT, False, "doubled")
        ada.record_hint(DOT, 1)
        _attempt(ada, DOT, True)
        _attempt(ada, STEP, True)
        ada.record_checkpoint("optimization/steps", "steps-check", 1.0, True)
        export_progress(ada, folder / "ada.json", learner="Ada", course=COURSE)
    with learner("bob") as bob:
        _attempt(bob, DOT, False, "doubled")
        bob.record_hint(DOT, 2)
        bob.record_solution_shown(DOT)
        _attempt(bob, DOT, True)
        export_progress(bob, folder / "bob.json", learner="Bob", course=COURSE)
    with learner("cy") as cy:
        _attempt(cy, DOT, False)
        export_progress(cy, folder / "cy.json", course=COURSE)  # no name: the file's stem
    with learner("dee") as dee:
        dee.record_checkpoint("optimization/steps", "steps-check", 0.25, False)
        export_progress(dee, folder / "dee.json", learner="Dee", course=COURSE)
    with learner("ada") as ada:  # Ada exports again later, unchanged progress: a duplicate
        export_progress(ada, folder / "ada-again.json", learner="Ada", course=COURSE)
    with learner("bob") as bob:  # Bob's progress exported under another course's id
        export_progress(bob, folder / "other.json", learner="Bobby",
                        course=CourseRef(id="other-course", version="1"))
    (folder / "broken.json").write_text('{"format": "tutor-progress", "version": 2,')
    newer = json.loads((folder / "cy.json").read_text())
    newer["version"] = 99
    (folder / "newer.json").write_text(json.dumps(newer))
    return folder


def test_report_prints_the_tables_and_skips_bad_files(
        tree: Path, exports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lessons", str(tree), "report", str(exports)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 learners, 4 file(s) skipped")
    dot_row = next(line for line in out.splitlines() if DOT in line)
    #                 #  id   started passed solution attempts hints  mistakes
    assert dot_row.split() == ["1", DOT, "3", "2", "1", "2", "1", "doubled", "×3"]
    step_row = next(line for line in out.splitlines() if f" {STEP} " in line)
    assert step_row.split()[2:7] == ["1", "1", "0", "1", "0"]
    pillar_row = next(line for line in out.splitlines() if " optimization " in line)
    assert pillar_row.split()[:3] == ["optimization", "1", "1"]  # Ada did all of it
    assert "Ada  " in out and "cy  " in out and "Dee  " in out
    skipped = out[out.index("Skipped"):]
    assert "ada.json: the same learner as" in skipped and "ada-again.json, which is newer" \
        in skipped
    assert "broken.json: " in skipped and "is not JSON" in skipped
    assert "newer.json: was exported by a newer tutor (format version 99" in skipped
    assert "other.json: progress in the course 'other-course', not 'class-course'" in skipped
    assert "Pass rate by exercise" in out


def test_csv_and_json_round_trip_the_numbers(tree: Path, exports: Path,
                                             tmp_path: Path) -> None:
    csv_path, json_path = tmp_path / "grades.csv", tmp_path / "report.json"
    assert main(["--lessons", str(tree), "report", str(exports), "--csv", str(csv_path),
                 "--json", str(json_path), "--no-chart"]) == 0
    report = json.loads(json_path.read_text())
    assert report["course"] == {"id": "class-course", "version": "1.0"}
    with csv_path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    checkpoint = "optimization/steps:steps-check"
    assert list(rows[0]) == ["learner", "file", "pillars_mastered", DOT, STEP, checkpoint]
    assert [r["learner"] for r in rows] == [le["name"] for le in report["learners"]] == [
        "Ada", "Bob", "cy", "Dee"]  # ada-again.json, the newer, sorts first
    for row, learner in zip(rows, report["learners"], strict=True):
        assert row["pillars_mastered"].split(";") == (learner["pillars_mastered"] or [""])
        for exercise, status in learner["exercises"].items():
            assert row[exercise] == status
        score = learner["checkpoints"][checkpoint]
        assert row[checkpoint] == ("" if score is None else repr(score))
    by_name = {le["name"]: le for le in report["learners"]}
    assert by_name["Ada"]["exercises"] == {DOT: "mastered", STEP: "mastered"}
    assert by_name["Ada"]["pillars_mastered"] == ["linear-algebra", "optimization"]
    assert by_name["Bob"]["exercises"][DOT] == "done"  # passed after the solution
    assert by_name["Dee"]["checkpoints"][checkpoint] == 0.25
    dot = report["exercises"][0]
    assert dot == {"id": DOT, "title": "Dot product", "started": 3, "passed": 2,
                   "needed_solution": 1, "median_attempts": 2, "median_hints": 1,
                   "pass_rate": 2 / 3, "mistakes": [{"name": "doubled", "attempts": 3}]}
    assert {s["file"].rsplit("/", 1)[-1] for s in report["skipped"]} == {
        "ada.json", "broken.json", "newer.json", "other.json"}


def test_no_usable_export_is_an_error_not_a_crash(tree: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "junk.json").write_bytes(b"\xff\xfe not text")
    assert main(["--lessons", str(tree), "report", str(tmp_path / "junk.json"),
                 str(tmp_path / "missing.json")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("0 learners, 2 file(s) skipped")
    assert "missing.json: cannot read" in out and "Nobody has started an exercise" in out


def test_worker_processes_give_the_same_report(tree: Path, exports: Path) -> None:
    from tutor.lessons.loader import load_course
    from tutor.report.learners import read_class
    from tutor.report.output import to_json
    from tutor.report.tally import tally

    course = load_course(tree)
    files = sorted(exports.iterdir())
    reports = []
    for workers in (1, 2):
        data = read_class(files, course, "class-course", workers=workers)
        reports.append(to_json(None, tally(data.learners, course), data, course))
    assert reports[0] == reports[1]
    assert len(reports[0]["learners"]) == 4 and len(reports[0]["skipped"]) == 4


def test_each_file_is_read_once(tree: Path, exports: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real = Path.read_text

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self.name)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counting)
    assert main(["--lessons", str(tree), "report", str(exports), "--no-chart"]) == 0
    exports_read = sorted(r for r in reads if r.endswith(".json"))
    assert exports_read == sorted(p.name for p in exports.iterdir())


def test_an_export_reads_as_the_store_reads_it_after_import(exports: Path,
                                                            tmp_path: Path) -> None:
    from tutor.progress.transfer import import_progress, load_export, records_of

    for name in ("ada.json", "bob.json", "dee.json"):
        with ProgressStore.open(tmp_path / "import" / name) as store:
            import_progress(store, exports / name)
            stored = store.records()
        read = records_of(load_export(exports / name))
        assert read.exercises == stored.exercises
        assert read.exercises or name == "dee.json"  # Dee only took the checkpoint
        assert read.checkpoints == stored.checkpoints
        assert read.questions_correct == stored.questions_correct


def test_a_name_is_never_a_formula_in_the_gradebook(tree: Path, tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "store") as store:
        _attempt(store, DOT, True)
        export_progress(store, tmp_path / "x.json", learner="=HYPERLINK(\"http://x\")",
                        course=COURSE)
    out = tmp_path / "grades.csv"
    assert main(["--lessons", str(tree), "report", str(tmp_path / "x.json"), "--csv",
                 str(out), "--no-chart"]) == 0
    with out.open(newline="") as f:
        row = next(csv.DictReader(f))
    assert row["learner"] == "'=HYPERLINK(\"http://x\")" and row[DOT] == "mastered"
