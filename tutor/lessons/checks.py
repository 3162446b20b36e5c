"""Checks of one loaded lesson that the schema cannot express: ids in their pillar, code
that defines its functions, plot parameters, numbers YAML coerced."""

from __future__ import annotations

import ast
import math
from pathlib import Path

from pydantic import BaseModel

from tutor import pyparse
from tutor.lessons.model import ExerciseStep, Lesson, step_questions
from tutor.lessons.plotspecs import plot_spec_errors
from tutor.lessons.yamlsource import KeyPath, YamlSource


def defines(source: str, name: str, kind: str = "function") -> bool:
    """Whether ``source`` defines ``name`` at its top level as a ``kind`` (function or class)."""
    try:
        tree = pyparse.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True  # reported by the model already
    types = ast.ClassDef if kind == "class" else (ast.FunctionDef, ast.AsyncFunctionDef)
    return any(isinstance(node, types) and node.name == name for node in tree.body)


def lesson_problems(lesson: Lesson, source: YamlSource, root: Path) -> list[tuple[KeyPath, str]]:
    """Checks within one lesson that the schema cannot express."""
    problems: list[tuple[KeyPath, str]] = []
    rel = source.path.relative_to(root) if source.path.is_relative_to(root) else source.path
    if len(rel.parts) >= 2 and rel.parts[0] != lesson.pillar:
        problems.append(
            (("pillar",), f"lesson is in folder {rel.parts[0]!r} but says pillar {lesson.pillar!r}")
        )
    seen_questions: dict[str, KeyPath] = {}
    for i, step in enumerate(lesson.steps):
        here: KeyPath = ("steps", i)
        if isinstance(step, ExerciseStep):
            problems.extend(_exercise_problems(step, lesson, here))
        if step.kind == "checkpoint":
            if step.id in seen_questions:
                problems.append(((*here, "id"), f"duplicate id {step.id!r} in this lesson"))
            seen_questions[step.id] = here
        for inside, question in step_questions(step):
            where = (*here, *inside)
            if question.id in seen_questions:
                problems.append(((*where, "id"), f"duplicate question id {question.id!r} "
                                 "in this lesson"))
            seen_questions[question.id] = where
        spec = step.plot if step.kind == "plot" or isinstance(step, ExerciseStep) else None
        if spec is not None:
            for key, message in _plot_errors(spec.kind, spec.params):
                parts = [int(p) if p.isdigit() else p for p in key.split(".")]
                where = (*here, "plot", "kind") if key in ("", "kind") else (
                    *here, "plot", "params", *parts)
                problems.append((where, message))
    return problems


def _exercise_problems(
    ex: ExerciseStep, lesson: Lesson, here: KeyPath
) -> list[tuple[KeyPath, str]]:
    problems: list[tuple[KeyPath, str]] = []
    if ex.id.split("/", 1)[0] != lesson.pillar:
        problems.append(((*here, "id"), f"exercise id must start with the pillar "
                         f"{lesson.pillar!r}/"))
    for wanted in (ex.function, *ex.also):
        for key, code in (("solution", ex.solution), ("starter", ex.starter),
                          ("torch_reference", ex.torch_reference)):
            if code is not None and not defines(code, wanted, ex.entry):
                problems.append(((*here, key), f"{key} does not define {ex.entry} {wanted!r}"))
        for j, mistake in enumerate(ex.mistakes):
            if not defines(mistake.code, wanted, ex.entry):
                problems.append(((*here, "mistakes", j, "code"),
                                 f"mistake code does not define {ex.entry} {wanted!r}"))
    if ex.driver is not None and not defines(ex.driver, "drive"):
        problems.append(((*here, "driver"), "driver does not define function 'drive'"))
    if ex.speed and not defines(ex.speed.baseline, "baseline"):
        problems.append(((*here, "speed", "baseline"), "baseline does not define function "
                         "'baseline'"))
    if ex.plot and ex.plot.case >= len(ex.cases):
        problems.append(((*here, "plot", "case"), f"plot.case {ex.plot.case} is out of range: "
                         f"there are {len(ex.cases)} fixed cases"))
    return problems


def _plot_errors(kind: str, params: dict[str, object]) -> list[tuple[str, str]]:
    return plot_spec_errors(kind, params)


def coerced_numbers(data: object, lesson: Lesson) -> list[tuple[KeyPath, str]]:
    """Numbers the model took from something that was not one.

    ``answer: yes`` or ``order: on``: YAML 1.1 reads these as true/false, and pydantic
    takes them as 1/0. ``tolerance: nan`` or ``1e999`` are strings to YAML, and pydantic
    reads them as not-a-number and infinity. Walks the data beside the model.
    """
    problems: list[tuple[KeyPath, str]] = []
    stack: list[tuple[object, object, KeyPath]] = [(data, lesson, ())]
    while stack:
        raw, model, where = stack.pop()
        if isinstance(model, bool) or not isinstance(model, int | float | dict | list | tuple):
            if isinstance(model, BaseModel) and isinstance(raw, dict):
                stack.extend((value, getattr(model, key, None), (*where, key))
                             for key, value in raw.items() if isinstance(key, str))
            continue
        if isinstance(model, float) and not math.isfinite(model):
            problems.append((where, f"{raw!r} is not allowed: numbers in lessons must be "
                             "finite"))
        elif isinstance(raw, bool) and isinstance(model, int | float):
            what = "a whole number" if isinstance(model, int) else "a number"
            problems.append((where, f"expected {what}, got {str(raw).lower()} (YAML reads "
                             "yes/no/on/off/true/false as true or false)"))
        elif isinstance(raw, dict) and isinstance(model, dict):
            stack.extend((value, model.get(key), (*where, key)) for key, value in raw.items())
        elif isinstance(raw, list) and isinstance(model, list | tuple) and len(model) == len(raw):
            stack.extend((value, model[i], (*where, i)) for i, value in enumerate(raw))
    return sorted(problems, key=lambda p: str(p[0]))
