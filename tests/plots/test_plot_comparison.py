"""Exercise plots: the learner beside the reference, with messages for bad data."""

from __future__ import annotations

import math

import pytest

from tutor.grading.plotdata import PlotData
from tutor.plots import comparison_figure, render_text


def _losses(rate: float, n: int = 50) -> list[float]:
    return [40 * rate**i for i in range(n)]


def _data(learner: object = None, reference: object = None) -> PlotData:
    learner = _losses(0.9) if learner is None else learner
    reference = _losses(0.8) if reference is None else reference
    return PlotData.from_outputs("loss-curve", learner, reference, title="Your loss curve")


def test_loss_curve_beside_reference() -> None:
    fig = comparison_figure(_data())
    assert fig.message is None
    assert [s.label for s in fig.series] == ["reference", "yours"]
    text = render_text(fig)
    assert "Your loss curve" in text and "yours" in text and "reference" in text
    assert len(text.splitlines()) <= 24


def test_inf_loss_names_the_step_and_blames_the_steps() -> None:
    learner = _losses(1.5, 12) + [math.inf, math.nan]
    fig = comparison_figure(_data(learner=learner))
    assert fig.message is not None
    assert fig.message.startswith("Your losses became inf at step 12")
    assert "gradient" in fig.message
    text = render_text(fig)
    assert "Your loss curve" in text and "step 12" in text


def test_inf_on_both_sides_blames_the_learning_rate() -> None:
    bad = _losses(2.0, 5) + [math.inf]
    fig = comparison_figure(_data(learner=bad, reference=bad))
    assert fig.message == ("Your losses became inf at step 5: the learning rate is too large "
                           "for this problem.")


def test_nan_in_other_kinds() -> None:
    fig = comparison_figure(PlotData.from_outputs("schedule", [0.1, math.nan], [0.1, 0.2],
                                                  title="LR"))
    assert fig.message == "Your learning rates became nan at step 1."


@pytest.mark.parametrize("learner", [[], "abc", {"w": 1.0}, [[1, 2], "x"]])
def test_empty_or_garbled_learner_data(learner) -> None:
    fig = comparison_figure(_data(learner=learner))
    assert fig.message is not None and fig.message.startswith("Your function")
    assert "Your loss curve" in render_text(fig)


@pytest.mark.parametrize(("kind", "params", "message"), [
    ("pie", {}, "Unknown plot kind 'pie'."),
    ("loss-curve", {"lr": -1}, "This plot cannot be drawn: "),
    ("loss-curve", {"colour": "red"}, "This plot cannot be drawn: "),
])
def test_a_plot_that_cannot_be_drawn_is_a_message(kind: str, params: dict,
                                                  message: str) -> None:
    fig = comparison_figure(PlotData.from_outputs(kind, [1.0], [1.0], params=params))
    assert fig.message is not None and fig.message.startswith(message)
    assert fig.title == "Your output beside the reference"
    render_text(fig)


def test_histogram_of_samples_with_density_when_described() -> None:
    learner = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10] * 20
    reference = [10, 10, 9, 11, 12, 8, 10, 11, 9, 7] * 20
    fig = comparison_figure(PlotData.from_outputs("histogram", learner, reference, title="Heads",
                                                  params={"n_flips": 20}))
    labels = [s.label for s in fig.series]
    assert labels[:2] == ["yours", "reference"] and labels[2].startswith("normal")
    no_density = comparison_figure(PlotData.from_outputs("histogram", learner, reference,
                                                         title="Heads"))
    assert len(no_density.series) == 2
    text = render_text(fig)
    assert "Heads" in text and "yours" in text


def test_bar_compares_value_by_value() -> None:
    fig = comparison_figure(PlotData.from_outputs("bar", [0.6, 0.3, 0.1], [0.659, 0.242, 0.099],
                                                  title="Softmax",
                                                  params={"labels": ["a", "b", "c"]}))
    assert fig.categories == ("a", "b", "c")
    text = render_text(fig)
    assert "Softmax" in text and "yours" in text and "reference" in text
    mismatch = comparison_figure(PlotData.from_outputs("bar", [1.0], [0.5, 0.5], title="S"))
    assert mismatch.message and "1 values" in mismatch.message


def test_function_values_use_the_authors_x_range() -> None:
    params = {"name": "sigmoid", "x_min": -5, "x_max": 5}
    fig = comparison_figure(PlotData.from_outputs("function", [0.1, 0.5, 0.9], [0.1, 0.5, 0.9],
                                                  title="Sigmoid", params=params))
    assert fig.series[1].x == (-5.0, 0.0, 5.0)
    assert fig.xlabel == "x"


def test_different_lengths_are_noted() -> None:
    fig = comparison_figure(_data(learner=_losses(0.9, 30)))
    assert any("30 values" in n for n in fig.notes)
