"""The six pillars of the curriculum, in order, with their titles (no pydantic here, so
what lists lessons can name pillars without loading the lesson models)."""

from __future__ import annotations

import typing
from typing import Literal

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
