"""The plot payload: the child's outputs become floats at the boundary, and nothing
of another shape can be built."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from tutor.grading.plotdata import MAX_VALUES, PlotData, values_of


@pytest.mark.parametrize(("value", "output", "values"), [
    (np.array([[1, 2], [3, 4]]), None, (1.0, 2.0, 3.0, 4.0)),
    ((np.array([1.0]), 2.5, [3, 4]), None, (1.0, 2.5, 3.0, 4.0)),  # a tuple's parts in turn
    ((np.array([1.0]), np.array([7.0, 8.0])), 1, (7.0, 8.0)),
    ({"losses": [0.5, 0.25], "w": 3.0}, "losses", (0.5, 0.25)),
    ([np.inf, np.nan], None, (math.inf, math.nan)),
])
def test_an_output_becomes_its_numbers(value: object, output: int | str | None,
                                       values: tuple[float, ...]) -> None:
    got = values_of(value, output)
    assert all(type(v) is float for v in got)
    np.testing.assert_array_equal(got, values)


@pytest.mark.parametrize(("value", "output"), [
    (None, None), ("abc", None), ({"w": 1.0}, None), ([1.0], 3), ({"w": 1.0}, "b"),
    ([[1, 2], "x"], None),
])
def test_an_output_without_numbers_has_none(value: object, output: int | str | None) -> None:
    assert values_of(value, output) == ()


def test_a_long_output_is_cut_to_the_cap() -> None:
    data = PlotData.from_outputs("loss-curve", np.zeros(MAX_VALUES + 5), [1.0])
    assert len(data.learner) == MAX_VALUES and data.reference == (1.0,)


@pytest.mark.parametrize("fields", [
    {"learner": [1.0]},  # a list, not a tuple
    {"learner": (1, 2)},  # ints: not converted at the boundary
    {"reference": ("1.0",)},
    {"reference": (0.0,) * (MAX_VALUES + 1)},
    {"kind": None},
    {"title": 3},
    {"params": [("lr", 0.1)]},
])
def test_nothing_of_another_shape_is_a_plot(fields: dict[str, object]) -> None:
    base: dict[str, object] = {"kind": "loss-curve", "title": "t", "learner": (1.0,),
                               "reference": (2.0,)}
    with pytest.raises(TypeError):
        PlotData(**(base | fields))  # type: ignore[arg-type]


def test_json_has_null_for_non_finite_values() -> None:
    data = PlotData.from_outputs("loss-curve", [1.0, math.inf, math.nan], [1.0],
                                 title="Loss", params={"lr": 0.1})
    text = json.dumps(data.to_json(), allow_nan=False)
    assert json.loads(text) == {"kind": "loss-curve", "title": "Loss", "params": {"lr": 0.1},
                                "learner": [1.0, None, None], "reference": [1.0]}
