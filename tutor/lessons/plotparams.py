"""The building blocks of every plot kind's parameters (see :mod:`tutor.lessons.plotspecs`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Finite = Annotated[float, Field(allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Data = Annotated[list[Finite], Field(min_length=1, max_length=1000)]
Seed = Annotated[int, Field(ge=0, le=2**32 - 1)]


class Params(BaseModel):
    """Base of every kind's parameters: strict keys, finite numbers, frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
