"""The linear-algebra plot kinds: a grid under a 2×2 matrix, singular-value decay."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.lessons.plotspecs import SingularValuesParams
from tutor.plots import build_figure, plot_spec_errors, render_text
from tutor.plots.geometry import grid_points, kept_share, singular_spectra


def _series(fig, label_start: str):
    (found,) = [s for s in fig.series if s.label.startswith(label_start)]
    return np.array(found.x), np.array(found.y)


def test_grid_is_mapped_by_the_matrix() -> None:
    A = np.array([[2.0, 1.0], [0.5, -1.0]])
    fig = build_figure("matrix-grid", {"matrix": A.tolist(), "extent": 1})
    bx, by = _series(fig, "grid before")
    ax, ay = _series(fig, "grid after")
    assert np.allclose(A @ np.stack([bx, by]), np.stack([ax, ay]))
    assert {float(v) for v in bx[:: grid_points(1).shape[1] // 6]} <= {-1.0, 0.0, 1.0}
    sx, sy = _series(fig, "unit square after")
    corners = {(round(x, 9), round(y, 9)) for x, y in zip(sx, sy, strict=True)}
    assert {(0.0, 0.0), (2.0, 0.5), (1.0, -1.0), (3.0, -0.5)} <= corners


@pytest.mark.parametrize(
    ("matrix", "words"),
    [
        ([[2, 1], [1, 2]], ["det = 3", "by λ = 3", "by λ = 1"]),
        ([[0, -1], [1, 0]], ["det = 1", "No real eigenvectors"]),
        ([[1, 2], [0.5, 1]], ["det = 0: rank 1", "onto a line", "sent to 0 (λ = 0)"]),
        ([[0, 1], [1, 0]], ["det = -1", "orientation flips", "reversed: λ = -1."]),
        ([[1, 1], [0, 1]], ["det = 1", "(1.000, 0.000) is only stretched, by λ = 1."]),
    ],
)
def test_notes_say_what_the_matrix_does(matrix: list, words: list[str]) -> None:
    notes = " ".join(build_figure("matrix-grid", {"matrix": matrix}).notes)
    for w in words:
        assert w in notes


def test_eigen_directions_are_stretched_only() -> None:
    fig = build_figure("matrix-grid", {"matrix": [[3, 1], [0, 2]]})
    ex, ey = _series(fig, "eigen-directions")
    pts = np.stack([ex, ey])
    images = np.array([[3, 1], [0, 2]]) @ pts
    cross = pts[0] * images[1] - pts[1] * images[0]  # 0 when the image is parallel
    assert np.allclose(cross, 0, atol=1e-9)
    assert not any(s.label.startswith("eigen") for s in
                   build_figure("matrix-grid", {"eigenvectors": False}).series)


def test_matrix_grid_reads_without_colour() -> None:
    fig = build_figure("matrix-grid", {})
    text = render_text(fig, width=80, height=30)
    for s in fig.series:
        assert s.label in text
    styles = [s.style for s in fig.series]
    assert styles.count("line") <= 1  # the rest are points, each with its own marker
    assert "\x1b[" not in text


@pytest.mark.parametrize(
    ("params", "key", "fragment"),
    [
        ({"matrix": [[1, 2, 3], [4, 5, 6]]}, "matrix.0", "at most 2"),
        ({"matrix": [[1, 2]]}, "matrix", "at least 2"),
        ({"matrix": [[1, float("nan")], [0, 1]]}, "matrix.0.1", "finite"),
        ({"extent": 9}, "extent", "less than or equal to 5"),
    ],
)
def test_matrix_grid_bad_params(params: dict, key: str, fragment: str) -> None:
    errors = plot_spec_errors("matrix-grid", params)
    assert errors and errors[0][0] == key and fragment in errors[0][1], errors


def test_random_matrices_are_not_low_rank() -> None:
    spec = SingularValuesParams(rows=60, cols=40, rank=5, noise=0.01, seed=3)
    random, structured = singular_spectra(spec)
    assert random[0] == structured[0] == 1.0
    assert np.all(np.diff(random) <= 0) and np.all(np.diff(structured) <= 0)
    assert kept_share(structured, 5) > 0.999
    assert kept_share(random, 5) < 0.5
    assert structured[5] < 0.01 < random[5]
    fig = build_figure("singular-values", {"rows": 60, "cols": 40, "rank": 5, "seed": 3})
    assert fig.log_y and len(fig.series[0].x) == 40
    assert f"{100 * kept_share(random, 5):.2f}%" in fig.notes[0]


def test_singular_values_rank_must_fit() -> None:
    errors = plot_spec_errors("singular-values", {"rows": 10, "cols": 4, "rank": 6})
    assert errors == [("rank", "rank (6) must be at most min(rows, cols) = 4")]
