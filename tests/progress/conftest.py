"""Fixtures for progress tests: a data dir per test, a store, and small courses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tutor.lessons.model import Lesson
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


def exercise(pillar: str, slug: str) -> dict[str, Any]:
    return {
        "kind": "exercise",
        "id": f"{pillar}/{slug}",
        "title": slug,
        "prompt": "Write it.",
        "function": "f",
        "starter": "def f(x):\n    raise NotImplementedError\n",
        "solution": "def f(x):\n    return x\n",
        "cases": [{"args": "1"}],
    }


def question(qid: str) -> dict[str, Any]:
    return {
        "kind": "question",
        "question": {"type": "choice", "id": qid, "prompt": "?", "choices": ["a", "b"],
                     "answer": 0},
    }


def checkpoint(cid: str) -> dict[str, Any]:
    return {
        "kind": "checkpoint",
        "id": cid,
        "title": cid,
        "questions": [{"type": "numeric", "id": f"{cid}-q", "prompt": "?", "answer": 1.0}],
    }


def make_lesson(pillar: str, slug: str, steps: list[dict[str, Any]], order: int = 1) -> Lesson:
    """A lesson ``pillar/slug`` whose first step is text, then ``steps``."""
    return Lesson.model_validate({
        "id": f"{pillar}/{slug}",
        "title": slug,
        "pillar": pillar,
        "order": order,
        "summary": "s",
        "steps": [{"kind": "text", "body": "intro"}, *steps],
    })


@dataclass
class FakeCourse:
    """Stands in for tutor.lessons.loader.Course: mastery only reads ``lessons``."""

    lessons: list[Lesson] = field(default_factory=list)


@pytest.fixture
def course_of() -> type[FakeCourse]:
    """FakeCourse, for tests that build their own course: ``course_of([lesson, ...])``."""
    return FakeCourse


@pytest.fixture
def lesson_of() -> Any:
    """``make_lesson``, for tests that build their own lessons."""
    return make_lesson


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


@pytest.fixture
def lesson_tree(course: FakeCourse, tmp_path: Path) -> Path:
    """``course`` written out as a lesson tree, for the CLI's --lessons."""
    import yaml

    root = tmp_path / "lessons"
    for lesson in course.lessons:
        slug = lesson.id.split("/", 1)[1]
        path = root / lesson.pillar / f"{lesson.order:02d}-{slug}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = lesson.model_dump(mode="json", exclude_defaults=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return root
