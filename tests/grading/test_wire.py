"""wire.py: plain data only, never pickle; malformed data is refused."""

from __future__ import annotations

import base64
import collections
import json
import subprocess
import sys

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.grading import wire
from tutor.grading.encoding import Budget, TooLarge, encode
from tutor.grading.wire import Unsupported, WireError, decode


def roundtrip(value: object) -> object:
    return decode(json.loads(json.dumps(encode(value))))


@pytest.mark.parametrize("value", [
    None, True, 3, 2.5, "text", 1 + 2j, np.float32(1.5), np.arange(6).reshape(2, 3),
    np.array([True, False]), np.array(2.0), (1, [2.0, {"a": np.zeros(2)}]),
])
def test_roundtrip(value: object) -> None:
    back = roundtrip(value)
    if isinstance(value, np.ndarray):
        assert isinstance(back, np.ndarray) and back.dtype == value.dtype
        assert np.array_equal(back, value)
    elif isinstance(value, np.generic):
        assert type(back) is type(value) and back == value
    elif isinstance(value, tuple):
        assert isinstance(back, tuple) and isinstance(back[1], list)
    else:
        assert back == value


def test_tuple_like_results_become_tuples() -> None:
    Pair = collections.namedtuple("Pair", "a b")
    assert roundtrip(Pair(1, 2)) == (1, 2)
    result = scipy.stats.ttest_ind([1.0, 2.0, 3.0], [2.0, 3.0, 5.0])
    back = roundtrip(result)
    assert isinstance(back, tuple) and len(back) == 2


def test_generators_travel_as_state() -> None:
    rng = np.random.default_rng(5)
    back = roundtrip(rng)
    assert isinstance(back, np.random.Generator)
    assert back.random() == np.random.default_rng(5).random()


def test_anything_else_is_unsupported() -> None:
    back = roundtrip(lambda x: x)
    assert isinstance(back, Unsupported) and back.type_name == "function"
    assert isinstance(roundtrip(np.array(["a"], dtype=object)), Unsupported)
    assert isinstance(roundtrip({(1, 2): 3}), Unsupported)


def test_a_function_travels_with_a_readable_text_never_its_address() -> None:
    def documented(x: float) -> float:
        """f(x) = x³

        more text"""
        return x ** 3

    labelled = lambda x: x  # noqa: E731
    labelled.label = "f(x) = sin(300x)"  # type: ignore[attr-defined]
    texts = [repr(roundtrip(value)) for value in
             (labelled, documented, np.sin, lambda x: x, print, "x".upper)]
    assert texts == ["f(x) = sin(300x)", "f(x) = x³", "np.sin", "a function", "a function",
                     "a function"]
    assert repr(roundtrip(int)) != "a function"  # a class keeps its own text


MALFORMED = [
    {"nd": "|O8", "shape": [1], "b64": "AAAAAAAAAAA="},
    {"nd": "<f8", "shape": [2], "b64": "AAAAAAAAAAA="},
    {"nd": "<f8", "shape": [-1], "b64": ""},
    {"pickle": "gASVAAAA"},
    {"rng": {"bit_generator": "os.system"}},
    [1, 2],
    # a dtype is spelled as numpy's dtype.str spells a number or bool type, nothing else
    *({"nd": nd, "shape": [1], "b64": "AAAAAAAAAAA="}
      for nd in ("float64", "d", "<f3", "<i16", "|V8", "<M8[ns]", "<U2", "<f8 ", 8, None,
                 "<f8,<f8")),
    {"list": [1.0, {"nd": "<f4", "shape": [3], "b64": "AAAAAAAAAAA="}]},  # nested, 12 != 8
    {"nd": "<f8", "shape": [0, 2**60], "b64": ""},  # empty, but too large for numpy
    {"nd": "<f8", "shape": [0, 2**63], "b64": ""},
    {"strs": ["a", "b"], "shape": [3]},
    {"strs": ["a", 1], "shape": [2]},
    {"strs": ["a"], "shape": []},
    {"strs": "ab", "shape": [2]},
]


@pytest.mark.parametrize("data", MALFORMED)
def test_malformed_data_is_refused(data: object) -> None:
    with pytest.raises(WireError):
        decode(data)


@pytest.mark.parametrize("data", MALFORMED)
def test_malformed_data_is_refused_before_numpy_is_imported(
        data: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent checks what a child sent without building its arrays while numpy is not
    imported: the same data is refused, there and then, as a full decode refuses it."""
    monkeypatch.setattr(wire, "is_loaded", lambda: False)
    with pytest.raises(WireError):
        wire.checked(data)


NUMERIC = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
           np.uint64, np.float16, np.float32, np.float64, np.longdouble, np.complex64,
           np.complex128, np.clongdouble]


def test_an_empty_array_of_huge_dimensions_numpy_can_make_is_kept() -> None:
    data = {"nd": "<f8", "shape": [0, 2**60 - 1], "b64": ""}
    assert decode(data).shape == (0, 2**60 - 1)


@pytest.mark.parametrize("value", [
    *(np.arange(6).astype(t).reshape(2, 3) for t in NUMERIC), np.float32(1.5), np.array(2.0),
    np.array(["cat", "dog"]), (1, [2.0, {"a": np.zeros(2)}]), 2.5, "text", None, 1 + 2j,
])
def test_a_checked_value_is_built_at_its_first_read(
        value: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked without numpy, a value is the same when read as a full decode makes it, its
    arrays read-only, and built once."""
    data = json.loads(json.dumps(encode(value)))
    with monkeypatch.context() as patched:
        patched.setattr(wire, "is_loaded", lambda: False)
        lazy = wire.checked(data)
    eager = wire.checked(data)
    assert lazy.raw is data and eager.raw is data
    first = lazy.value
    assert first is lazy.value  # built once
    expected = eager.value
    assert type(first) is type(expected)
    if isinstance(expected, np.ndarray):
        assert first.dtype == expected.dtype and np.array_equal(first, expected)
        assert not first.flags.writeable
    elif isinstance(expected, tuple):
        assert not first[1][1]["a"].flags.writeable
    else:
        assert first == expected


def test_numpy_strings_travel_as_strings_and_string_arrays() -> None:
    back = roundtrip(np.str_("cat"))
    assert type(back) is str and back == "cat"
    assert roundtrip(np.array("x")) == "x"
    assert roundtrip((np.str_("a"), 1.0)) == ("a", 1.0)
    labels = roundtrip(np.array(["cat", "dog"]))  # an argument must stay an array
    assert isinstance(labels, np.ndarray) and labels.tolist() == ["cat", "dog"]
    grid = roundtrip(np.array([["a", "b"], ["c", "d"]]))
    assert isinstance(grid, np.ndarray) and grid.shape == (2, 2) and grid[1, 0] == "c"
    assert isinstance(roundtrip(np.array(["a"] * 20_000)), Unsupported)


def test_a_budget_measures_a_value_before_building_it(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(TooLarge) as info:
        encode(np.zeros(10**6), budget=Budget(1000))
    assert info.value.size >= 8 * 10**6 * 4 // 3  # the whole array counted, none of it encoded
    with pytest.raises(TooLarge):
        encode([[0.5] * 1000] * 1000, budget=Budget(100_000))
    with pytest.raises(TooLarge):
        encode({"a": "x" * 5000, "b": "y" * 5000}, budget=Budget(8000))
    small = encode((np.arange(3.0), [1, "two"]), budget=Budget(10_000))
    assert small == encode((np.arange(3.0), [1, "two"]))
    # under a budget, results are limited by their total, not capped array by array; a
    # capped budget (arguments, which a child can rebuild) keeps the cap
    monkeypatch.setattr("tutor.grading.encoding.MAX_ARRAY_BYTES", 100)
    assert isinstance(roundtrip(np.zeros(100)), Unsupported)
    assert np.array_equal(decode(encode(np.zeros(100), budget=Budget(10**6))), np.zeros(100))
    assert "unsupported" in encode(np.zeros(100), budget=Budget(10**6, cap_arrays=True))


def test_a_budget_counts_close_to_the_json_it_allows() -> None:
    value = {"w": np.random.default_rng(0).normal(size=(50, 40)), "loss": [0.5] * 100,
             "name": "x" * 300}
    budget = Budget(10**9)
    size = len(json.dumps(encode(value, budget=budget)))
    assert size <= budget.used <= 2 * size


def test_the_child_binds_numpy_s_names_before_any_learner_code_runs() -> None:
    """The child's harness imports numpy before wire, so encode() holds numpy's own
    functions from the start: learner code that later rebinds ``np.asarray`` in its child
    cannot change how its results are encoded."""
    script = ("from tutor.grading.child import harness\nimport numpy\n"
              "from tutor.grading import encoding\n"
              "assert harness is not None and encoding._asarray is numpy.asarray\n"
              "assert encoding._ndarray is numpy.ndarray and encoding._ufunc is numpy.ufunc\n"
              "numpy.asarray = None\n"
              "assert encoding.encode(numpy.zeros(2))['shape'] == [2]\nprint('ok')")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr


DTYPE_TEXTS = st.sampled_from(["<f8", "|b1", "<i4", ">i2", "|u1", "<c16", "<f2", "<f16",
                               "=f4", "|f8", "<f3", "<i16", "|V8", "<U1", "f8", "d"])
ARRAY_DATA = st.fixed_dictionaries({
    "nd": DTYPE_TEXTS,
    "shape": st.lists(st.integers(min_value=-1, max_value=5) | st.sampled_from([0, 2**61]),
                      max_size=4),
    "b64": st.binary(max_size=64).map(lambda b: base64.b64encode(b).decode()),
}, optional={"scalar": st.booleans()})


@settings(deadline=None, max_examples=300)
@given(ARRAY_DATA)
def test_an_array_is_refused_without_numpy_exactly_when_numpy_refuses_it(
        data: dict[str, object]) -> None:
    """The checks made before numpy is imported accept the same arrays that building
    them accepts, so a value checked early never fails when it is built."""
    try:
        built = decode(data)
    except WireError:
        built = None
    lazy_ok = True
    try:
        wire._decode(data, 0, False)
    except WireError:
        lazy_ok = False
    assert lazy_ok == (built is not None)
    if built is not None:
        assert wire.Checked(data).value.shape == np.shape(built)
