"""The plane kinds: optimizer paths over level sets, and a decision boundary (from a
lesson's w and b, or from a learner's trained weights beside the reference's)."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.plotdata import PlotData
from tutor.plots import build_figure, comparison_figure, render_text
from tutor.plots.planes import boundary_line, level_set, optimizer_path, quadratic

POINTS = [[1.0, 2.0], [2.0, 3.0], [3.0, 3.5], [2.5, 1.0], [3.5, 1.5], [4.0, 0.5]]
LABELS = [1, 1, 1, 0, 0, 0]


def test_level_sets_are_level() -> None:
    A = np.array([[2.0, 0.5], [0.5, 1.0]])
    ring = level_set(A, 3.0)
    assert np.allclose([quadratic(A, w) for w in ring], 3.0)


def test_gradient_descent_follows_the_update_rule_and_its_stability_limit() -> None:
    A = np.diag([1.0, 20.0])
    path = optimizer_path(A, np.array([-4.0, 1.5]), "gd", 0.09, 3)
    assert np.allclose(path[1], [-4.0 * 0.91, 1.5 * (1 - 20 * 0.09)])
    assert len(path) == 4
    diverging = optimizer_path(A, np.array([-4.0, 1.5]), "gd", 0.11, 1000)
    assert len(diverging) < 1001  # stopped once it left every sensible range


def test_momentum_keeps_a_velocity() -> None:
    A = np.eye(2)
    path = optimizer_path(A, np.array([1.0, 0.0]), "momentum", 0.1, 2, beta=0.9)
    # v1 = g0 = 1, w1 = 0.9; v2 = 0.9 * 1 + 0.9 = 1.8, w2 = 0.9 - 0.18
    assert np.allclose(path[:, 0], [1.0, 0.9, 0.72])


def test_optimizer_paths_draws_each_path_with_its_own_marker_and_label() -> None:
    params = {"matrix": [[1.0, 0.0], [0.0, 20.0]], "start": [-4.0, 1.5]}
    text = render_text(build_figure("optimizer-paths", params), 80, 30)
    for label in ("level sets of f", "gradient descent (lr=0.09)", "momentum (lr=0.02)",
                  "Adam (lr=0.5)"):
        assert label in text
    for marker in ("oo gradient", "xx momentum", "++ Adam", "·· level"):
        assert marker in text  # the legend shows each series' marker: no colour needed
    assert "condition number 20" in text and "lr < 2 / 20 = 0.1" in text


def test_a_diverging_optimizer_is_named_in_the_notes() -> None:
    fig = build_figure("optimizer-paths", {"matrix": [[1.0, 0.0], [0.0, 20.0]], "lr": 0.2,
                                           "optimizers": ["gd"], "steps": 500})
    assert any("diverged after" in note for note in fig.notes)


def test_boundary_line_solves_w_x_plus_b() -> None:
    w, b = np.array([-1.0, 2.0]), 0.5
    pts = boundary_line(w, b, (0.0, 4.0, 0.0, 4.0))
    assert len(pts) and np.allclose(pts @ w + b, 0.0)
    steep = boundary_line(np.array([3.0, 0.1]), -6.0, (0.0, 4.0, 0.0, 4.0))
    assert len(steep) and np.allclose(steep @ [3.0, 0.1] - 6.0, 0.0)
    assert len(boundary_line(np.zeros(2), 1.0, (0.0, 1.0, 0.0, 1.0))) == 0


def test_lesson_boundary_with_points_of_both_classes() -> None:
    fig = build_figure("decision-boundary", {"points": POINTS, "labels": LABELS,
                                             "w": [-1.0, 1.0], "b": 0.5})
    text = render_text(fig, 80, 24)
    assert "oo label 0" in text and "xx label 1" in text and "boundary w · x + b = 0" in text
    assert "100% of the points on their side" in text


def test_verdict_boundary_draws_the_learners_weights_beside_the_reference() -> None:
    data = PlotData.from_outputs("decision-boundary",
                                 [1.0, -1.0, 0.0, 0.69, 0.8],  # the wrong way round
                                 [-2.3, 3.0, -0.13, 0.69, 0.02], title="Your boundary",
                                 params={"points": POINTS, "labels": LABELS})
    fig = comparison_figure(data)
    assert fig.message is None
    text = render_text(fig, 80, 24)
    assert "your boundary" in text and "reference boundary" in text
    assert "Yours: w = (1, -1), b = 0; 0% of the points on their side." in text
    assert "Final loss: yours 0.8, reference 0.02." in text


@pytest.mark.parametrize("learner", [[1.0, 2.0], [float("nan"), 1.0, 0.0]])
def test_verdict_boundary_without_usable_weights_is_a_message(learner: list[float]) -> None:
    fig = comparison_figure(PlotData.from_outputs("decision-boundary", learner, [1.0, 1.0, 0.0],
                                                  params={}))
    assert fig.message is not None
