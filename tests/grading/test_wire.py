"""wire.py: plain data only, never pickle; malformed data is refused."""

from __future__ import annotations

import collections
import json

import numpy as np
import pytest
import scipy.stats

from tutor.grading.wire import Budget, TooLarge, Unsupported, WireError, decode, encode


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


@pytest.mark.parametrize("data", [
    {"nd": "|O8", "shape": [1], "b64": "AAAAAAAAAAA="},
    {"nd": "<f8", "shape": [2], "b64": "AAAAAAAAAAA="},
    {"nd": "<f8", "shape": [-1], "b64": ""},
    {"pickle": "gASVAAAA"},
    {"rng": {"bit_generator": "os.system"}},
    [1, 2],
])
def test_malformed_data_is_refused(data: object) -> None:
    with pytest.raises(WireError):
        decode(data)


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


@pytest.mark.parametrize("data", [
    {"strs": ["a", "b"], "shape": [3]},
    {"strs": ["a", 1], "shape": [2]},
    {"strs": ["a"], "shape": []},
    {"strs": "ab", "shape": [2]},
])
def test_malformed_string_arrays_are_refused(data: object) -> None:
    with pytest.raises(WireError):
        decode(data)


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
    monkeypatch.setattr("tutor.grading.wire.MAX_ARRAY_BYTES", 100)
    assert isinstance(roundtrip(np.zeros(100)), Unsupported)
    assert np.array_equal(decode(encode(np.zeros(100), budget=Budget(10**6))), np.zeros(100))
    assert "unsupported" in encode(np.zeros(100), budget=Budget(10**6, cap_arrays=True))


def test_a_budget_counts_close_to_the_json_it_allows() -> None:
    value = {"w": np.random.default_rng(0).normal(size=(50, 40)), "loss": [0.5] * 100,
             "name": "x" * 300}
    budget = Budget(10**9)
    size = len(json.dumps(encode(value, budget=budget)))
    assert size <= budget.used <= 2 * size
