"""Fixtures for progress tests: a data dir per test, a store, and small courses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from course_builders import FakeCourse, checkpoint, exercise, make_lesson, question

from tutor.progress.store import ProgressStore


class Clock:
    """A clock the test advances by hand: each call returns the next second."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data dir, also set as $TUTOR_DATA_DIR."""
    path = tmp_path / "data"
    monkeypatch.setenv("TUTOR_DATA_DIR", str(path))
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Iterator[ProgressStore]:
    s = ProgressStore.open(data_dir, clock=clock)
    yield s
    s.close()


@pytest.fixture
def course() -> FakeCourse:
    """Two linear-algebra lessons (3 exercises, 1 checkpoint) and one calculus lesson."""
    return FakeCourse([
        make_lesson("linear-algebra", "vectors",
                    [exercise("linear-algebra", "dot"), question("norm"),
                     exercise("linear-algebra", "norm")], order=1),
        make_lesson("linear-algebra", "matrices",
                    [exercise("linear-algebra", "matmul"), checkpoint("matrices-check")], order=2),
        make_lesson("calculus", "derivatives", [exercise("calculus", "diff")]),
    ])
