"""Question families: a question whose ``params`` code draws new numbers for every
attempt. This module is the trusted side and runs nothing: it reads the ``{name}``
placeholders of a family's texts, checks what the sandbox sent back (the drawn values
and the computed answers) as plain data, and builds the concrete question a learner
answers. Drawing itself is :meth:`tutor.grading.Evaluator.draw`.

A placeholder is ``{name}`` or ``{name:spec}`` with a number format such as ``.2f`` or
``.0%``; ``{{`` and ``}}`` stand for literal braces."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from tutor.lessons.formula.render import number_text
from tutor.lessons.model import (
    AnyQuestion,
    ChoiceQuestion,
    NumericQuestion,
    ShapeQuestion,
)
from tutor.lessons.shapes import shape_text

KeyPath = tuple[str | int, ...]
Value = bool | int | float | str | list[int | float]
MAX_PARAMS = 20
MAX_TEXT_CHARS = 200
MAX_LIST_ITEMS = 50
MAX_INT = 10**15
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")
_SPEC = re.compile(r"^[<>^=]?[+\- ]?0?\d{0,2}[,_]?(?:\.\d{1,2})?[eEfFgG%d]?$")
ANSWER = "answer"  # a placeholder the explanation and mistake messages may use
ANSWER_TEXTS = ("explanation", "mistakes")
_RESERVED = frozenset({"np", "numpy", "math", "scipy", ANSWER})


class FamilyError(ValueError):
    """A family whose draw cannot be used: ``where`` is the key inside the question (e.g.
    ``("params",)``, ``("prompt",)``, ``("mistakes", 0, "compute")``) and ``line`` the
    0-based line of that text, when known."""

    def __init__(self, message: str, where: KeyPath = ("params",),
                 line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.line = line


@dataclass(frozen=True)
class Placeholder:
    name: str
    spec: str
    line: int  # 0-based line of the text it is on


@dataclass(frozen=True)
class Drawn:
    """One drawn instance of a family: the concrete question (texts filled, answers
    computed; no params), the values drawn and the seed they were drawn with."""

    question: AnyQuestion
    params: dict[str, Value]
    seed: int


def is_family(question: object) -> bool:
    return getattr(question, "params", None) is not None


def placeholders(text: str) -> list[Placeholder]:
    """The placeholders of ``text``, in order; FamilyError (at the line) for a brace that
    opens no placeholder, a field that is not a plain name, or an unknown format."""
    found: list[Placeholder] = []
    for index, line in enumerate(text.split("\n")):
        try:
            parts = list(string.Formatter().parse(line))
        except ValueError as exc:
            raise FamilyError(f"{exc}: write {{{{ and }}}} for a literal brace in a family's "
                              "text", (), index) from None
        for _literal, field, spec, conversion in parts:
            if field is None:
                continue
            if not _NAME.match(field) or conversion is not None:
                raise FamilyError(f"{{{field}{'!' + conversion if conversion else ''}}} is "
                                  "not a placeholder: write {name} or {name:.2f}, and {{ and "
                                  "}} for a literal brace", (), index)
            if not _SPEC.match(spec or ""):
                raise FamilyError(f"{{{field}:{spec}}} has a format I do not use: write a "
                                  "number format such as .2f, .3g or .0%", (), index)
            found.append(Placeholder(field, spec or "", index))
    return found


def sketch(text: str) -> str:
    """A family's text before any draw, each placeholder shown as its name (for a title
    or a list of steps); text that does not read as a template is returned as it is."""
    try:
        return "".join(literal + (field or "") for literal, field, _spec, _conv in
                       string.Formatter().parse(text))
    except ValueError:
        return text


def family_texts(question: AnyQuestion) -> Iterator[tuple[KeyPath, str]]:
    """Every text of a question that placeholders may fill, with its key inside it."""
    yield ("prompt",), question.prompt
    for j, choice in enumerate(getattr(question, "choices", [])):
        yield ("choices", j), choice
    if question.explanation:
        yield ("explanation",), question.explanation
    for j, mistake in enumerate(getattr(question, "mistakes", [])):
        yield ("mistakes", j, "message"), mistake.message


def computed(question: AnyQuestion) -> list[tuple[KeyPath, str]]:
    """The expressions a family computes per draw, with their keys: the answer's (when it
    is computed), then each mistake's."""
    exprs: list[tuple[KeyPath, str]] = []
    if getattr(question, "compute", None) is not None and is_family(question):
        exprs.append((("compute",), question.compute))  # type: ignore[union-attr]
    for j, mistake in enumerate(getattr(question, "mistakes", [])):
        if getattr(mistake, "compute", None) is not None:
            exprs.append((("mistakes", j, "compute"), mistake.compute))
    return exprs


def check_params(raw: Any) -> dict[str, Value]:
    """What ``draw`` returned, as plain values, or FamilyError saying what is wrong."""
    if not isinstance(raw, dict):
        raise FamilyError(f"draw(rng) must return a dict of values, not "
                          f"{_kind(raw)}")
    if not raw:
        raise FamilyError("draw(rng) returned an empty dict: return the values that fill "
                          "the placeholders")
    if len(raw) > MAX_PARAMS:
        raise FamilyError(f"draw(rng) returned {len(raw)} values; at most {MAX_PARAMS}")
    params: dict[str, Value] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not _NAME.match(key) or key in _RESERVED:
            raise FamilyError(f"draw(rng) returned the key {str(key)[:40]!r}: keys must be "
                              "names (letters, digits, _; at most 32) other than answer, "
                              "np, math, scipy")
        params[key] = _plain_value(key, value)
    return params


def _plain_value(key: str, value: Any) -> Value:
    scalar = _number(value)
    if scalar is not None:
        return scalar
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS or not value.isprintable():
            raise FamilyError(f"the value of {key!r} must be a printable text of at most "
                              f"{MAX_TEXT_CHARS} characters")
        return value
    items = _items(value)
    if items is not None:
        if len(items) > MAX_LIST_ITEMS:
            raise FamilyError(f"the value of {key!r} has {len(items)} items; at most "
                              f"{MAX_LIST_ITEMS}")
        numbers = [_number(item) for item in items]
        if any(n is None or isinstance(n, bool) for n in numbers):
            raise FamilyError(f"the value of {key!r} must be a list of finite numbers")
        return [n for n in numbers if n is not None and not isinstance(n, bool)]
    raise FamilyError(f"the value of {key!r} is {_kind(value)}: draw must return numbers, "
                      "texts or lists of numbers")


def _number(value: Any) -> bool | int | float | None:
    """A finite Python number (numpy scalars included), or None; FamilyError when it is
    a number but not finite or too large."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    if getattr(value, "shape", None) == () and hasattr(value, "item"):
        value = value.item()  # a numpy scalar
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise FamilyError(f"the number {str(value)[:30]} is too large (at most 1e15)")
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FamilyError(f"a drawn or computed number is {value}: every number must be "
                              "finite")
        return float(value)
    return None


def _items(value: Any) -> list[Any] | None:
    if isinstance(value, list | tuple):
        return list(value)
    if getattr(value, "ndim", None) == 1 and hasattr(value, "tolist"):
        return list(value.tolist())
    return None


def _kind(value: Any) -> str:
    """What a value is, for a message (a value the sandbox could not send as data keeps
    its type's name)."""
    if value is None:
        return "None"
    return f"a {getattr(value, 'type_name', None) or type(value).__name__}"


def format_value(value: Value, spec: str = "") -> str:
    """A drawn value as the text shows it: numbers as a person writes them (or with the
    placeholder's format), lists in brackets."""
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v, spec) for v in value) + "]"
    if isinstance(value, str | bool):
        return str(value)
    if spec:
        try:
            return format(value, spec)
        except ValueError as exc:
            raise FamilyError(f"the format {spec!r} does not fit the value {value!r} "
                              f"({exc})") from None
    return str(value) if isinstance(value, int) else number_text(value)


def fill(text: str, params: Mapping[str, Value], where: KeyPath = ()) -> str:
    """``text`` with every placeholder replaced; FamilyError (located) for an unknown one."""
    found = placeholders(text)
    for placeholder in found:
        if placeholder.name not in params:
            raise FamilyError(f"unknown placeholder {{{placeholder.name}}}: draw(rng) "
                              f"returns {', '.join(sorted(params)) or 'nothing'}", where,
                              placeholder.line)
    lines = []
    for index, line in enumerate(text.split("\n")):
        out = []
        for literal, field, spec, _conversion in string.Formatter().parse(line):
            out.append(literal)
            if field is not None:
                try:
                    out.append(format_value(params[field], spec or ""))
                except FamilyError as exc:
                    raise FamilyError(exc.message, where, index) from None
        lines.append("".join(out))
    return "\n".join(lines)


def unused(question: AnyQuestion, params: Mapping[str, Value]) -> list[str]:
    """Drawn names that no text shows (a learner cannot know them)."""
    shown = {p.name for _, text in family_texts(question) for p in placeholders(text)}
    return sorted(set(params) - shown)


def instantiate(question: AnyQuestion, params_raw: Any, values: list[Any],
                seed: int) -> Drawn:
    """The concrete question for one draw: ``params_raw`` is what draw returned and
    ``values`` what :func:`computed`'s expressions gave, in order (plain data from the
    sandbox, checked here). FamilyError, located, when any of it cannot be used."""
    params = check_params(params_raw)
    data = question.model_dump()
    data["params"] = None
    exprs = computed(question)
    if len(values) != len(exprs):
        raise FamilyError("the sandbox returned no value for every computed answer")
    for (key, _expr), value in zip(exprs, values, strict=True):
        _put(data, (*key[:-1], "answer"), _answer_value(question, value, key))
        _put(data, key, None)
    if isinstance(question, NumericQuestion):
        data["compute"] = None  # in a family it gave the answer; nothing is left to confirm
    for key, text in family_texts(question):
        if key[0] in ANSWER_TEXTS:
            _put(data, key, fill(text, {**params, ANSWER: _answer_shown(data)}, key))
        else:
            _put(data, key, fill(text, params, key))
    _distinct_choices(question, data)
    try:
        concrete = type(question).model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = tuple(first["loc"]) or ("compute",)
        message = str(first["msg"]).removeprefix("Value error, ")
        raise FamilyError(f"with {_shown(params)}: {message}",
                          where if where[0] != "answer" else ("compute",)) from None
    return Drawn(concrete, params, seed)


def _answer_shown(data: dict[str, Any]) -> Value:
    """The right answer as ``{answer}`` shows it: a number, a shape as (a, b), a choice's
    filled text."""
    answer = data["answer"]
    if "choices" in data:  # filled already: family_texts gives the choices first
        return str(data["choices"][answer])
    if isinstance(answer, list):
        return shape_text(answer)
    return answer  # type: ignore[no-any-return]


def _answer_value(question: AnyQuestion, value: Any, key: KeyPath) -> Any:
    """A computed answer as the question's type wants it."""
    what = "compute" if key == ("compute",) else "this mistake's compute"
    if isinstance(question, ShapeQuestion):
        items = _items(value)
        dims = [_number(v) for v in items] if items is not None else None
        if dims is None or len(dims) > 8 or any(
                isinstance(d, bool) or not isinstance(d, int) or d < 0 for d in dims):
            raise FamilyError(f"{what} must give a shape, a list of at most 8 whole numbers "
                              f"≥ 0, not {_kind(value)} {str(value)[:60]}", key)
        return dims
    try:
        number = _number(value)
    except FamilyError as exc:
        raise FamilyError(f"{what} gives {value}: {exc.message}", key) from None
    if number is None or isinstance(number, bool):
        raise FamilyError(f"{what} must give a number, not {_kind(value)}", key)
    if isinstance(question, ChoiceQuestion) and (
            not isinstance(number, int) or not 0 <= number < len(question.choices)):
            raise FamilyError(f"compute must give the index of a choice (0 to "
                              f"{len(question.choices) - 1}), not {number}", key)
    return number


def _distinct_choices(question: AnyQuestion, data: dict[str, Any]) -> None:
    """Two filled choices that read the same, the right one among them, cannot be told
    apart: a tempting wrong choice must never equal the right one."""
    if not isinstance(question, ChoiceQuestion):
        return
    from tutor.lessons.answers import normalize

    seen: dict[str, int] = {}
    for j, text in enumerate(data["choices"]):
        earlier = seen.setdefault(normalize(text), j)
        if earlier != j:
            raise FamilyError(f"choices {earlier} and {j} both read {text!r} for these "
                              "numbers: every choice must differ from the others, and a "
                              "wrong one from the right one", ("choices", j))


def _put(data: Any, key: KeyPath, value: Any) -> None:
    for part in key[:-1]:
        data = data[part]
    data[key[-1]] = value


def _shown(params: Mapping[str, Value]) -> str:
    text = ", ".join(f"{k} = {format_value(v)}" for k, v in params.items())
    return text if len(text) <= 160 else text[:157] + "..."
