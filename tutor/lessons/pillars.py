"""The six pillars of the curriculum, in order, with their titles (no pydantic here, so
what lists lessons can name pillars without loading the lesson models)."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Literal, Protocol, TypeVar

Pillar = Literal[
    "linear-algebra",
    "calculus",
    "probability",
    "statistics",
    "optimization",
    "information-theory",
]
PILLARS: tuple[str, ...] = typing.get_args(Pillar)
PILLAR_TITLES: dict[str, str] = {
    "linear-algebra": "Linear algebra",
    "calculus": "Calculus",
    "probability": "Probability",
    "statistics": "Statistics",
    "optimization": "Optimization",
    "information-theory": "Information theory",
}


class _InPillar(Protocol):
    @property
    def pillar(self) -> str: ...


T = TypeVar("T", bound=_InPillar)


def by_pillar(items: Iterable[T]) -> dict[str, list[T]]:
    """``items`` (lessons, or their index entries) grouped by pillar, in course order,
    with every pillar present."""
    grouped: dict[str, list[T]] = {p: [] for p in PILLARS}
    for item in items:
        grouped[item.pillar].append(item)
    return grouped
