"""Building a case's arguments inside the child, from the plain spec the parent planned
(see :mod:`tutor.grading.cases`): a fixed ``args`` expression, or a lesson generator
called with ``np.random.default_rng([seed, number])``."""

from __future__ import annotations

import math
from typing import Any


def namespace() -> dict[str, Any]:
    """Globals for lesson expressions: numpy as np, math, scipy (imported lazily)."""
    import numpy as np
    import scipy

    return {"np": np, "numpy": np, "math": math, "scipy": scipy, "__builtins__": __builtins__}


def build_args(job: dict[str, Any], generators: dict[int, Any]) -> tuple[Any, ...]:
    """The positional arguments of one case (``generators`` caches each block's function)."""
    return make_args(job, generators)[0]


def make_args(job: dict[str, Any], generators: dict[int, Any]) -> tuple[tuple[Any, ...],
                                                                        str | None]:
    """:func:`build_args`, and the type name of what a generator returned when that was not
    a tuple (it is then taken as the only argument), else None."""
    import numpy as np

    if "args" in job:
        return tuple(eval(f"({job['args']},)", namespace())), None  # noqa: S307 - lesson code
    block = job["block"]
    if block not in generators:
        ns = namespace()
        exec(job["generator"], ns)  # noqa: S102 - lesson code, sandboxed
        if not callable(ns.get("generate")):
            raise NameError("the generator does not define generate(rng, size)")
        generators[block] = ns["generate"]
    value = generators[block](np.random.default_rng([job["seed"], job["number"]]), job["size"])
    if isinstance(value, tuple):
        return value, None
    return (value,), str(type(value).__name__)[:100]


def speed_args(expression: str, seed: list[int]) -> tuple[Any, ...]:
    """The arguments of one timed call: the lesson's ``args`` expression, with ``rng`` a
    generator of its own for this call."""
    import numpy as np

    names = {**namespace(), "rng": np.random.default_rng(seed)}
    return tuple(eval(f"({expression},)", names))  # noqa: S307 - lesson code, sandboxed
