"""Which warm worker some code needs: one rule for everything that chooses one. The
evaluator sends each job to the lightest kind its code needs, the lesson cache notes
whether an exercise's code needs scipy, and `tutor check` starts that kind before the
evaluator exists. Code that reaches scipy without naming it still works: the import
then happens in the child, only slower."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

KINDS = ("numpy", "scipy", "torch")  # imported ahead: numpy; + scipy's submodules; numpy + torch


def needs_scipy(code: str) -> bool:
    """Whether code (or any text holding code) names scipy."""
    return "scipy" in code


def names_optim(code: str) -> bool:
    """Whether torch code names ``optim`` (``torch.optim.Adam``, ``from torch import
    optim``): an optimizer's first step imports torch's compiler stack (about 1.5 s)."""
    return re.search(r"\boptim\b", code) is not None


def kind_for(values: Iterable[Any], torch: bool = False) -> str:
    """The lightest kind for ``values`` (code texts, or job payloads whose strings are
    code): "torch" when asked, "scipy" when any of them names scipy, else "numpy" (its
    children start and end faster). A payload's encoded inputs ("wire") are data, not code."""
    if torch:
        return "torch"
    return "scipy" if any(_names_scipy(value) for value in values) else "numpy"


def _names_scipy(value: Any) -> bool:
    if isinstance(value, str):
        return needs_scipy(value)
    if isinstance(value, dict):
        return any(_names_scipy(v) for k, v in value.items() if k != "wire")
    if isinstance(value, list):
        return any(_names_scipy(v) for v in value)
    return False
