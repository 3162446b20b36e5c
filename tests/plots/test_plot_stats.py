"""The prior, overfitting and ROC plot kinds: params, numbers, exercise plots, and drawing
in the CLI and the app without colour."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tutor.grading.plotdata import PlotData
from tutor.plots import (
    build_figure,
    comparison_figure,
    compute_stats,
    plot_spec_errors,
    render_text,
)

GOOD = [
    ("prior-posterior", {"alpha": 0.5, "beta": 0.5, "heads": 3, "tails": 0}),
    ("train-validation", {"max_degree": 6, "n_train": 20, "noise": 0.1, "ridge": 0.01}),
    ("roc", {"labels": [1, 0, 1], "scores": [0.2, 0.2, 0.9], "threshold": 0.5}),
]
BAD = [
    ("prior-posterior", {"alpha": 0}, "alpha", "greater than 0"),
    ("prior-posterior", {"heads": -1}, "heads", "greater than or equal to 0"),
    ("train-validation", {"max_degree": 16}, "max_degree", "less than or equal to 15"),
    ("train-validation", {"ridge": -1}, "ridge", "greater than or equal to 0"),
    ("roc", {"labels": [1, 1], "scores": [0.1, 0.2]}, "labels", "both classes"),
    ("roc", {"labels": [0, 1, 1], "scores": [0.1, 0.2]}, "scores", "2 scores for 3 labels"),
    ("roc", {"labels": [0, 2], "scores": [0.1, 0.3]}, "labels.1", "less than or equal to 1"),
]


@pytest.mark.parametrize(("kind", "params"), GOOD)
def test_good_params(kind: str, params: dict) -> None:
    assert plot_spec_errors(kind, params) == []
    assert build_figure(kind, params).message is None


@pytest.mark.parametrize(("kind", "params", "key", "fragment"), BAD)
def test_bad_params_are_located(kind: str, params: dict, key: str, fragment: str) -> None:
    errors = plot_spec_errors(kind, params)
    assert any(k == key and fragment in m for k, m in errors), errors


def _legend_markers(text: str, labels: list[str]) -> list[str]:
    """The two-character marker drawn before each label in the legend."""
    markers = []
    for label in labels:
        found = re.search(r"(\S\S) " + re.escape(label), text)
        assert found, f"{label!r} not in the legend:\n{text}"
        markers.append(found.group(1))
    return markers


@pytest.mark.parametrize(("kind", "params"), GOOD + [("roc", {"threshold": 0.35})])
def test_every_series_has_its_own_marker_without_colour(kind: str, params: dict) -> None:
    fig = build_figure(kind, params)
    text = render_text(fig, 80, 30)
    markers = _legend_markers(text, [s.label for s in fig.series])
    assert len(set(markers)) == len(markers), markers


def test_prior_posterior_marks_the_three_estimates() -> None:
    fig = build_figure("prior-posterior", {"alpha": 2, "beta": 2, "heads": 5, "tails": 2})
    labels = [s.label for s in fig.series]
    assert labels == ["prior Beta(2, 2)", "posterior Beta(7, 4)", "mean 0.636", "MAP 0.667",
                      "MLE 0.714"]
    assert "Beta(7, 4): mean 0.636" in fig.notes[0]


def test_beta_density_integrates_to_one() -> None:
    x = np.linspace(1e-6, 1 - 1e-6, 200_001)
    for a, b in [(2, 2), (7, 4), (1, 1), (30, 3)]:
        assert np.trapezoid(compute_stats.beta_pdf(x, a, b), x) == pytest.approx(1, abs=1e-4)
    assert compute_stats.beta_mode(7, 4) == pytest.approx(6 / 9)
    assert compute_stats.beta_mode(0.5, 3) is None


def test_roc_area_is_the_pair_probability_with_ties_as_half() -> None:
    rng = np.random.default_rng(5)
    for _ in range(50):
        n = int(rng.integers(2, 40))
        labels = rng.integers(0, 2, n)
        labels[:2] = [0, 1]
        scores = np.round(rng.normal(size=n), 1)
        fpr, tpr, _ = compute_stats.roc_points(labels, scores)
        pos, neg = scores[labels == 1], scores[labels == 0]
        pairs = [(p > q) + 0.5 * (p == q) for p in pos for q in neg]
        assert compute_stats.area_under(fpr, tpr) == pytest.approx(np.mean(pairs), abs=1e-12)


def test_roc_figure_notes_the_area_and_the_threshold() -> None:
    fig = build_figure("roc", {"threshold": 0.35})
    assert fig.notes[0] == "Area under the curve: 0.750."
    assert "true positive rate 1.000, false positive rate 0.500" in fig.notes[1]


def test_training_error_only_falls_and_ridge_tames_the_top_degree() -> None:
    plain = compute_stats.polynomial_errors(10, 12, 100, 0.3, 0)
    assert np.all(np.diff(plain.train) <= 1e-9)
    best = int(np.argmin(plain.validation))
    assert 0 < best < 10 and plain.validation[10] > 10 * plain.validation[best]
    ridged = compute_stats.polynomial_errors(10, 12, 100, 0.3, 0, ridge=1e-3)
    assert ridged.validation[10] < plain.validation[10] / 10
    assert ridged.train[10] >= plain.train[10]
    fig = build_figure("train-validation", {"ridge": 1e-3})
    assert [s.label for s in fig.series] == ["train", "validation", "validation, ridge λ=0.001"]
    assert fig.log_y


def test_posterior_exercise_plot_draws_both_posteriors() -> None:
    fig = comparison_figure(PlotData.from_outputs("prior-posterior", [7, 4, 7 / 11, 7 / 11],
                                                  [7, 4, 7 / 11, 6 / 9], title="Your posterior",
                                                  params={"alpha": 2, "beta": 2}))
    assert [s.label for s in fig.series] == ["prior Beta(2, 2)", "reference Beta(7, 4)",
                                             "yours Beta(7, 4)"]
    assert "Yours: mean 0.6364, mode 0.6364. Reference: mean 0.6364, mode 0.6667." in fig.notes
    text = render_text(fig)
    assert "Your posterior" in text and "yours Beta(7, 4)" in text


@pytest.mark.parametrize("learner", [[0.0, 4.0, 0.0, 0.0], [3.0]])
def test_posterior_exercise_plot_without_a_density_says_why(learner: list[float]) -> None:
    fig = comparison_figure(PlotData.from_outputs("prior-posterior", learner, [7, 4, 0.6, 0.6],
                                                  params={}))
    assert fig.message is not None and "positive Beta parameters" in fig.message


def test_roc_exercise_plot_notes_the_learners_area() -> None:
    fig = comparison_figure(PlotData.from_outputs("roc", [0.5], [0.75]))
    assert fig.message is None
    assert "Your roc_auc: 0.5; the reference's: 0.75." in fig.notes


@pytest.mark.parametrize(("lesson", "title"), [
    ("probability/priors", "Prior and posterior of a coin's p"),
    ("statistics/overfitting", "Train and validation error by polynomial degree"),
    ("statistics/evaluating-a-classifier", "ROC curve"),
])
def test_each_kind_draws_with_tutor_plot(lesson: str, title: str, capsys) -> None:
    from tutor import cli

    args = cli.build_parser({"plot"}).parse_args(["plot", lesson])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert out.count("┌") >= 2  # every plot step of the lesson was drawn
    assert "cannot be drawn" not in out
