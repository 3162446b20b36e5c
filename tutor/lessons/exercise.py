"""The exercise format: the pydantic models of an exercise step and its parts (cases,
comparison, speed check, mistakes, plot, facts), apart from the other step kinds so that
grading one exercise builds these models alone (``tutor check``).

Code fields (starter, solution, generators, mistakes, facts) are plain source text: they
are only ever executed by the sandboxed evaluator, never here.
"""

from __future__ import annotations

import ast
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from tutor import pyparse
from tutor.lessons.fields import (
    Code,
    Identifier,
    QualifiedId,
    ShortText,
    Slug,
    Strict,
    Text,
    check_expression,
    check_python,
)


class Fact(Strict):
    """A number the lesson text states, recomputed by the validator.

    ``code`` is a Python expression evaluated (sandboxed) with numpy as ``np``
    and, for facts on an exercise, the reference solution's names in scope.
    ``value`` is what the text says; it must agree with the computed value to
    the precision it is written with (0.1667 accepts 0.16665..0.16675) unless
    ``tolerance`` is given.
    """

    code: Code
    value: float | int | bool | list[Any]
    tolerance: float | None = Field(default=None, ge=0)

    _c = field_validator("code")(lambda v: check_expression(v, "fact code"))


class FixedCase(Strict):
    """One hand-picked input. ``args`` is a Python expression for the positional
    arguments (``"np.array([1., 2.]), 3"``), evaluated in the sandbox with numpy as ``np``."""

    args: Code
    name: ShortText | None = None
    note: Text | None = Field(
        default=None, description="Shown to the learner when this case fails."
    )
    raises: Identifier | None = Field(
        default=None, description="Exception class name the call must raise, e.g. ValueError."
    )
    check: Literal["value", "finite"] = Field(
        default="value",
        description="value: compare with the reference. finite: only require a finite result "
        "of the reference's shape (e.g. a loss at exact 0/1 predictions, which depends on the "
        "learner's choice of epsilon).",
    )

    _a = field_validator("args")(lambda v: check_expression(v, "case args"))


class RandomCases(Strict):
    """Seeded random inputs. ``generator`` defines ``generate(rng, size)`` returning
    the tuple of positional arguments; case i uses ``np.random.default_rng([seed, i])``
    and a size in ``sizes``, so a failing case can be shrunk to a smaller size."""

    generator: Code
    count: int = Field(default=20, ge=1, le=500)
    seed: int = Field(default=0, ge=0)
    sizes: tuple[int, int] = (1, 8)
    name: ShortText | None = None
    note: Text | None = None

    _g = field_validator("generator")(lambda v: check_python(v, "generator"))

    @field_validator("sizes")
    @classmethod
    def _sizes(cls, v: tuple[int, int]) -> tuple[int, int]:
        if not 1 <= v[0] <= v[1] <= 100_000:
            raise ValueError("sizes must be [min, max] with 1 <= min <= max")
        return v


class Statistical(Strict):
    """Compare random outputs by their distribution, not value by value."""

    mean_tolerance_se: float = Field(default=6.0, gt=0, description="Allowed distance of the "
                                     "means, in standard errors of the reference.")
    std_rtol: float = Field(default=0.25, gt=0, description="Allowed relative gap of the spreads.")
    integer: bool = Field(default=False, description="Outputs must be integers.")
    deterministic: bool = Field(default=True, description="Same seed must give the same output.")


class Compare(Strict):
    """How a learner's output is compared with the reference's."""

    rtol: float = Field(default=1e-6, ge=0)
    atol: float = Field(default=1e-8, ge=0)
    up_to_sign: Literal["rows", "columns", "whole"] | None = None
    statistical: Statistical | None = None
    outputs: dict[str, Compare] = Field(
        default_factory=dict,
        description="Overrides per output: tuple index ('0', '1') or dict key ('W1').",
    )


def _draws_from_rng(source: str) -> str:
    source = check_expression(source, "speed args")
    tree = pyparse.parse(f"({source},)", mode="eval")
    if not any(isinstance(node, ast.Name) and node.id == "rng" for node in ast.walk(tree)):
        raise ValueError("speed args must draw their values from `rng` (a generator of its own "
                         "for every timed call, so that no call can reuse another's result), "
                         "e.g. 'rng.normal(size=(120, 120)), rng.normal(size=(120, 120))'")
    return source


class SpeedCheck(Strict):
    """The learner's function must beat ``baseline`` by ``min_speedup`` on ``args``,
    timed over ``repeats`` calls, each on new values drawn from ``rng``."""

    baseline: Code = Field(description="Defines a function named baseline, same signature.")
    args: Code = Field(description="The arguments of one timed call, drawn from `rng`.")
    min_speedup: float = Field(default=10.0, gt=1)
    repeats: int = Field(default=5, ge=1, le=50)

    _b = field_validator("baseline")(lambda v: check_python(v, "baseline"))
    _a = field_validator("args")(_draws_from_rng)


class Mistake(Strict):
    """A common wrong solution and what to tell a learner whose results match it."""

    name: Slug
    code: Code
    message: Text

    _c = field_validator("code")(lambda v: check_python(v, "mistake code"))


class ExercisePlot(Strict):
    """Draw one output of the learner's run next to the reference's."""

    kind: Slug
    title: ShortText | None = None
    output: int | str | None = Field(
        default=None, description="Which output to draw: tuple index or dict key; all if empty."
    )
    case: int = Field(default=0, ge=0, description="Index of the fixed case whose run is drawn.")
    params: dict[str, Any] = Field(default_factory=dict)


class ExerciseStep(Strict):
    kind: Literal["exercise"]
    id: QualifiedId
    title: ShortText
    prompt: Text
    function: Identifier = Field(description="The entry point the learner defines: a function, "
                                 "or with `entry: class` a class.")
    entry: Literal["function", "class"] = Field(
        default="function",
        description="class: `function` names a class, graded through `driver` (lesson code "
        "that builds objects from it and returns plain data to compare).",
    )
    driver: Code | None = Field(
        default=None,
        description="Lesson code defining `drive(entry, *args)`: it gets the learner's class "
        "or function (or the reference's) and a case's arguments, and returns the plain data "
        "(numbers, arrays, dicts) compared as the output. Required with entry: class; with a "
        "function, for checks a plain call cannot make (e.g. arrays inside a list left "
        "unchanged: the driver raises with a message saying what went wrong).",
    )
    also: list[Identifier] = Field(
        default_factory=list,
        max_length=5,
        description="More functions the learner defines, called with the same arguments as "
        "`function` (e.g. sigmoid_grad beside sigmoid). With `also`, each case's output is a "
        "dict {function name: result}, and `compare.outputs` is keyed by function name.",
    )
    starter: Code
    solution: Code
    torch_reference: Code | None = Field(
        default=None, description="With verify_with: torch, the reference written with PyTorch."
    )
    verify_with: Literal["torch"] | None = None
    cases: list[FixedCase] = Field(min_length=1, max_length=200)
    random: list[RandomCases] = Field(default_factory=list, max_length=20)
    compare: Compare = Field(default_factory=Compare)
    forbidden: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        default_factory=list
    )
    forbidden_advice: dict[str, Text] = Field(
        default_factory=dict,
        description="What to use instead, per forbidden entry: {np.linalg.inv: use "
        "np.linalg.solve}. Appended to the forbidden-call message.",
    )
    forbid_loops: bool = False
    inputs_unchanged: bool = Field(
        default=False, description="The function must leave its array arguments unchanged."
    )
    speed: SpeedCheck | None = None
    hints: list[Text] = Field(default_factory=list, max_length=10)
    mistakes: list[Mistake] = Field(default_factory=list, max_length=20)
    time_limit: float = Field(default=5.0, gt=0, le=60)
    plot: ExercisePlot | None = None
    facts: list[Fact] = Field(default_factory=list)

    _s = field_validator("solution", "starter")(lambda v: check_python(v, "code"))

    @field_validator("driver")
    @classmethod
    def _driver(cls, v: str | None) -> str | None:
        return None if v is None else check_python(v, "driver")

    @field_validator("torch_reference")
    @classmethod
    def _torch_ref(cls, v: str | None) -> str | None:
        return None if v is None else check_python(v, "torch_reference")

    @model_validator(mode="after")
    def _consistent(self) -> ExerciseStep:
        if self.verify_with == "torch" and not self.torch_reference:
            raise ValueError("verify_with: torch needs a torch_reference")
        if self.torch_reference and self.verify_with != "torch":
            raise ValueError("torch_reference is only used with verify_with: torch")
        if self.entry == "class" and self.driver is None:
            raise ValueError("entry: class needs a driver (code defining drive(cls, *args))")
        if self.driver is not None and (self.also or self.speed is not None):
            raise ValueError("an exercise with a driver takes no `also` and no `speed` check")
        if self.function in self.also or len(set(self.also)) != len(self.also):
            raise ValueError("`also` must name functions other than `function`, once each")
        unknown = set(self.forbidden_advice) - set(self.forbidden)
        if unknown:
            raise ValueError(f"forbidden_advice for calls not in forbidden: {sorted(unknown)}")
        names = [m.name for m in self.mistakes]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ValueError(f"duplicate mistake name(s): {', '.join(sorted(dup))}")
        return self

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]
