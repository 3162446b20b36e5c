"""Plot params: every kind validates its params with located, readable errors."""

from __future__ import annotations

import pytest

from tutor.lessons.plotspecs import PlotSpecError, parse_params
from tutor.plots import PLOT_KINDS, plot_spec_errors

MINIMAL = {kind: {} for kind in PLOT_KINDS} | {"function": {"name": "sigmoid"}}

GOOD = [
    ("loss-curve", {"x": [1, 2, 3], "y": [2, 4, 6.5], "lr": 0.05, "steps": 50, "bias": True}),
    ("lr-comparison", {"lrs": [0.001, 0.01, 0.1], "steps": 100, "log_y": True}),
    ("histogram", {"n_batches": 500, "n_flips": 20, "p": 0.3, "seed": 7, "overlay": "both"}),
    ("function", {"name": "normal", "mu": 1.0, "sigma": 2.0, "derivative": False}),
    ("function", {"name": "entropy", "x_min": 0.0, "x_max": 1.0}),
    ("function", {"name": "tanh", "x_min": -3, "x_max": 3, "points": 100}),
    ("bar", {"logits": [2, 1, 0.1], "temperatures": [0.5, 5], "labels": ["cat", "dog", "eel"]}),
    ("schedule", {"total_steps": 500, "warmup_steps": 0, "peak_lr": 0.1, "min_lr": 0.01}),
    ("gradient-depth", {"depth": 10, "activations": ["tanh"], "init": "he", "seed": 3}),
    ("optimizer-paths", {"matrix": [[2, 1], [1, 3]], "start": [1, -1], "optimizers": ["adam"],
                         "adam_lr": 0.1, "steps": 200, "levels": 3}),
    ("decision-boundary", {"points": [[0, 0], [1, 1]], "labels": [0, 1], "w": [1, 1], "b": -1}),
]

BAD = [
    ("loss-curve", {"lr": 0}, "lr", "greater than 0"),
    ("loss-curve", {"x": [1, 2], "y": [1, 2, 3]}, "y", "y has 3 values but x has 2"),
    ("loss-curve", {"learning_rate": 0.1}, "learning_rate", "unknown parameter"),
    ("lr-comparison", {"lrs": [0.1, -1.0]}, "lrs.1", "greater than 0"),
    ("lr-comparison", {"lrs": []}, "lrs", "at least 1"),
    ("histogram", {"p": 1.5}, "p", "less than or equal to 1"),
    ("histogram", {"overlay": "poisson"}, "overlay", "normal"),
    ("histogram", {"n_flips": ".inf"}, "n_flips", "integer"),
    ("function", {}, "name", "missing parameter"),
    ("function", {"name": "exp"}, "name", "sigmoid"),
    ("function", {"name": "sigmoid", "mu": 1}, "mu", "only to name: normal"),
    ("function", {"name": "normal", "sigma": 0}, "sigma", "greater than 0"),
    ("function", {"name": "entropy", "x_max": 2}, "x_max", "[0, 1]"),
    ("function", {"name": "relu", "x_min": 1, "x_max": -1}, "x_max", "greater than x_min"),
    ("function", {"name": "entropy", "derivative": True}, "derivative", "applies only to"),
    ("bar", {"logits": [1.0, 2.0], "labels": ["a"]}, "labels", "1 labels for 2 logits"),
    ("bar", {"temperatures": [0.0]}, "temperatures.0", "greater than 0"),
    ("bar", {"logits": [1.0, float("nan")]}, "logits.1", "finite"),
    ("schedule", {"warmup_steps": 2000}, "total_steps", "greater than warmup_steps"),
    ("schedule", {"min_lr": 1.0, "peak_lr": 0.5}, "min_lr", "must not exceed peak_lr"),
    ("gradient-depth", {"activations": ["relu", "relu"]}, "activations", "once"),
    ("gradient-depth", {"depth": 1}, "depth", "greater than or equal to 2"),
    ("optimizer-paths", {"matrix": [[1, 2], [0, 1]]}, "matrix", "symmetric"),
    ("optimizer-paths", {"matrix": [[1, 2], [2, 1]]}, "matrix", "positive definite"),
    ("optimizer-paths", {"matrix": [[1, 0, 0], [0, 1, 0]]}, "matrix.0", "at most 2"),
    ("optimizer-paths", {"optimizers": ["gd", "gd"]}, "optimizers", "once"),
    ("optimizer-paths", {"optimizers": ["sgd"]}, "optimizers.0", "gd"),
    ("optimizer-paths", {"start": [1.0]}, "start", "at least 2"),
    ("decision-boundary", {"points": [[0, 0], [1, 1]], "labels": [1]}, "labels",
     "1 labels for 2 points"),
    ("decision-boundary", {"labels": [0, 1, 2, 0, 1, 0]}, "labels.2", "0 or 1"),
]


def test_kinds_are_listed() -> None:
    assert PLOT_KINDS == (
        "loss-curve", "lr-comparison", "histogram", "function", "matrix-grid",
        "singular-values", "bar", "schedule", "gradient-depth", "optimizer-paths",
        "decision-boundary", "prior-posterior", "train-validation", "roc",
    )
    assert {"prior-posterior", "train-validation", "roc"} <= set(PLOT_KINDS)
    assert len(set(PLOT_KINDS)) == len(PLOT_KINDS)


@pytest.mark.parametrize("kind", PLOT_KINDS)
def test_minimal_params_are_valid(kind: str) -> None:
    assert plot_spec_errors(kind, MINIMAL[kind]) == []


@pytest.mark.parametrize(("kind", "params"), GOOD)
def test_good_params(kind: str, params: dict) -> None:
    assert plot_spec_errors(kind, params) == []


@pytest.mark.parametrize(("kind", "params", "key", "fragment"), BAD)
def test_bad_params_are_located(kind: str, params: dict, key: str, fragment: str) -> None:
    errors = plot_spec_errors(kind, params)
    assert key in [k for k, _ in errors], errors
    message = dict(errors)[key]
    assert fragment in message
    assert not message.startswith("Value error")


def test_unknown_kind_names_the_known_ones() -> None:
    [(key, message)] = plot_spec_errors("scatter", {})
    assert key == "kind"
    assert "'scatter'" in message and "loss-curve" in message and "gradient-depth" in message


def test_params_must_be_a_mapping() -> None:
    [(key, message)] = plot_spec_errors("bar", [1, 2])
    assert key == "" and "mapping" in message


def test_several_errors_are_all_reported() -> None:
    errors = plot_spec_errors("schedule", {"peak": 1, "total_steps": 10, "warmup_steps": 50})
    assert {k for k, _ in errors} == {"peak", "total_steps"}


def test_parse_params_raises_with_the_errors() -> None:
    with pytest.raises(PlotSpecError) as info:
        parse_params("bar", {"logits": [1.0]})
    assert info.value.errors[0][0] == "logits"
