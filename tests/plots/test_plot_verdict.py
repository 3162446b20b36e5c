"""Exercise plots: the learner beside the reference, with messages for bad data."""

from __future__ import annotations

import math

import pytest

from tutor.plots import figure_from_verdict, render_text


def _losses(rate: float, n: int = 50) -> list[float]:
    return [40 * rate**i for i in range(n)]


def _data(**kw) -> dict:
    return {"kind": "loss-curve", "title": "Your loss curve", "params": {},
            "learner": _losses(0.9), "reference": _losses(0.8)} | kw


def test_loss_curve_beside_reference() -> None:
    fig = figure_from_verdict(_data())
    assert fig.message is None
    assert [s.label for s in fig.series] == ["reference", "yours"]
    text = render_text(fig)
    assert "Your loss curve" in text and "yours" in text and "reference" in text
    assert len(text.splitlines()) <= 24


def test_inf_loss_names_the_step_and_blames_the_steps() -> None:
    learner = _losses(1.5, 12) + [math.inf, math.nan]
    fig = figure_from_verdict(_data(learner=learner))
    assert fig.message is not None
    assert fig.message.startswith("Your losses became inf at step 12")
    assert "gradient" in fig.message
    text = render_text(fig)
    assert "Your loss curve" in text and "step 12" in text


def test_inf_on_both_sides_blames_the_learning_rate() -> None:
    bad = _losses(2.0, 5) + [math.inf]
    fig = figure_from_verdict(_data(learner=bad, reference=bad))
    assert fig.message == ("Your losses became inf at step 5: the learning rate is too large "
                           "for this problem.")


def test_nan_in_other_kinds() -> None:
    fig = figure_from_verdict({"kind": "schedule", "title": "LR", "learner": [0.1, math.nan],
                               "reference": [0.1, 0.2]})
    assert fig.message == "Your learning rates became nan at step 1."


@pytest.mark.parametrize("learner", [[], None, "abc", [[1, 2], [3]]])
def test_empty_or_garbled_learner_data(learner) -> None:
    fig = figure_from_verdict(_data(learner=learner))
    assert fig.message is not None and fig.message.startswith("Your function")
    assert "Your loss curve" in render_text(fig)


@pytest.mark.parametrize("plot_data", [None, {}, {"kind": "pie"}, {"params": {"lr": -1}}])
def test_garbage_plot_data_never_raises(plot_data) -> None:
    fig = figure_from_verdict(plot_data)
    assert fig.message
    render_text(fig)


def test_histogram_of_samples_with_density_when_described() -> None:
    learner = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10] * 20
    reference = [10, 10, 9, 11, 12, 8, 10, 11, 9, 7] * 20
    fig = figure_from_verdict({"kind": "histogram", "title": "Heads", "learner": learner,
                               "reference": reference, "params": {"n_flips": 20}})
    labels = [s.label for s in fig.series]
    assert labels[:2] == ["yours", "reference"] and labels[2].startswith("normal")
    no_density = figure_from_verdict({"kind": "histogram", "title": "Heads",
                                      "learner": learner, "reference": reference})
    assert len(no_density.series) == 2
    text = render_text(fig)
    assert "Heads" in text and "yours" in text


def test_bar_compares_value_by_value() -> None:
    fig = figure_from_verdict({"kind": "bar", "title": "Softmax", "learner": [0.6, 0.3, 0.1],
                               "reference": [0.659, 0.242, 0.099],
                               "params": {"labels": ["a", "b", "c"]}})
    assert fig.categories == ("a", "b", "c")
    text = render_text(fig)
    assert "Softmax" in text and "yours" in text and "reference" in text
    mismatch = figure_from_verdict({"kind": "bar", "title": "S", "learner": [1.0],
                                    "reference": [0.5, 0.5]})
    assert mismatch.message and "1 values" in mismatch.message


def test_function_values_use_the_authors_x_range() -> None:
    fig = figure_from_verdict({"kind": "function", "title": "Sigmoid",
                               "params": {"name": "sigmoid", "x_min": -5, "x_max": 5},
                               "learner": [0.1, 0.5, 0.9], "reference": [0.1, 0.5, 0.9]})
    assert fig.series[1].x == (-5.0, 0.0, 5.0)
    assert fig.xlabel == "x"


def test_different_lengths_are_noted() -> None:
    fig = figure_from_verdict(_data(learner=_losses(0.9, 30)))
    assert any("30 values" in n for n in fig.notes)
