"""Every kind renders as plain text at 80x24 with its title and legend."""

from __future__ import annotations

import re

import plotext
import pytest

from tutor.plots import PLOT_KINDS, Figure, Series, build_figure, render_text
from tutor.plots.kinds import DEFAULT_TITLES

ANSI = re.compile(r"\x1b\[")
EXAMPLES = [(kind, {}) for kind in PLOT_KINDS if kind != "function"] + [
    ("function", {"name": name})
    for name in ("sigmoid", "tanh", "relu", "softplus", "gelu", "normal", "entropy", "surprise")
]


def _fits(text: str, width: int = 80, height: int = 24) -> None:
    lines = text.splitlines()
    assert len(lines) <= height
    assert max(len(line) for line in lines) <= width


@pytest.mark.parametrize(("kind", "params"), EXAMPLES)
def test_renders_title_legend_and_fits(kind: str, params: dict, capsys) -> None:
    fig = build_figure(kind, params)
    assert fig.message is None
    text = render_text(fig)
    assert fig.title in text
    for s in fig.series:
        assert s.label in text
    _fits(text)
    assert not ANSI.search(text)
    assert capsys.readouterr() == ("", "")  # nothing went to the real terminal


def test_default_titles_and_explicit_title() -> None:
    assert build_figure("schedule", {}).title == DEFAULT_TITLES["schedule"]
    fig = build_figure("schedule", {}, title="My schedule")
    assert fig.title == "My schedule"
    assert "My schedule" in render_text(fig)


def test_axis_labels_are_drawn() -> None:
    text = render_text(build_figure("loss-curve", {}))
    assert "step" in text and "MSE loss" in text


def test_colour_only_when_asked() -> None:
    fig = build_figure("bar", {})
    assert ANSI.search(render_text(fig, color=True))
    assert not ANSI.search(render_text(fig, color=False))


def test_global_plotext_state_is_cleared_between_figures() -> None:
    render_text(build_figure("lr-comparison", {}))
    text = render_text(build_figure("schedule", {}))
    assert "lr=0.1" not in text and "crawls" not in text
    # and nothing is left behind for other users of plotext's global figure
    assert plotext.uncolorize(plotext.build()).count("lr=") == 0


def test_other_sizes() -> None:
    fig = build_figure("function", {"name": "sigmoid"})
    _fits(render_text(fig, width=60, height=16), 60, 16)
    _fits(render_text(fig, width=120, height=40), 120, 40)


def test_facts_from_the_curriculum_are_in_the_notes() -> None:
    notes = " ".join(build_figure("loss-curve", {}).notes)
    assert "w = 2.0036" in notes and "0.09091" in notes
    bar_notes = build_figure("bar", {}).notes
    assert "T=0.5: 0.864 0.117 0.019" in bar_notes
    assert "T=5: 0.400 0.327 0.273" in bar_notes
    assert "0.469 bits" in build_figure("function", {"name": "entropy"}).notes[0]


def test_lr_comparison_marks_divergence_and_clips() -> None:
    fig = build_figure("lr-comparison", {"lrs": [0.001, 0.01, 0.1]})
    labels = [s.label for s in fig.series]
    assert labels == ["lr=0.001 (crawls)", "lr=0.01 (converges)", "lr=0.1 (diverged)"]
    diverged = fig.series[2]
    assert len(diverged.y) < 100 and max(diverged.y) == fig.ylim[1]


def test_diverging_loss_curve_is_clipped_not_inf() -> None:
    fig = build_figure("loss-curve", {"lr": 0.5, "steps": 500})
    assert "diverged" in fig.series[0].label
    assert all(abs(v) < 1e6 for v in fig.series[0].y)
    assert "diverged" in render_text(fig)


def test_histogram_is_reproducible_and_seeded() -> None:
    a = build_figure("histogram", {"seed": 1})
    assert a == build_figure("histogram", {"seed": 1})
    assert a != build_figure("histogram", {"seed": 2})
    assert abs(sum(a.series[0].y) - 1) < 1e-9


def test_gradient_depth_shows_vanishing_sigmoid_gradients() -> None:
    fig = build_figure("gradient-depth", {})
    sigmoid, relu = fig.series
    assert sigmoid.y[0] < 1e-6 * sigmoid.y[-1]
    assert 0.1 < relu.y[0] / relu.y[-1] < 10
    assert "1e-" in render_text(fig)  # log axis ticks


def test_bad_params_give_a_message_figure() -> None:
    fig = build_figure("bar", {"logits": "many"})
    assert fig.message and "logits" in fig.message
    assert "logits" in render_text(fig)
    assert build_figure("nope", {}).message


@pytest.mark.parametrize(
    "series",
    [
        (),
        (Series("empty", (), ()),),
        (Series("nan", (0.0, 1.0), (float("nan"), float("inf"))),),
    ],
)
def test_nothing_drawable_gives_a_message(series: tuple[Series, ...]) -> None:
    text = render_text(Figure(title="Empty", series=series))
    assert "Empty" in text and "Nothing to plot" in text


def test_message_is_wrapped_to_width() -> None:
    text = render_text(Figure(title="T", message="word " * 60), width=40, height=24)
    _fits(text, 40, 24)


def test_non_finite_points_are_skipped_when_others_remain() -> None:
    fig = Figure(title="Partial", series=(Series("s", (0, 1, 2), (1.0, float("nan"), 3.0)),))
    assert "Partial" in render_text(fig)


def test_log_axis_without_positive_values_is_a_message() -> None:
    fig = Figure(title="Log", series=(Series("s", (0, 1), (0.0, -1.0)),), log_y=True)
    assert "Nothing to plot" in render_text(fig)


def test_step_axes_get_round_integer_ticks() -> None:
    text = render_text(build_figure("loss-curve", {}))
    ticks_line = next(line for line in text.splitlines() if " 20 " in line)
    assert "40" in ticks_line and "24.8" not in text
