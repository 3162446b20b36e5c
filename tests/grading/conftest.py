"""Exercises built in code and one shared evaluator (its warm worker starts once)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tutor.grading import Evaluator
from tutor.lessons.model import ExerciseStep

DOT_SOLUTION = """\
import numpy as np

def dot(a, b):
    return float(np.sum(np.asarray(a) * np.asarray(b)))
"""

DOT_GENERATOR = """\
import numpy as np

def generate(rng, size):
    return rng.normal(size=size), rng.normal(size=size)
"""


# a speed-checked exercise: a vectorised sum against a loop baseline
SPEED = {
    "function": "total",
    "solution": "import numpy as np\ndef total(x):\n    return float(np.sum(x))\n",
    "starter": "def total(x):\n    pass\n",
    "cases": [{"args": "np.arange(10.0)"}],
    "random": [],
    "compare": {"rtol": 1e-9},
    # a slow baseline (numpy scalars one by one, ~0.1 s in all), so an honest np.sum is
    # tens of times faster, far above the noise of a busy machine's CPU accounting
    "speed": {"baseline": "def baseline(x):\n    s = 0.0\n    for v in x:\n"
                          "        s += float(v)\n    return s\n",
              "args": "rng.normal(size=200_000)", "min_speedup": 3, "repeats": 3},
}


def code(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def exercise(**fields: Any) -> ExerciseStep:
    """A dot-product exercise, with any field replaced."""
    base: dict[str, Any] = {
        "kind": "exercise",
        "id": "linear-algebra/dot-product",
        "title": "Dot product",
        "prompt": "Write dot(a, b).",
        "function": "dot",
        "starter": "def dot(a, b):\n    raise NotImplementedError\n",
        "solution": DOT_SOLUTION,
        "cases": [{"name": "the worked example", "args": "np.array([2., 3., 1.]), "
                   "np.array([4., 1., 5.])"}],
        "random": [{"generator": DOT_GENERATOR, "count": 6, "seed": 1, "sizes": [1, 8]}],
        "time_limit": 10,
    }
    base.update(fields)
    return ExerciseStep.model_validate(base)


@pytest.fixture(scope="session")
def evaluator() -> Iterator[Evaluator]:
    with Evaluator() as ev:
        yield ev


@pytest.fixture
def make_exercise() -> Callable[..., ExerciseStep]:
    return exercise


@pytest.fixture
def check(evaluator: Evaluator) -> Callable[..., Any]:
    """check(source, **exercise fields) -> Verdict."""

    def run(source: str, **fields: Any) -> Any:
        return evaluator.check(exercise(**fields), code(source))

    return run
