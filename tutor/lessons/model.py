"""The lesson format: pydantic models for what authors write in YAML.

Unknown keys are errors (``extra="forbid"``) so a typo never passes silently. The
exercise step and its parts are in :mod:`tutor.lessons.exercise` (re-exported here),
the question kinds in :mod:`tutor.lessons.questions`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from tutor.lessons.exercise import (  # noqa: F401 - re-exported: the exercise models
    Compare,
    ExercisePlot,
    ExerciseStep,
    Fact,
    FixedCase,
    Mistake,
    RandomCases,
    SpeedCheck,
    Statistical,
)
from tutor.lessons.fields import QualifiedId, ShortText, Slug, Strict, Text
from tutor.lessons.outline import LessonOutline, StepOutline, question_key
from tutor.lessons.pillars import PILLAR_TITLES, PILLARS, Pillar  # noqa: F401 - re-exported
from tutor.lessons.questions import (  # noqa: F401 - re-exported: the question models
    AnyQuestion,
    ChoiceQuestion,
    ExpressionQuestion,
    NumericQuestion,
    Question,
    ShapeQuestion,
    ShortQuestion,
)


class TextStep(Strict):
    kind: Literal["text"]
    title: ShortText | None = None
    body: Text


class QuestionStep(Strict):
    kind: Literal["question"]
    question: Question


class CheckpointStep(Strict):
    kind: Literal["checkpoint"]
    id: Slug
    title: ShortText
    questions: list[Question] = Field(min_length=1, max_length=50)
    pass_score: float = Field(default=0.8, gt=0, le=1, description="Fraction to answer right.")

    def passes(self, score: float) -> bool:
        """A result of ``score`` (the fraction answered right) passes this checkpoint.

        A score equal to ``pass_score`` passes; the 1e-9 tolerance keeps it so for a
        score that floating-point rounding puts a hair below."""
        return score >= self.pass_score - 1e-9


class PlotSpec(Strict):
    kind: Slug
    params: dict[str, Any] = Field(default_factory=dict)


class PlotStep(Strict):
    kind: Literal["plot"]
    title: ShortText
    plot: PlotSpec
    caption: Text | None = None


Step = Annotated[
    TextStep | ExerciseStep | QuestionStep | CheckpointStep | PlotStep,
    Field(discriminator="kind"),
]


KeyPoint = Annotated[str, Field(min_length=1, max_length=400)]


class Lesson(Strict):
    id: QualifiedId
    title: ShortText
    pillar: Pillar
    order: int = Field(ge=0, le=10_000)
    summary: Text
    key_points: list[KeyPoint] = Field(
        default_factory=list,
        max_length=8,
        description="The idea and the key formulas of the lesson, a short Markdown line "
        "each; `tutor notes` lists them in the learner's notebook. Checked like the rest of "
        "the prose: every decimal backed by code or a fact.",
    )
    prerequisites: list[QualifiedId] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _ids_in_pillar(self) -> Lesson:
        if self.id.split("/", 1)[0] != self.pillar:
            raise ValueError(f"lesson id {self.id!r} must start with its pillar {self.pillar!r}/")
        return self

    @property
    def exercises(self) -> list[ExerciseStep]:
        return [s for s in self.steps if isinstance(s, ExerciseStep)]

    @property
    def checkpoints(self) -> list[CheckpointStep]:
        return [s for s in self.steps if isinstance(s, CheckpointStep)]

    @property
    def outline(self) -> LessonOutline:
        """The steps' kinds and the ids progress is recorded under (what mastery reads)."""
        return LessonOutline(tuple(_step_outline(self.id, step) for step in self.steps))


def _step_outline(lesson_id: str, step: Step) -> StepOutline:
    if isinstance(step, ExerciseStep | CheckpointStep):
        questions = step.questions if isinstance(step, CheckpointStep) else []
        return StepOutline(step.kind, step.id,
                           tuple(question_key(lesson_id, q.id) for q in questions))
    if isinstance(step, QuestionStep):
        return StepOutline(step.kind, question_key(lesson_id, step.question.id))
    return StepOutline(step.kind)



def step_questions(step: object) -> list[tuple[tuple[str | int, ...], AnyQuestion]]:
    """The questions of one step (a question step or a checkpoint), each with its key path
    inside the step: ``("question",)`` or ``("questions", j)``."""
    if isinstance(step, QuestionStep):
        return [(("question",), step.question)]
    if isinstance(step, CheckpointStep):
        return [(("questions", j), q) for j, q in enumerate(step.questions)]
    return []


def lesson_code(lesson: Lesson) -> str | None:
    """The lesson's reference solutions as one source: the names a fact's or a question's
    ``compute`` may use."""
    return "\n\n".join(ex.solution for ex in lesson.exercises) or None


def question_id(lesson: Lesson, question: AnyQuestion) -> str:
    """The id progress records use for a question: ``pillar/lesson-slug/question``."""
    return question_key(lesson.id, question.id)


def json_schema() -> dict[str, Any]:
    """JSON Schema of a lesson file, for editors."""
    schema = Lesson.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "tutor lesson"
    return schema
