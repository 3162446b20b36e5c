"""The building blocks of every plot kind's parameters (see :mod:`tutor.lessons.plotspecs`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo

Finite = Annotated[float, Field(allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Data = Annotated[list[Finite], Field(min_length=1, max_length=1000)]
Seed = Annotated[int, Field(ge=0, le=2**32 - 1)]


class Params(BaseModel):
    """Base of every kind's parameters: strict keys, finite numbers, frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def one_each(other: str, say: str) -> Callable[[list[Any], ValidationInfo], list[Any]]:
    """A field validator: the list has one item per item of the field ``other`` (checked
    when that field is valid). ``say`` words the error, with ``{n}`` (this list's length)
    and ``{m}`` (the other's)."""

    def check(value: list[Any], info: ValidationInfo) -> list[Any]:
        theirs = info.data.get(other)
        if theirs is not None and len(value) != len(theirs):
            raise ValueError(say.format(n=len(value), m=len(theirs)))
        return value

    return check
