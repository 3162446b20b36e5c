"""The reference-outputs cache (tutor.grading.refcache): a second evaluator grades without
running the reference; a changed exercise, a damaged or tampered entry runs it again (with
a notice for the damaged); two processes writing at once leave a whole entry."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor.grading import Evaluator
from tutor.lessons.model import ExerciseStep

from .conftest import DOT_SOLUTION, exercise

WRONG = "def dot(a, b):\n    return 2 * sum(x * y for x, y in zip(a, b))\n"


class Counted:
    """An evaluator whose reference runs are counted."""

    def __init__(self, folder: Path) -> None:
        self.evaluator = Evaluator(reference_cache=folder)
        self.runs = 0
        real = self.evaluator.lesson_code._run_reference

        def counted(*args: Any) -> Any:
            self.runs += 1
            return real(*args)

        self.evaluator.lesson_code._run_reference = counted  # type: ignore[method-assign]

    def check(self, ex: ExerciseStep, source: str) -> Any:
        return self.evaluator.check(ex, source)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Any]:
    """fresh() -> a new evaluator (a new process's view) on one cache folder."""
    made: list[Counted] = []

    def make() -> Counted:
        made.append(Counted(tmp_path / "references"))
        return made[-1]

    yield make
    for counted in made:
        counted.evaluator.close()


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "references").glob("*.json"))


def test_a_second_evaluator_grades_from_the_cache(fresh: Any, tmp_path: Path) -> None:
    ex = exercise()
    first = fresh()
    cold = [first.check(ex, DOT_SOLUTION), first.check(ex, WRONG)]
    assert first.runs == 1 and len(entries(tmp_path)) == 1
    second = fresh()
    warm = [second.check(ex, DOT_SOLUTION), second.check(ex, WRONG)]
    assert second.runs == 0 and second.evaluator.reference_notice is None
    assert [v.status for v in warm] == [v.status for v in cold] == ["passed", "failed"]
    assert [c.expected for c in warm[1].cases] == [c.expected for c in cold[1].cases]
    assert warm[1].failing is not None and cold[1].failing is not None
    assert warm[1].failing.name == cold[1].failing.name


def test_a_changed_exercise_runs_its_reference_again(fresh: Any, tmp_path: Path) -> None:
    fresh().check(exercise(), DOT_SOLUTION)
    tripled = DOT_SOLUTION.replace("return float(", "return 3 * float(")
    changed = fresh()
    verdict = changed.check(exercise(solution=tripled), DOT_SOLUTION)
    assert changed.runs == 1 and not verdict.passed  # new expected values, not the old ones
    assert len(entries(tmp_path)) == 2


@pytest.mark.parametrize("damage", ["garbage", "malformed value", "a case missing",
                                    "another key"])
def test_a_damaged_entry_runs_the_reference_again(fresh: Any, tmp_path: Path,
                                                  damage: str) -> None:
    ex = exercise()
    fresh().check(ex, DOT_SOLUTION)
    (path,) = entries(tmp_path)
    data = json.loads(path.read_text())
    cases = [m for m in data["messages"] if m.get("ev") == "case"]
    if damage == "garbage":
        path.write_bytes(b"\x00\x01 not json")
    elif damage == "malformed value":
        cases[0]["out"] = {"nd": "float64", "shape": [3], "b64": "AAAA"}
        path.write_text(json.dumps(data))
    elif damage == "a case missing":
        data["messages"].remove(cases[-1])
        path.write_text(json.dumps(data))
    else:  # a whole entry, but for something else
        data["key"] = "0" * 64
        path.write_text(json.dumps(data))
    again = fresh()
    verdicts = [again.check(ex, DOT_SOLUTION), again.check(ex, WRONG)]
    assert again.runs == 1
    assert [v.status for v in verdicts] == ["passed", "failed"]
    if damage != "another key":
        assert again.evaluator.reference_notice is not None
        assert "damaged" in again.evaluator.reference_notice
    after = fresh()
    after.check(ex, DOT_SOLUTION)
    assert after.runs == 0 and after.evaluator.reference_notice is None  # rewritten whole


def test_a_broken_reference_is_never_stored(fresh: Any, tmp_path: Path) -> None:
    broken = exercise(solution="def dot(a, b):\n    return 1 / 0\n")
    first = fresh()
    verdict = first.check(broken, DOT_SOLUTION)
    assert verdict.status == "error" and verdict.lesson_problem is not None
    assert entries(tmp_path) == []


CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tutor.grading import Evaluator
from conftest import DOT_SOLUTION, exercise
with Evaluator(reference_cache=Path(sys.argv[1])) as ev:
    print(ev.check(exercise(), DOT_SOLUTION).status)
"""


def test_two_processes_writing_the_entry_at_once(fresh: Any, tmp_path: Path) -> None:
    folder = tmp_path / "references"
    here = str(Path(__file__).parent)
    runs = [subprocess.Popen([sys.executable, "-c", CHILD, str(folder), here],
                             stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [run.communicate(timeout=300)[0].split() for run in runs]
    assert outs == [["passed"], ["passed"]]
    assert len(entries(tmp_path)) == 1 and not list(folder.glob("*.tmp"))
    warm = fresh()
    assert warm.check(exercise(), WRONG).status == "failed"
    assert warm.runs == 0 and warm.evaluator.reference_notice is None


def test_a_worker_started_early_is_adopted_and_serves_numpy_jobs() -> None:
    """`tutor check` launches the worker before the evaluator exists; a scipy worker (the
    guess when anything names scipy) serves numpy-only jobs without a second start-up."""
    from tutor.grading.prestart import start_worker

    with Evaluator(started=start_worker(kind="scipy")) as evaluator:
        verdict = evaluator.check(exercise(), DOT_SOLUTION)
        assert verdict.passed
        assert list(evaluator._workers) == ["scipy"]
