"""The building blocks of the lesson models: the strict base model, the kinds of text
and id a lesson holds, and the checks that lesson code parses (without running it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from tutor import pyparse

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
QualifiedId = Annotated[
    str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$", max_length=130)
]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)]
Code = Annotated[str, Field(max_length=20_000)]
Text = Annotated[str, Field(max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    """Base for every lesson model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


# Set only while the lesson cache rebuilds models from what the loader itself produced
# (and checked) from the same bytes: the code in them parsed then.
_CODE_CHECKED: ContextVar[bool] = ContextVar("code_checked", default=False)


@contextmanager
def code_already_checked() -> Iterator[None]:
    """Within this block, the syntax checks below pass code through unparsed (for the
    lesson cache, whose models hold only code the loader parsed from the same bytes)."""
    token = _CODE_CHECKED.set(True)
    try:
        yield
    finally:
        _CODE_CHECKED.reset(token)


def check_python(source: str, what: str) -> str:
    """Reject code that does not parse, so authors hear about it at load time."""
    if _CODE_CHECKED.get():
        return source
    try:
        pyparse.parse(source)
    except SyntaxError as exc:
        raise ValueError(f"{what} is not valid Python (line {exc.lineno}: {exc.msg})") from None
    except (RecursionError, MemoryError):
        raise ValueError(f"{what} is nested too deeply for Python to parse") from None
    return source


def check_expression(source: str, what: str) -> str:
    if _CODE_CHECKED.get():
        return source
    try:
        pyparse.parse(f"({source},)", mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"{what} is not a valid Python expression ({exc.msg})") from None
    except (RecursionError, MemoryError):
        raise ValueError(f"{what} is nested too deeply for Python to parse") from None
    return source
