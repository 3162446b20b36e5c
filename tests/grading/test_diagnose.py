"""Generic diagnoses (tutor.grading.diagnose): a cause only when it holds on every case."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.grading.compare import compare
from tutor.grading.diagnose import Failure, diagnose


def _failure(expected: object, got: object, shapes: list[tuple[int, ...]] | None = None) -> Failure:
    mismatch = compare(expected, got)
    assert mismatch is not None
    return Failure(mismatch, expected, got, shapes or [])


E = np.array([0.5, -1.25, 3.0])


@pytest.mark.parametrize(("factor", "name"), [
    (1 / math.log(2), "ratio-bits-for-nats"),
    (math.log(2), "ratio-nats-for-bits"),
    (math.sqrt(2 * math.pi), "ratio-missing-sqrt-2pi"),
    (-1.0, "ratio-sign"),
    (2.0, "ratio-double"),
    (0.5, "ratio-half"),
])
def test_named_constant_ratios(factor: float, name: str) -> None:
    found = diagnose([_failure(E, E * factor), _failure(E[:2] + 1, (E[:2] + 1) * factor)])
    assert found is not None and found.name == name


def test_ratios_in_n_take_n_from_each_case_inputs() -> None:
    five, eight = [(5,)], [(8,)]
    found = diagnose([_failure(E, E * 5 / 4, five), _failure(E, E * 8 / 7, eight)])
    assert found is not None and found.name == "ratio-ddof-1-for-0"
    assert "n = 5 " in found.message
    found = diagnose([_failure(2.0, 2.0 * math.sqrt(5 / 4), five)])
    assert found is not None and found.name == "ratio-std-ddof-1-for-0"
    found = diagnose([_failure(0.3, 0.3 * 8, [(8, 3), (8,)])])
    assert found is not None and found.name == "ratio-sum-for-mean"


def test_a_ratio_on_one_case_only_is_not_a_cause() -> None:
    assert diagnose([_failure(E, E * 2), _failure(E, E + 1)]) is None
    assert diagnose([_failure(E, E * 1.7)]) is None  # no name for 1.7


def test_rounding() -> None:
    found = diagnose([_failure(0.166667, 0.1667), _failure(2.929164, 2.929)])
    assert found is not None and found.name == "rounded"


def test_structure() -> None:
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert diagnose([_failure(a, a.T)]).name == "transposed"  # type: ignore[union-attr]
    assert diagnose([_failure(E, E[::-1].copy())]).name == "reordered"  # type: ignore[union-attr]
    assert diagnose([_failure(E, np.maximum(E, 0))]).name == "stray-relu"  # type: ignore[union-attr]
    found = diagnose([_failure((E, 2.0), (2.0, E))])
    assert found is not None and found.name == "swapped-outputs"
