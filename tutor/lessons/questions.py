"""The question models: choice, numeric, short text, typed formula (``expression``) and
array shape (``shape``), each with an optional list of ``mistakes``: a tempting wrong
answer and what to tell a learner who gives it.

A formula answer is read here (never run), so one that cannot be read is an error at
load time, at its line; the mistakes' formulas, and whether they can be judged (finite
somewhere, unlike the answer), are checked by ``tutor lessons validate``."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from tutor.lessons.familycode import check_family, check_family_mistake, check_params_code
from tutor.lessons.fields import Code, ShortText, Slug, Strict, Text, check_expression
from tutor.lessons.formula import MAX_CHARS, FormulaError, parse_formula
from tutor.lessons.formula.nodes import CONSTANTS, FUNCTION_ALIASES, FUNCTIONS, MODULE_PREFIXES

FormulaText = Annotated[str, Field(min_length=1, max_length=MAX_CHARS)]
VariableName = Annotated[str, Field(pattern=r"^([A-Za-z][A-Za-z0-9]*|[α-ωΑ-Ω])$",
                                    max_length=16)]
Dimension = Annotated[int, Field(ge=0, le=10**9, strict=True)]
Shape = Annotated[list[Dimension], Field(max_length=8)]
RESERVED_NAMES = {*FUNCTIONS, *FUNCTION_ALIASES, *CONSTANTS, *MODULE_PREFIXES}


ParamsCode = Annotated[str | None, Field(default=None, max_length=20_000, description=(
    "A question family: lesson code defining draw(rng), which returns a dict of values "
    "that fill the {name} placeholders of the texts; `compute` (an expression in those "
    "names) then gives the answer. See docs/authoring.md."))]


def _compute(v: str | None) -> str | None:
    return None if v is None else check_expression(v, "compute")


def _params(v: str | None) -> str | None:
    return None if v is None else check_params_code(v)


class ChoiceMistake(Strict):
    answer: int = Field(ge=0, description="Index of the tempting wrong choice, from 0.")
    message: Text


class NumericMistake(Strict):
    answer: float | None = Field(default=None, allow_inf_nan=False, description="A "
                                 "tempting wrong value; a response within the question's "
                                 "tolerance of it gets the message.")
    compute: Code | None = Field(default=None, description="In a question family: the "
                                 "expression giving the tempting wrong value, instead of "
                                 "answer.")
    message: Text

    _c = field_validator("compute")(lambda v: _compute(v))
    _one = model_validator(mode="after")(lambda self: check_family_mistake(self))


class ShapeMistake(Strict):
    answer: Shape | None = None
    compute: Code | None = Field(default=None, description="In a question family: the "
                                 "expression giving the tempting wrong shape.")
    message: Text

    _c = field_validator("compute")(lambda v: _compute(v))
    _one = model_validator(mode="after")(lambda self: check_family_mistake(self))


class ExpressionMistake(Strict):
    answer: FormulaText = Field(description="A tempting wrong formula, in the question's "
                                "variables; a response equal to it at the sample points gets "
                                "the message.")
    message: Text


class ChoiceQuestion(Strict):
    type: Literal["choice"]
    id: Slug
    prompt: Text
    choices: list[ShortText] = Field(min_length=2, max_length=10)
    answer: int | None = Field(default=None, ge=0,
                               description="Index of the correct choice, from 0.")
    params: ParamsCode = None
    compute: Code | None = Field(default=None, description="In a question family: the "
                                 "expression giving the index of the correct choice (or "
                                 "give a fixed answer).")
    mistakes: list[ChoiceMistake] = Field(default_factory=list, max_length=10)
    explanation: Text | None = None

    _p = field_validator("params")(lambda v: _params(v))
    _c = field_validator("compute")(lambda v: _compute(v))

    @model_validator(mode="after")
    def _answer_in_range(self) -> ChoiceQuestion:
        check_family(self, fixed_answer_allowed=True)
        if self.answer is None:
            return self
        if self.answer >= len(self.choices):
            raise ValueError(
                f"answer {self.answer} is out of range: there are {len(self.choices)} choices "
                f"(numbered from 0)"
            )
        for mistake in self.mistakes:
            if mistake.answer >= len(self.choices) or mistake.answer == self.answer:
                raise ValueError(f"mistake {mistake.answer} must be the index of a wrong "
                                 f"choice (0 to {len(self.choices) - 1}, not {self.answer})")
        return self


class NumericQuestion(Strict):
    type: Literal["numeric"]
    id: Slug
    prompt: Text
    answer: float | None = None
    tolerance: float = Field(default=1e-6, ge=0, description="Absolute tolerance.")
    params: ParamsCode = None
    compute: Code | None = Field(
        default=None, description="Expression the validator evaluates to confirm the answer; "
        "in a question family, the expression (in the drawn names) that gives it."
    )
    mistakes: list[NumericMistake] = Field(default_factory=list, max_length=20)
    explanation: Text | None = None

    _p = field_validator("params")(lambda v: _params(v))
    _c = field_validator("compute")(lambda v: _compute(v))

    @model_validator(mode="after")
    def _mistakes_outside_tolerance(self) -> NumericQuestion:
        check_family(self)
        if self.answer is None:
            return self
        for mistake in self.mistakes:
            if mistake.answer is not None and abs(mistake.answer - self.answer) <= \
                    self.tolerance:
                raise ValueError(f"mistake {mistake.answer:g} is within the tolerance "
                                 f"({self.tolerance:g}) of the answer {self.answer:g}: a "
                                 "learner giving it is right")
        return self


class ShortQuestion(Strict):
    type: Literal["short"]
    id: Slug
    prompt: Text
    answers: list[ShortText] = Field(min_length=1, description="Accepted answers; spaces and "
                                     "case are ignored when comparing.")
    explanation: Text | None = None


class ShapeQuestion(Strict):
    """An array's shape: ``answer: [64, 10]`` (``[]`` for a scalar). Learners may write
    (64, 10), [64, 10], 64x10, 64×10, 64 by 10 or 64, 10; (32,), (32) and 32 are one
    1-D shape."""

    type: Literal["shape"]
    id: Slug
    prompt: Text
    answer: Shape | None = None
    params: ParamsCode = None
    compute: Code | None = Field(default=None, description="In a question family: the "
                                 "expression (in the drawn names) giving the shape.")
    mistakes: list[ShapeMistake] = Field(default_factory=list, max_length=20)
    explanation: Text | None = None

    _p = field_validator("params")(lambda v: _params(v))
    _c = field_validator("compute")(lambda v: _compute(v))

    @model_validator(mode="after")
    def _mistakes_differ(self) -> ShapeQuestion:
        check_family(self)
        for mistake in self.mistakes:
            if mistake.answer is not None and mistake.answer == self.answer:
                raise ValueError(f"mistake {mistake.answer} is the answer itself")
        return self


class ExpressionQuestion(Strict):
    """A formula the learner types, judged equal to ``answer`` by evaluating both at
    random points of the ``variables``' intervals."""

    type: Literal["expression"]
    id: Slug
    prompt: Text
    variables: dict[VariableName, tuple[float, float]] = Field(
        min_length=1, max_length=6, description="Each variable and the interval [low, high] "
        "its sample values are drawn from, uniformly.")
    answer: FormulaText
    mistakes: list[ExpressionMistake] = Field(default_factory=list, max_length=20)
    rtol: float = Field(default=1e-6, gt=0, le=0.1, description="Relative tolerance.")
    explanation: Text | None = None

    @field_validator("variables")
    @classmethod
    def _intervals(cls, v: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        for name, (low, high) in v.items():
            if name in RESERVED_NAMES:
                raise ValueError(f"variable {name!r} is the name of a function or constant")
            if not (math.isfinite(low) and math.isfinite(high) and low < high):
                raise ValueError(f"variable {name!r} needs an interval [low, high] of finite "
                                 "numbers with low < high")
        return v

    @field_validator("answer")
    @classmethod
    def _answer_reads(cls, v: str, info: ValidationInfo) -> str:
        try:
            parse_formula(v, info.data.get("variables") or ())
        except FormulaError as exc:
            where = "" if exc.at is None else f" at character {exc.at + 1}"
            raise ValueError(f"answer {v!r} cannot be read{where}: {exc.reason}") from None
        return v


Question = Annotated[
    ChoiceQuestion | NumericQuestion | ShortQuestion | ShapeQuestion | ExpressionQuestion,
    Field(discriminator="type"),
]
AnyQuestion = ChoiceQuestion | NumericQuestion | ShortQuestion | ShapeQuestion | \
    ExpressionQuestion
