"""Turn pydantic validation errors into messages a lesson author can act on."""

from __future__ import annotations

import datetime
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from tutor.lessons.model import Lesson
from tutor.lessons.yamlsource import KeyPath
from tutor.safetext import clip

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "tuple_type": "a list",
}


MAX_MESSAGE = 300
SHORT = 40  # a value quoted in a message

# Patterns of the model's id fields, said in words.
_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$": "must be pillar/slug: lowercase letters, "
    "digits and '-' on each side of one '/' (e.g. probability/bayes-rule)",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "must be lowercase letters, digits and single '-' "
    "(e.g. bayes-rule)",
    r"^[A-Za-z_][A-Za-z0-9_]*$": "must be a Python name: letters, digits and '_', not starting "
    "with a digit",
}
# Whole-model checks whose message names one key: point at that key.
_MESSAGE_KEYS = (
    ("lesson id ", "id"),
    ("verify_with: torch needs", "verify_with"),
    ("torch_reference is only used", "torch_reference"),
    ("`also` must", "also"),
    ("entry: class needs", "entry"),
    ("an exercise with a driver", "driver"),
    ("forbidden_advice for", "forbidden_advice"),
    ("duplicate mistake name", "mistakes"),
)


def _describe(value: Any, raw: str | None = None) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false: quote it)"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, datetime.date):
        return f"the date {raw or value} (YAML reads it as a date: quote it)"
    if raw is not None and isinstance(value, int | float) and raw != repr(value):
        number = clip(repr(value), SHORT, "...")
        return f"{raw!r}, which YAML reads as the number {number} (quote it if it is text)"
    text = repr(value)
    return f"{type(value).__name__} {clip(text, SHORT, '...')}"


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through list, dict, Optional, unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, tuple, dict, typing.Union, types.UnionType):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model whose fields are allowed at ``path`` (pydantic's loc, tags included)."""
    candidates: list[type[BaseModel]] = [Lesson]
    for part in path:
        if isinstance(part, int):
            continue
        nxt: list[type[BaseModel]] = []
        for model in candidates:
            if part in model.model_fields:
                nxt.extend(_unwrap(model.model_fields[part].annotation))
        tagged = [m for m in candidates if _tag_of(m) == part]
        candidates = tagged or nxt
        if not candidates:
            return None
    return candidates[0] if len(candidates) == 1 else None


def _tag_of(model: type[BaseModel]) -> str | None:
    for name in ("kind", "type"):
        field = model.model_fields.get(name)
        if field is not None and typing.get_origin(field.annotation) is typing.Literal:
            return typing.get_args(field.annotation)[0]
    return None


def _data_path(loc: tuple[Any, ...], data: Any) -> KeyPath:
    """Drop the union tags pydantic puts in ``loc`` so the path walks the data."""
    out: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            out.append(part)
            node = node[part]
        # else: a union tag, a validator label or a missing key: not in the data
    return tuple(out)


def _alternatives(names: list[str]) -> str:
    if "a number" in names and "a whole number" in names:
        names = [n for n in names if n != "a whole number"]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _at(data: Any, path: KeyPath) -> Any:
    node = data
    for part in path:
        node = node[part]
    return node


def describe_validation_error(
    exc: ValidationError, data: Any, raw: dict[KeyPath, str] | None = None,
    limit: int | None = None,
) -> list[tuple[KeyPath, str, bool]]:
    """(key path, message, whether to point at the key rather than the value) per error.

    ``raw`` holds the text as written of non-string scalars (see YamlSource.raw_scalars);
    the alternatives of one union that all fail at one place become a single message.
    """
    raw = raw or {}
    results: list[tuple[KeyPath, str, bool]] = []
    expected_at: dict[KeyPath, list[str]] = {}
    for err in exc.errors(include_url=False):
        if limit is not None and len(results) >= limit:
            break
        loc = tuple(err["loc"])
        kind = err["type"]
        path = _data_path(loc, data)
        on_key = False
        if kind in _TYPE_NAMES and path in expected_at:
            # another member of a union (float | int | bool | list): one line says it all
            if _TYPE_NAMES[kind] not in expected_at[path]:
                expected_at[path].append(_TYPE_NAMES[kind])
            continue
        if kind == "extra_forbidden":
            key = str(loc[-1])
            model = _model_at(loc[:-1])
            allowed = sorted(model.model_fields) if model else []
            close = difflib.get_close_matches(key, allowed, n=1)
            message = f"unknown key {key!r}"
            if close:
                message += f"; did you mean {close[0]!r}?"
            elif allowed:
                message += f" (allowed here: {', '.join(allowed)})"
            on_key = True
        elif kind == "missing":
            key = str(loc[-1])
            on_key = True
            what = " (the reference solution)" if key == "solution" else ""
            message = f"missing required key {key!r}{what}"
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            ctx = err.get("ctx", {})
            tag = ctx.get("discriminator", "kind").strip("'")
            expected = ctx.get("expected_tags", "")
            if kind == "union_tag_not_found":
                message = f"missing key {tag!r} (one of {expected})"
            else:
                message = f"unknown {tag} {ctx.get('tag')!r}; expected one of {expected}"
                path = (*path, tag)
        elif kind in _TYPE_NAMES:
            expected_at[path] = [_TYPE_NAMES[kind]]
            message = _describe(err.get("input"), raw.get(path))  # "expected ..." added below
        elif kind == "value_error":
            message = str(err["msg"]).removeprefix("Value error, ")
            node = _at(data, path)
            for prefix, key in _MESSAGE_KEYS:
                if message.startswith(prefix) and isinstance(node, dict) and key in node:
                    path = (*path, key)
                    break
        elif kind == "literal_error":
            message = f"{err['msg'].lower()}, got {_describe(err.get('input'), raw.get(path))}"
        elif kind == "string_pattern_mismatch":
            pattern = str((err.get("ctx") or {}).get("pattern", ""))
            rule = _PATTERNS.get(pattern, f"must match {pattern}")
            message = f"{rule}; got {clip(repr(err.get('input')), 60, '...')}"
        elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal",
                      "finite_number"):
            shown = raw.get(path) or clip(repr(err.get("input")), SHORT, "...")
            message = f"{str(err['msg']).lower().replace('input', 'the value')}, got {shown}"
        else:
            message = str(err["msg"])
        results.append((path, message, on_key))
    out = []
    for path, message, on_key in results:
        if path in expected_at:
            message = f"expected {_alternatives(expected_at.pop(path))}, got {message}"
        out.append((path, clip(message, MAX_MESSAGE, "..."), on_key))
    return out
