"""Add the learners' summaries up per exercise and per pillar."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tutor.lessons.loader import Course
from tutor.lessons.model import PILLAR_TITLES, PILLARS
from tutor.report.learners import LearnerSummary

TOP_MISTAKES = 3


@dataclass
class Stats:
    """One exercise, or one pillar, across the class. ``started``: learners who checked
    code for it (a pillar: for one of its exercises); ``passed``: who passed it (a
    pillar: every exercise and checkpoint in it); ``needed_solution``: who were shown
    its solution (a pillar: one of them); ``attempts`` and ``hints``: one number per
    learner who started (a pillar: summed over its exercises); ``mistakes``: attempts
    per known mistake."""

    key: str
    title: str
    started: int = 0
    passed: int = 0
    needed_solution: int = 0
    attempts: list[int] = field(default_factory=list)
    hints: list[int] = field(default_factory=list)
    mistakes: Counter[str] = field(default_factory=Counter)

    @property
    def median_attempts(self) -> float | None:
        return statistics.median(self.attempts) if self.attempts else None

    @property
    def median_hints(self) -> float | None:
        return statistics.median(self.hints) if self.hints else None

    @property
    def pass_rate(self) -> float | None:
        """Passed out of started (None when nobody started)."""
        return self.passed / self.started if self.started else None

    def top_mistakes(self, n: int = TOP_MISTAKES) -> list[tuple[str, int]]:
        """The most frequent known mistakes (by attempts), ties by name."""
        return sorted(self.mistakes.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.key, "title": self.title, "started": self.started,
            "passed": self.passed, "needed_solution": self.needed_solution,
            "median_attempts": self.median_attempts, "median_hints": self.median_hints,
            "pass_rate": self.pass_rate,
            "mistakes": [{"name": n, "attempts": c} for n, c in self.top_mistakes()],
        }


@dataclass
class Tally:
    """Per exercise (course order) and per pillar (those with exercises or checkpoints)."""

    exercises: list[Stats]
    pillars: list[Stats]


def tally(learners: Iterable[LearnerSummary], course: Course) -> Tally:
    """The class's numbers for ``course``."""
    exercises = {ex.id: Stats(ex.id, ex.title) for ex in course.exercises()}
    by_pillar = course.by_pillar()
    pillar_exercises = {p: [ex.id for le in lessons for ex in le.exercises]
                        for p, lessons in by_pillar.items()}
    pillars = {p: Stats(p, PILLAR_TITLES[p]) for p in PILLARS
               if any(le.exercises or le.checkpoints for le in by_pillar[p])}
    for learner in learners:
        for ex_id, work in learner.exercises.items():
            stats = exercises[ex_id]
            stats.started += 1
            stats.passed += work.status in ("done", "mastered")
            stats.needed_solution += work.solution_shown
            stats.attempts.append(work.attempts)
            stats.hints.append(work.hints)
            stats.mistakes.update(learner.mistakes.get(ex_id, {}))
        for pillar, stats in pillars.items():
            mine = [learner.exercises[e] for e in pillar_exercises[pillar]
                    if e in learner.exercises]
            if not mine:
                continue
            stats.started += 1
            stats.passed += pillar in learner.pillars_done
            stats.needed_solution += any(w.solution_shown for w in mine)
            stats.attempts.append(sum(w.attempts for w in mine))
            stats.hints.append(sum(w.hints for w in mine))
            for e in pillar_exercises[pillar]:
                stats.mistakes.update(learner.mistakes.get(e, {}))
    return Tally(list(exercises.values()), list(pillars.values()))
