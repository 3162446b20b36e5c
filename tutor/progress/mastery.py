"""Mastery: what the records say about each lesson and pillar of a course.

The one home of these rules; the app, ``tutor progress`` and its ``--json`` all
read them from here:

- An exercise is *done* once some attempt passed (``exercise_done``), and
  *mastered* if some attempt passed before its solution was first shown
  (``exercise_mastered``).
- A checkpoint is *passed* once some result passed (``checkpoint_passed``); a
  result passes by ``CheckpointStep.passes(score)``, judged when it is recorded.
- A lesson or pillar counts as *done* its exercises done plus its checkpoints
  passed, out of its exercises plus checkpoints (``done`` / ``total``).
- A lesson is mastered when every exercise in it is mastered and every
  checkpoint passed; a pillar likewise over all its lessons. A lesson or pillar
  with neither exercises nor checkpoints is never "mastered" (there is nothing
  to show for it).

Only ``course.lessons`` and each lesson's id, pillar, title and ``outline``
(``tutor.lessons.outline``: the steps' kinds and ids) are used, so the lesson
models and the parsed-course cache's index entries both work, and nothing here
needs pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from tutor.lessons.pillars import PILLAR_TITLES, PILLARS

if TYPE_CHECKING:
    from tutor.lessons.model import Lesson
    from tutor.lessons.outline import LessonOutline, Outlined, OutlinedCourse, StepOutline
    from tutor.progress.records import CheckpointState, ExerciseState, Records

ExerciseStatus = Literal["new", "tried", "done", "mastered"]


class CourseLike(Protocol):
    """A course with its lesson models (``tutor.lessons.loader.Course``), as the review
    plan needs it."""

    @property
    def lessons(self) -> Sequence[Lesson]: ...


class _Completion:
    """Mastery rules shared by a lesson and a pillar."""

    exercises_total: int
    exercises_done: int
    exercises_mastered: int
    checkpoints_total: int
    checkpoints_passed: int

    @property
    def done(self) -> int:
        """Exercises done plus checkpoints passed: the "done" every view shows."""
        return self.exercises_done + self.checkpoints_passed

    @property
    def total(self) -> int:
        """Exercises plus checkpoints: what ``done`` counts out of."""
        return self.exercises_total + self.checkpoints_total

    @property
    def checkpoint_passed(self) -> bool:
        """There are checkpoints and every one was passed."""
        return self.checkpoints_total > 0 and self.checkpoints_passed == self.checkpoints_total

    @property
    def mastered(self) -> bool:
        """Every exercise mastered and every checkpoint passed (and there is some)."""
        has_work = self.exercises_total + self.checkpoints_total > 0
        return (
            has_work
            and self.exercises_mastered == self.exercises_total
            and self.checkpoints_passed == self.checkpoints_total
        )


@dataclass(frozen=True)
class LessonMastery(_Completion):
    """One lesson's progress. ``exercises`` maps exercise id to its status."""

    lesson_id: str
    pillar: str
    title: str
    exercises: dict[str, ExerciseStatus]
    questions_total: int
    questions_correct: int
    checkpoints_total: int
    checkpoints_passed: int
    steps_total: int
    steps_completed: int
    last_activity: float | None

    @property
    def exercises_total(self) -> int:
        return len(self.exercises)

    @property
    def exercises_done(self) -> int:
        """Exercises passed at least once (mastered ones included)."""
        return sum(s in ("done", "mastered") for s in self.exercises.values())

    @property
    def exercises_mastered(self) -> int:
        return sum(s == "mastered" for s in self.exercises.values())

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            exercises_total=self.exercises_total,
            exercises_done=self.exercises_done,
            exercises_mastered=self.exercises_mastered,
            done=self.done,
            total=self.total,
            checkpoint_passed=self.checkpoint_passed,
            mastered=self.mastered,
        )
        return data


@dataclass(frozen=True)
class PillarMastery(_Completion):
    """One pillar's progress, summed over its lessons."""

    pillar: str
    title: str
    lessons: int
    exercises_total: int
    exercises_done: int
    exercises_mastered: int
    checkpoints_total: int
    checkpoints_passed: int
    last_activity: float | None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(done=self.done, total=self.total, checkpoint_passed=self.checkpoint_passed,
                    mastered=self.mastered)
        return data


@dataclass(frozen=True)
class Mastery:
    """Lessons in course order; pillars in PILLARS order, every pillar present."""

    lessons: dict[str, LessonMastery] = field(default_factory=dict)
    pillars: dict[str, PillarMastery] = field(default_factory=dict)

    @property
    def last_activity(self) -> float | None:
        return _latest(p.last_activity for p in self.pillars.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "pillars": [p.to_json() for p in self.pillars.values()],
            "lessons": [lesson.to_json() for lesson in self.lessons.values()],
            "last_activity": self.last_activity,
        }


def exercise_done(state: ExerciseState | None) -> bool:
    """Some attempt passed."""
    return state is not None and state.passed


def exercise_mastered(state: ExerciseState | None) -> bool:
    """Some attempt passed before the solution was first shown."""
    return state is not None and state.passed_before_solution


def checkpoint_passed(state: CheckpointState | None) -> bool:
    """Some result passed (as ``CheckpointStep.passes`` judged it when recorded)."""
    return state is not None and state.passed


def exercise_status(records: Records, exercise_id: str) -> ExerciseStatus:
    """new (never tried), tried (never passed), done (passed after the solution), mastered."""
    state = records.exercises.get(exercise_id)
    if state is None or state.attempts == 0:
        return "new"
    if exercise_mastered(state):
        return "mastered"
    return "done" if exercise_done(state) else "tried"


def lesson_mastery(records: Records, lesson: Outlined) -> LessonMastery:
    """Progress through one lesson."""
    outline = lesson.outline
    questions = outline.questions
    checkpoints = outline.checkpoints
    exercises = {ex: exercise_status(records, ex) for ex in outline.exercises}
    return LessonMastery(
        lesson_id=lesson.id,
        pillar=lesson.pillar,
        title=lesson.title,
        exercises=exercises,
        questions_total=len(questions),
        questions_correct=sum(q in records.questions_correct for q in questions),
        checkpoints_total=len(checkpoints),
        checkpoints_passed=sum(_checkpoint_passed(records, lesson.id, cp) for cp in checkpoints),
        steps_total=len(outline.steps),
        steps_completed=sum(_step_finished(records, lesson.id, outline, i)
                            for i in range(len(outline.steps))),
        last_activity=_lesson_last_activity(records, lesson.id, outline),
    )


def compute_mastery(records: Records, course: OutlinedCourse) -> Mastery:
    """Mastery of every lesson and pillar of ``course``."""
    lessons = {lesson.id: lesson_mastery(records, lesson) for lesson in course.lessons}
    pillars: dict[str, PillarMastery] = {}
    for pillar in PILLARS:
        mine = [m for m in lessons.values() if m.pillar == pillar]
        pillars[pillar] = PillarMastery(
            pillar=pillar,
            title=PILLAR_TITLES[pillar],
            lessons=len(mine),
            exercises_total=sum(m.exercises_total for m in mine),
            exercises_done=sum(m.exercises_done for m in mine),
            exercises_mastered=sum(m.exercises_mastered for m in mine),
            checkpoints_total=sum(m.checkpoints_total for m in mine),
            checkpoints_passed=sum(m.checkpoints_passed for m in mine),
            last_activity=_latest(m.last_activity for m in mine),
        )
    return Mastery(lessons=lessons, pillars=pillars)


def continue_position(records: Records, course: OutlinedCourse) -> tuple[str, int] | None:
    """Where to resume: the last position set, if its lesson is still in the course
    (clamped to the lesson's steps); else the first unfinished step of the first
    lesson that has one; else the start of the course. None for an empty course."""
    lessons = [(lesson.id, lesson.outline) for lesson in course.lessons]
    if not lessons:
        return None
    if records.position is not None:
        lesson_id, index = records.position
        for candidate, outline in lessons:
            if candidate == lesson_id:
                return lesson_id, max(0, min(index, len(outline.steps) - 1))
    for lesson_id, outline in lessons:
        for i in range(len(outline.steps)):
            if not _step_finished(records, lesson_id, outline, i):
                return lesson_id, i
    return lessons[0][0], 0


def _step_finished(records: Records, lesson_id: str, outline: LessonOutline,
                   index: int) -> bool:
    """Completed explicitly, or its exercise passed / question right / checkpoint passed."""
    if (lesson_id, index) in records.steps_completed:
        return True
    step = outline.steps[index]
    if step.kind == "exercise" and step.id is not None:
        return exercise_done(records.exercises.get(step.id))
    if step.kind == "question":
        return step.id in records.questions_correct
    if step.kind == "checkpoint":
        return _checkpoint_passed(records, lesson_id, step)
    return False


def _checkpoint_passed(records: Records, lesson_id: str, checkpoint: StepOutline) -> bool:
    return checkpoint_passed(records.checkpoints.get((lesson_id, str(checkpoint.id))))


def _lesson_last_activity(records: Records, lesson_id: str,
                          outline: LessonOutline) -> float | None:
    """The latest attempt, answer, checkpoint result or step completion in a lesson."""
    times: list[float | None] = []
    for ex in outline.exercises:
        state = records.exercises.get(ex)
        times.append(state.last_attempt_at if state else None)
    questions = outline.questions + [q for cp in outline.checkpoints for q in cp.questions]
    times += [records.question_last_at.get(q) for q in questions]
    times += [st.last_at for (lid, _), st in records.checkpoints.items() if lid == lesson_id]
    times += [at for (lid, _), at in records.steps_completed.items() if lid == lesson_id]
    return _latest(times)


def _latest(times: Iterable[float | None]) -> float | None:
    present = [t for t in times if t is not None]
    return max(present) if present else None
