"""Linear-algebra plot kinds: a grid under a 2×2 matrix, and singular-value decay.

Pure numpy, from validated params (see ``tutor.lessons.plotspecs``). Every series has
its own marker and a label that says what it is, so the plots read without colour.
"""

from __future__ import annotations

import numpy as np

from tutor.lessons.plotspecs import MatrixGridParams, Params, SingularValuesParams
from tutor.plots.figure import Figure, Series, fmt, series

TITLES: dict[str, str] = {
    "matrix-grid": "A grid and the unit square under a 2×2 matrix",
    "singular-values": "Singular values: random vs low-rank matrix",
}
GRID_SAMPLES = 41  # points along each grid line
SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])


def grid_points(extent: int) -> np.ndarray:
    """Points along the lines x = k and y = k for integer k in [-extent, extent], shape (2, N)."""
    ks = np.arange(-extent, extent + 1, dtype=float)
    t = np.linspace(-extent, extent, GRID_SAMPLES)
    vertical = np.stack([np.repeat(ks, t.size), np.tile(t, ks.size)])
    return np.concatenate([vertical, vertical[::-1]], axis=1)


def along(path: np.ndarray, per_edge: int = 12) -> np.ndarray:
    """Points spaced along a polyline of shape (k, 2), so it can be drawn as markers."""
    pieces = [np.linspace(a, b, per_edge, endpoint=False) for a, b in zip(path[:-1], path[1:],
                                                                          strict=True)]
    return np.concatenate([*pieces, path[-1:]])


def real_eigen(A: np.ndarray) -> list[tuple[float, np.ndarray]]:
    """Real eigenvalues of the 2×2 ``A`` with unit eigenvectors; empty for complex ones."""
    vals, vecs = np.linalg.eig(A)
    if np.any(np.abs(vals.imag) > 1e-12):
        return []
    pairs = [(float(vals.real[i]), vecs.real[:, i]) for i in range(2)]
    if abs(pairs[0][0] - pairs[1][0]) < 1e-12 and abs(np.linalg.det(vecs.real)) < 1e-9:
        return pairs[:1]  # a repeated eigenvalue with one direction (a shear)
    return pairs


def matrix_notes(A: np.ndarray) -> list[str]:
    """What the matrix does, in words: columns, determinant, rank, eigen-directions."""
    (a, b), (c, d) = A.tolist()
    det = a * d - b * c
    notes = [f"Columns: A e₁ = ({fmt(a)}, {fmt(c)}), A e₂ = ({fmt(b)}, {fmt(d)}): "
             "where the unit square's sides land."]
    if abs(det) < 1e-12:
        rank = int(np.linalg.matrix_rank(A))
        notes.append(f"det = 0: rank {rank}; the plane collapses onto "
                     + ("a line." if rank == 1 else "the origin."))
    else:
        flip = " and orientation flips (det < 0)" if det < 0 else ""
        notes.append(f"det = {fmt(det)}: every area is scaled by {fmt(abs(det))}{flip}.")
    pairs = real_eigen(A)
    if not pairs:
        notes.append("No real eigenvectors: every direction is turned.")
    for lam, v in pairs:
        where = f"Eigenvector ({v[0]:.3f}, {v[1]:.3f})"
        if abs(lam) < 1e-9 * max(float(np.abs(A).max()), 1e-300):
            notes.append(f"{where} is sent to 0 (λ = 0).")
        elif lam < 0:
            notes.append(f"{where} stays on its line, reversed: λ = {fmt(lam)}.")
        else:
            notes.append(f"{where} is only stretched, by λ = {fmt(lam)}.")
    return notes


def matrix_grid(spec: Params) -> Figure:
    """The grid (dots) and unit square (line) before, their images (+, x) after A, and the
    real eigen-directions (*): each series has a fixed marker, named in its label."""
    assert isinstance(spec, MatrixGridParams)
    A = np.asarray(spec.matrix, dtype=float)
    before = grid_points(spec.extent)
    after = A @ before
    square = along(SQUARE)
    moved = square @ A.T
    lines: list[Series] = [series("grid before (·)", before[0], before[1], "points", "dot")]
    if spec.eigenvectors:  # under the image grid, which would hide it on a collapse
        reach = float(np.abs(after).max()) or 1.0
        ends = [np.outer(np.linspace(-reach, reach, 2 * GRID_SAMPLES), v) for _, v in
                real_eigen(A)]
        if ends:
            pts = np.concatenate(ends)
            lines.append(series("eigen-directions (*)", pts[:, 0], pts[:, 1], "points", "*"))
    lines += [
        series("grid after A (+)", after[0], after[1], "points", "+"),
        series("unit square before", SQUARE[:, 0], SQUARE[:, 1], "line", "braille"),
        series("unit square after A (x)", moved[:, 0], moved[:, 1], "points", "x"),
    ]
    return Figure(title=TITLES["matrix-grid"], xlabel="x", ylabel="y", series=tuple(lines),
                  notes=tuple(matrix_notes(A)))


def singular_spectra(spec: SingularValuesParams) -> tuple[np.ndarray, np.ndarray]:
    """Singular values, each scaled so the largest is 1, of a Gaussian random matrix and
    of a rank-``rank`` matrix plus Gaussian noise of relative size ``noise``."""
    rng = np.random.default_rng(spec.seed)
    m, n = spec.rows, spec.cols
    random = rng.normal(size=(m, n))
    low = rng.normal(size=(m, spec.rank)) @ rng.normal(size=(spec.rank, n)) / np.sqrt(spec.rank)
    structured = low + spec.noise * rng.normal(size=(m, n))
    spectra = [np.linalg.svd(M, compute_uv=False) for M in (random, structured)]
    return spectra[0] / spectra[0][0], spectra[1] / spectra[1][0]


def kept_share(s: np.ndarray, k: int) -> float:
    """The share of the squared Frobenius norm that the top ``k`` singular values carry."""
    energy = s * s
    return float(energy[:k].sum() / energy.sum())


def singular_values(spec: Params) -> Figure:
    """Singular values against their index: random matrices are not low rank."""
    assert isinstance(spec, SingularValuesParams)
    random, structured = singular_spectra(spec)
    index = np.arange(1, random.size + 1)
    k = spec.rank
    notes = (
        f"Top {k} of {random.size} keep {100 * kept_share(random, k):.2f}% of Σσ² for the "
        f"random matrix, {100 * kept_share(structured, k):.2f}% for the rank-{k} one.",
        "Values are scaled so each matrix's largest is 1.",
    )
    return Figure(
        title=TITLES["singular-values"], xlabel="index i", ylabel="σᵢ / σ₁",
        series=(series(f"random {spec.rows}×{spec.cols}", index, random),
                series(f"rank {k} + noise", index, structured)),
        log_y=spec.log_y, notes=notes,
    )
