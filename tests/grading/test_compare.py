"""compare.py: pure comparisons, no processes."""

from __future__ import annotations

import collections

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.grading import compare as compare_module
from tutor.grading import factor as factor_module
from tutor.grading.compare import agree, align_signs, compare, identical, merged
from tutor.grading.factor import constant_factor
from tutor.grading.wire import Unsupported
from tutor.lessons.model import Compare, Statistical


@pytest.mark.parametrize("got", [3.0, np.float64(3.0), np.array(3.0), 3, np.int64(3)])
def test_a_contracted_float_may_be_any_scalar_kind(got: object) -> None:
    assert compare(3.0, got) is None
    assert compare(np.array(3.0), got) is None


def test_shapes_are_exact() -> None:
    found = compare(np.zeros(3), np.zeros((3, 1)))
    assert found is not None and found.kind == "shape"
    assert compare(np.array([1.0]), 1.0).kind == "shape"


def test_tolerances_and_per_output_overrides() -> None:
    assert compare(1.0, 1.0 + 1e-9) is None
    assert compare(1.0, 1.001).kind == "value"
    loose = Compare(outputs={"1": Compare(atol=1e-2)})
    assert compare((1.0, 2.0), (1.0, 2.001), loose) is None
    assert compare((1.0, 2.0), (1.001, 2.0), loose).path == "[0]"
    by_key = Compare(outputs={"W1": Compare(rtol=0.1)})
    assert compare({"W1": 1.0, "b1": 2.0}, {"W1": 1.05, "b1": 2.0}, by_key) is None


def test_override_inherits_what_it_does_not_set() -> None:
    parent = Compare(rtol=0.5, atol=0.0)
    child = merged(parent, Compare(atol=1.0))
    assert child.rtol == 0.5 and child.atol == 1.0


def test_nan_and_inf_are_detected() -> None:
    found = compare(np.array([1.0, 2.0]), np.array([1.0, np.nan]))
    assert found.kind == "nan" and found.where == (1,)
    assert compare(np.array([np.inf]), np.array([np.inf])) is None
    assert compare(np.array([1.0]), np.array([np.inf])).kind == "inf"
    assert compare(np.array([np.nan]), np.array([np.nan])) is None


def test_an_infinite_expected_value_needs_the_same_infinity() -> None:
    assert compare(np.array([np.inf, 1.0]), np.array([5.0, 1.0])).kind == "value"
    assert compare(-np.inf, 1e300).kind == "value"
    assert compare(np.array([-np.inf]), np.array([np.inf])).kind == "inf"
    assert compare(np.array([-np.inf, 2.0]), np.array([-np.inf, 2.0])) is None


def test_merged_is_remembered_but_never_mixed_up() -> None:
    parent = Compare(rtol=0.5, outputs={"a": Compare(atol=1.0), "b": Compare(atol=2.0)})
    a, b = merged(parent, parent.outputs["a"]), merged(parent, parent.outputs["b"])
    assert (a.atol, b.atol) == (1.0, 2.0) and a.rtol == b.rtol == 0.5
    assert merged(parent, parent.outputs["a"]) is a
    assert merged(parent, None).outputs == {} and merged(parent, None).rtol == 0.5
    plain = Compare()
    assert merged(plain, None) is plain


def test_tuple_like_values() -> None:
    Pair = collections.namedtuple("Pair", "l1 l2")
    assert compare((4.6, 2.9), Pair(4.6, 2.9)) is None
    assert compare((4.6, 2.9), [4.6, 2.9]) is None
    assert compare((4.6, 2.9), (4.6,)).kind == "length"
    assert compare((4.6, 2.9), 4.6).kind == "type"


def test_lists_of_numbers_stand_in_for_arrays() -> None:
    assert compare(np.array([1.0, 2.0]), [1.0, 2.0]) is None
    assert compare(np.array([1.0, 2.0]), [[1.0, 2.0]]).kind == "shape"


def test_dicts_need_every_expected_key_and_may_have_more() -> None:
    found = compare({"a": 1.0, "b": 2.0}, {"a": 1.0, "c": 2.0})
    assert found.kind == "keys" and found.missing == ("b",) and found.extra == ("c",)
    assert compare({"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 2.0, "mode": [23, 45]}) is None
    assert compare({"a": 1.0}, {"a": 1.0, "extra": Unsupported("ModeResult")}) is None
    wrong = compare({"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 3.0, "c": 0.0})
    assert wrong.kind == "value" and wrong.path == "['b']"


def test_none_unsupported_and_strings() -> None:
    assert compare(1.0, None).kind == "none"
    assert compare(None, None) is None
    assert compare(1.0, Unsupported("Foo")).kind == "unsupported"
    assert compare("yes", "yes") is None
    assert compare("yes", "no").kind == "value"


@pytest.mark.parametrize("mode", ["rows", "columns", "whole"])
def test_up_to_sign(mode: str) -> None:
    expected = np.array([[1.0, 2.0], [3.0, -4.0]])
    if mode == "rows":
        got = expected * np.array([[-1.0], [1.0]])
    elif mode == "columns":
        got = expected * np.array([1.0, -1.0])
    else:
        got = -expected
    assert compare(expected, got, Compare(up_to_sign=mode)) is None
    assert compare(expected, got).kind in ("value",)
    assert np.allclose(align_signs(expected, got, mode), expected)


def test_up_to_sign_does_not_forgive_other_errors() -> None:
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = np.array([[-1.0, -2.0], [3.0, 5.0]])
    assert compare(expected, got, Compare(up_to_sign="rows")).kind == "value"


def test_constant_factor() -> None:
    assert constant_factor(np.array([1.0, 2.0, 0.0]), np.array([2.0, 4.0, 0.0])) == 2.0
    assert constant_factor(np.array([1.0, 2.0]), np.array([2.0, 5.0])) is None
    assert compare(np.array([1.0, -2.0]), np.array([-1.0, 2.0])).factor == -1.0


def test_statistical_comparison() -> None:
    rng = np.random.default_rng(0)
    expected = rng.binomial(50, 0.5, size=1000)
    same = rng.binomial(50, 0.5, size=1000)
    spec = Compare(statistical=Statistical(integer=True))
    assert compare(expected, same, spec) is None
    assert compare(expected, rng.binomial(50, 0.6, size=1000), spec).kind == "mean"
    assert compare(expected, (same - 25) * 2 + 25, spec).kind == "spread"
    assert compare(expected, same / 50, Compare(statistical=Statistical(integer=True))).kind \
        == "integer"
    assert compare(expected, same[:10], spec).kind == "shape"


def test_identical_for_the_determinism_check() -> None:
    a = np.array([1.0, np.nan])
    assert identical(a, a.copy())
    assert not identical(a, np.array([1.0, 2.0]))
    assert identical((1, {"x": np.arange(3)}), (1, {"x": np.arange(3)}))
    assert not identical(np.arange(3), np.arange(4))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6) | st.sampled_from([0.0, 1e-300, -2.5]), min_size=1,
                max_size=6),
       st.sampled_from([2.0, -1.0, 0.5, 3.0000001, 1e-7, 0.0]),
       st.lists(st.sampled_from([0.0, 1e-7, -1e-7, 2e-6, 1e-3, np.nan, np.inf]),
                min_size=6, max_size=6))
def test_constant_factor_ruled_out_early_only_when_every_ratio_rules_it_out(
        expected: list[float], factor: float, nudges: list[float]) -> None:
    e = np.array(expected)
    with np.errstate(all="ignore"):
        g = e * factor * (1 + np.array(nudges[:e.size]))
    assert constant_factor(e, g) == factor_module._one_factor(e, g)


def test_constant_factor_only_when_telling() -> None:
    assert constant_factor(np.array(39.0), np.array(39.00009)) is None  # any two numbers
    assert constant_factor(np.array(2.0), np.array(3.0)) is None  # one value, not round
    assert constant_factor(np.array(2.0), np.array(6.0)) == 3.0
    assert constant_factor(np.array(8.0), np.array(2.0)) == 0.25
    assert constant_factor(np.array(2.0), np.array(-2.0)) == -1.0
    assert constant_factor(np.array([1.0, 2.0]), np.array([1.5, 3.0])) == 1.5
    assert constant_factor(np.array([1.0, 2.0]), np.array([1.02, 2.04])) is None  # ~1
    assert compare(39.0, 39.00009).factor is None
    assert constant_factor(np.array(1.8e8), np.array(1e-300)) is None  # 1/factor is inf


def test_strings_compare_exactly() -> None:
    assert compare("cat", "cat") is None
    assert compare(["a", "b"], ["a", "b"]) is None
    assert compare(["a", "b"], ["a", "c"]).path == "[1]"
    assert compare(0.6, "cat").kind == "type"
    assert compare("cat", 1.0).kind == "type"
    assert compare(["a", "b"], np.array(["a", "b"])) is None  # a string array is its list
    assert compare(np.array([["a"], ["b"]]), [["a"], ["b"]]) is None
    assert compare(np.array(["a", "b"]), np.array(["a", "c"])).kind == "value"
    assert identical(np.array(["a", "b"]), np.array(["a", "b"]))
    assert not identical(np.array(["a", "b"]), np.array(["a", "c"]))


def test_a_list_of_numbers_or_arrays_stands_in_for_an_array() -> None:
    expected = np.arange(6.0).reshape(2, 3)
    assert compare(expected, [np.arange(3.0), np.arange(3.0, 6.0)]) is None
    assert compare(expected, (np.arange(3.0), [3.0, 4.0, 5.0])) is None
    assert compare(expected, [np.arange(3.0), np.arange(3.0, 6.0) + 1]).kind == "value"
    assert compare(expected, [np.arange(3.0)]).kind == "shape"  # the shape is still exact
    assert compare(expected, [np.arange(3.0), np.arange(2.0)]).kind == "type"  # ragged
    assert compare(np.zeros(2), ["0", "0"]).kind == "type"  # strings are not numbers
    assert compare(3.0, [3.0]).kind == "type"  # a contracted number is not a list


def test_python_and_numpy_bools_are_interchangeable() -> None:
    assert compare(True, np.bool_(True)) is None
    assert compare(np.bool_(False), False) is None
    assert compare(np.array([True, False]), [True, False]) is None
    assert compare(True, np.bool_(False)).kind == "value"


def test_a_scipy_result_object_is_a_tuple() -> None:
    a, b = [1.0, 2.0, 3.0, 4.0], [2.0, 3.5, 5.0, 4.5]
    result = scipy.stats.ttest_ind(a, b)
    expected = (float(result[0]), float(result[1]))
    assert compare(expected, result) is None
    assert compare(expected, (result.statistic, result.pvalue / 2)).path == "[1]"


FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.0, -0.0, 1e-300, 5e-324, 1.0, 1.0 + 1e-9, 1e308, float("nan"), float("inf")])


@settings(max_examples=600, deadline=None)
@given(FLOATS, FLOATS, st.sampled_from([0.0, 1e-9, 1e-6, 0.5]),
       st.sampled_from([0.0, 1e-12, 1e-8, 1.0, float("inf")]))
def test_two_floats_agree_as_two_arrays_do(e: float, g: float, rtol: float,
                                           atol: float) -> None:
    """Python floats take a shortcut when they agree; the answer is numpy's, always."""
    spec = Compare(rtol=rtol, atol=atol)
    by_numpy = compare(np.float64(e), np.float64(g), spec)
    assert (compare(e, g, spec) is None) == (by_numpy is None)
    assert agree(e, g, spec) == (by_numpy is None)


@settings(max_examples=300, deadline=None)
@given(st.lists(FLOATS, min_size=1, max_size=6), st.lists(FLOATS, min_size=1, max_size=6),
       st.booleans())
def test_agree_is_compare_without_the_description(e: list[float], g: list[float],
                                                  nested: bool) -> None:
    spec = Compare(rtol=1e-6, atol=1e-9)
    expected: object = (np.array(e), e[0]) if nested else np.array(e)
    got: object = (np.array(g), g[0]) if nested else np.array(g)
    full = compare(expected, got, spec)
    bare = compare(expected, got, spec, detail=False)
    assert agree(expected, got, spec) == (full is None) == (bare is None)
    if full is not None and bare is not None:
        assert (bare.kind, bare.path) == (full.kind, full.path)
        assert bare.factor is None and bare.excess is None


PLAIN_NUMBERS = (st.integers(min_value=-2**70, max_value=2**70) | st.booleans()
                 | st.floats(allow_nan=True, allow_infinity=True)
                 | st.complex_numbers(allow_nan=True, allow_infinity=True))


@settings(deadline=None)
@given(PLAIN_NUMBERS)
def test_a_plain_number_is_numeric_exactly_when_numpy_makes_it_a_number(value: object) -> None:
    """Python numbers are told numeric without numpy (a check of plain numbers never
    imports it in the parent), by numpy's own rule: an int outside int64 and uint64 is an
    object, not a number."""
    assert compare_module._is_number_like(value) == (np.asarray(value).dtype.kind in "biufc")


@pytest.mark.parametrize("value", [2**63 - 1, 2**63, 2**64 - 1, 2**64, -2**63, -2**63 - 1])
def test_the_int_limits_are_numpy_s(value: int) -> None:
    assert compare_module._is_number_like(value) == (np.asarray(value).dtype.kind in "biufc")
