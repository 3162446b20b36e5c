"""Small lessons and courses built from the pydantic models, for mastery tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.lessons.model import Lesson


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
