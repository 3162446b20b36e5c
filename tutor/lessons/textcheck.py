"""Static checks of lesson prose: every decimal it states must be backed by code.

A decimal number in a text, prompt, hint, explanation or message is accepted
when it is a literal in the lesson's code (an input or a default, such as the
logits 2.0, 1.0, 0.1 or beta 0.9) or when it agrees with a fact's stated
value, which the validator recomputes. Numbers inside code spans are inputs
and are skipped. Raw LaTeX is flagged: terminals show Unicode math, not TeX.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from tutor import pyparse
from tutor.lessons.model import ExerciseStep, Fact, Lesson, NumericQuestion, step_questions
from tutor.lessons.yamlsource import KeyPath

_DECIMAL = re.compile(r"(?<![A-Za-z0-9_.])-?\d+\.\d+(?:[eE][-+]?\d+)?(?![A-Za-z0-9_]|\.\d)")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_LATEX = re.compile(r"\\(frac|sum|partial|sqrt|mathbf|mathrm|cdot|alpha|beta|sigma|theta|"
                    r"nabla|left|right|begin|end|log|exp|lambda|mu|int|prod)\b|\$\$")


def texts(lesson: Lesson) -> Iterator[tuple[KeyPath, str]]:
    """Every piece of prose in a lesson with its key path."""
    yield ("summary",), lesson.summary
    for j, point in enumerate(lesson.key_points):
        yield ("key_points", j), point
    for i, step in enumerate(lesson.steps):
        here: KeyPath = ("steps", i)
        if step.kind == "text":
            yield (*here, "body"), step.body
        elif isinstance(step, ExerciseStep):
            yield (*here, "prompt"), step.prompt
            for j, hint in enumerate(step.hints):
                yield (*here, "hints", j), hint
            for j, mistake in enumerate(step.mistakes):
                yield (*here, "mistakes", j, "message"), mistake.message
            for j, case in enumerate(step.cases):
                if case.note:
                    yield (*here, "cases", j, "note"), case.note
        elif step.kind == "plot" and step.caption:
            yield (*here, "caption"), step.caption
        for inside, q in step_questions(step):
            where = (*here, *inside)
            yield (*where, "prompt"), q.prompt
            if q.explanation:
                yield (*where, "explanation"), q.explanation
            for j, choice in enumerate(getattr(q, "choices", [])):
                yield (*where, "choices", j), choice
            for j, mistake in enumerate(getattr(q, "mistakes", [])):
                yield (*where, "mistakes", j, "message"), mistake.message


def _code_sources(lesson: Lesson) -> Iterator[str]:
    for fact in lesson.facts:
        yield fact.code
    for step in lesson.steps:
        if isinstance(step, ExerciseStep):
            yield from (step.solution, step.starter, step.torch_reference or "")
            yield from (f"({case.args},)" for case in step.cases)
            yield from (fact.code for fact in step.facts)
            yield from (m.code for m in step.mistakes)
            yield from (r.generator for r in step.random)
            if step.speed:
                yield step.speed.baseline
        for _, q in step_questions(step):
            if getattr(q, "compute", None):
                yield q.compute  # type: ignore[union-attr]
            yield getattr(q, "params", None) or ""
        if step.kind == "plot":
            yield repr(step.plot.params)


def code_literals(lesson: Lesson) -> set[float]:
    """Numeric literals in the lesson's code: inputs, defaults, parameters."""
    found: set[float] = set()
    for source in _code_sources(lesson):
        try:
            tree = pyparse.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and (
                not isinstance(node.value, bool)
            ):
                found.add(float(node.value))
    return found


def _flatten(value: Any) -> Iterator[float]:
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield float(value)


def all_facts(lesson: Lesson) -> list[Fact]:
    facts = list(lesson.facts)
    for ex in lesson.exercises:
        facts.extend(ex.facts)
    return facts


def stated_values(lesson: Lesson) -> set[float]:
    """Numbers the lesson's facts state (and the validator recomputes)."""
    values: set[float] = set()
    for fact in all_facts(lesson):
        values.update(_flatten(fact.value))
    for step in lesson.steps:
        for _, q in step_questions(step):
            if isinstance(q, NumericQuestion) and q.compute and q.answer is not None:
                values.add(float(q.answer))
    return values


def decimals(text: str) -> int:
    """Places after the point a number is written with (``9.0e-8`` has 9)."""
    return max(0, -int(Decimal(text).as_tuple().exponent))


def _backed(token: str, literals: set[float], stated: set[float]) -> bool:
    number = float(token)
    if number in literals or -number in literals:
        return True
    # strictly inside the rounding interval: 0.01 is not "0.005 rounded"
    half = 0.5 * 10 ** -decimals(token)
    return any(min(abs(number - v), abs(number + v)) < half * (1 - 1e-9) for v in stated)


def unchecked_numbers(lesson: Lesson) -> list[tuple[KeyPath, str]]:
    """Problems: decimals in prose that no code or fact backs, and raw LaTeX."""
    literals = code_literals(lesson)
    stated = stated_values(lesson)
    problems: list[tuple[KeyPath, str]] = []
    for where, text in texts(lesson):
        prose = _CODE.sub(" ", text)
        for token in _DECIMAL.findall(prose):
            if not _backed(token, literals, stated):
                problems.append((where, f"the number {token} is not computed by any fact or "
                                 "code in this lesson: add a fact that computes it"))
        latex = _LATEX.search(prose)
        if latex:
            problems.append((where, f"raw LaTeX {latex.group(0)!r}: write math in Unicode "
                             "(Σ, ∂, √, ‖x‖, x², σ) so it reads in a terminal"))
    return problems


def plain(value: Any, depth: int = 0) -> Any:
    """numpy scalars and arrays, and tuples, as plain Python numbers and lists (a fact's
    code may well compute ``np.sum(...)`` or ``np.array([...])``)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    tolist = getattr(value, "tolist", None)
    if callable(tolist) and not isinstance(value, list | tuple):
        try:
            value = tolist()
        except Exception:  # noqa: BLE001 - not numpy after all: leave it as it is
            return value
        if value is None or isinstance(value, bool | int | float | str):
            return value
    if isinstance(value, list | tuple) and depth < 32:
        return [plain(item, depth + 1) for item in value]
    return value


def agrees(stated: Any, computed: Any, tolerance: float | None) -> bool:
    """Whether a computed value matches a stated one to the stated precision."""
    computed = plain(computed)
    if isinstance(stated, bool) or isinstance(computed, bool):
        return bool(stated) == bool(computed) and type(stated) is type(computed)
    if isinstance(stated, list):
        return (
            isinstance(computed, list)
            and len(stated) == len(computed)
            and all(agrees(s, c, tolerance) for s, c in zip(stated, computed, strict=True))
        )
    if not isinstance(computed, int | float) or not isinstance(stated, int | float):
        return False
    try:
        if not math.isfinite(computed):
            return False
        if tolerance is not None:
            return abs(computed - stated) <= tolerance
        if isinstance(stated, int):
            return abs(computed - stated) <= 1e-9 * max(1.0, abs(stated))
        places = max(0, -int(Decimal(repr(float(stated))).as_tuple().exponent))
        tol = 0.5 * 10**-places + 1e-12 * max(1.0, abs(stated))
        return abs(computed - stated) <= tol
    except OverflowError:  # an integer beyond any float: not the number the text states
        return False
