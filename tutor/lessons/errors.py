"""Turn pydantic validation errors into messages a lesson author can act on."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from tutor.lessons.model import Lesson
from tutor.lessons.yamlsource import KeyPath

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


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false: quote it)"
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}{'...' if len(text) > 40 else ''}"


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


def describe_validation_error(
    exc: ValidationError, data: Any
) -> list[tuple[KeyPath, str, bool]]:
    """(key path, message, whether to point at the key rather than the value) per error."""
    results: list[tuple[KeyPath, str, bool]] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        path = _data_path(loc, data)
        on_key = False
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
            message = f"expected {_TYPE_NAMES[kind]}, got {_describe(err.get('input'))}"
        elif kind == "value_error":
            message = str(err["msg"]).removeprefix("Value error, ")
        elif kind == "literal_error":
            message = f"{err['msg'].lower()}, got {_describe(err.get('input'))}"
        else:
            message = str(err["msg"])
        results.append((path, message, on_key))
    return results
