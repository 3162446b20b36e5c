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


def test_a_pooled_variance_over_n_is_named_with_the_pooled_size() -> None:
    two_samples = [(8,), (10,)]  # n = 18 together
    found = diagnose([_failure(2.5, 2.5 * math.sqrt(18 / 16), two_samples)])
    assert found is not None and found.name == "ratio-std-pooled-n-for-n-minus-2"
    assert "n = 18" in found.message
    found = diagnose([_failure(E, E * 18 / 16, two_samples)])
    assert found is not None and found.name == "ratio-pooled-n-for-n-minus-2"
    assert diagnose([_failure(2.5, 2.5 * math.sqrt(18 / 16), [(18,)])]) is None  # one sample


X = np.array([1.0, 2.0, 4.0, 7.0])
Y = np.array([2.0, 1.0, 5.0, 9.0])


def _with_args(expected: float, got: float, *args: np.ndarray) -> Failure:
    mismatch = compare(expected, got)
    assert mismatch is not None
    return Failure(mismatch, expected, got, [a.shape for a in args], args)


def test_a_ratio_that_is_a_norm_of_the_inputs_names_the_missing_normalisation() -> None:
    r = 0.97
    scale = float(np.std(X) * np.std(Y))
    found = diagnose([_with_args(r, r * scale, X, Y)], ["x", "y"])
    assert found is not None and found.name == "ratio-missing-normalisation"
    assert "std(x)·std(y) times the expected" in found.message
    assert "Divide by std(x)·std(y)" in found.message
    norm = float(np.linalg.norm(Y))
    found = diagnose([_with_args(0.5, 0.5 / norm, X, Y), _with_args(2.0, 2.0 / 3.0,
                                                                     X, np.array([3.0, 0.0]))],
                     ["a", "b"])
    assert found is not None and found.name == "ratio-extra-normalisation"
    assert "divided by ‖b‖ on every failing case" in found.message


def test_one_norm_in_place_of_another_is_named() -> None:
    a, b = np.array([3.0, 4.0]), np.array([1.0, 2.0, 2.0])
    ratio = float(np.linalg.norm(b) / np.linalg.norm(a))  # divided by ‖a‖ twice
    found = diagnose([_with_args(0.6, 0.6 * ratio, a, b)], ["a", "b"])
    assert found is not None and found.name == "ratio-norm-for-norm"
    assert "you divide by ‖a‖ where ‖b‖ belongs" in found.message


def test_a_norm_ratio_on_one_case_only_is_not_a_cause() -> None:
    norm = float(np.linalg.norm(Y))
    assert diagnose([_with_args(0.5, 0.5 * norm, X, Y), _with_args(2.0, 2.0 * 1.3, X, Y)],
                    ["a", "b"]) is None


def test_an_overflow_on_every_failing_case_is_named_with_exp_advice_only_for_exp() -> None:
    from tutor.grading.diagnose import exp_overflow

    exp = ["RuntimeWarning: overflow encountered in exp"]
    found = exp_overflow([exp, exp], calls_exp=True)
    assert found is not None and found.name == "exp-overflow"
    assert found.message.startswith('numpy warned "overflow encountered in exp"')
    assert "each row's own max" in found.message
    found = exp_overflow([["RuntimeWarning: overflow encountered in multiply"]], True)
    assert found is not None and found.name == "overflow" and "max" not in found.message
    assert exp_overflow([exp, []], True) is None  # not on every failing case
    assert exp_overflow([], True) is None


def test_a_broadcast_against_an_array_reduced_without_keepdims_is_named() -> None:
    from tutor.grading.diagnose_errors import lost_axis

    def error(shapes: str) -> dict[str, str]:
        return {"type": "ValueError",
                "message": f"operands could not be broadcast together with shapes {shapes} "}

    found = lost_axis([error("(2,8) (2,)"), error("(5,3) (5,)")])
    assert found is not None and found.name == "reduced-without-keepdims"
    assert "shapes (2, 8) and (2,)" in found.message and "its last axis" in found.message
    assert "`keepdims=True` (shape (2, 1))" in found.message
    found = lost_axis([error("(3,2) (3,4,2)")])  # either order; the middle axis of three
    assert found is not None and "axis 1" in found.message and "(3, 1, 2)" in found.message
    assert lost_axis([error("(2,8) (3,)")]) is None  # not a reduction of the other
    assert lost_axis([error("(2,8) (2,)"), {"type": "TypeError", "message": "x"}]) is None
    assert lost_axis([]) is None
