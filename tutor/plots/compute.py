"""The numerical work behind the plot kinds: pure numpy, no plotting."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


# --- gradient descent on 1-D least squares -------------------------------------------------

@dataclass(frozen=True)
class DescentRun:
    """Losses of a gradient-descent run: ``losses[i]`` is the MSE before update ``i``."""

    losses: Array
    w: float
    b: float


def descend(x: Array, y: Array, lr: float, steps: int, bias: bool) -> DescentRun:
    """Fit ``y ≈ w x (+ b)`` by MSE from ``w = b = 0``; stops early once the loss blows up."""
    w = b = 0.0
    losses = np.full(steps, np.inf)
    with np.errstate(all="ignore"):
        for i in range(steps):
            r = w * x + b - y
            loss = float(np.mean(r * r))
            losses[i] = loss
            if not math.isfinite(loss):
                break
            grad_w = 2 * float(np.mean(r * x))
            grad_b = 2 * float(np.mean(r)) if bias else 0.0
            w, b = w - lr * grad_w, b - lr * grad_b
    return DescentRun(losses, w, b)


def curvature(x: Array, bias: bool) -> float:
    """Largest eigenvalue of the MSE's Hessian: gradient descent is stable for lr < 2 / it."""
    if not bias:
        return float(2 * np.mean(x * x))
    h = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return float(np.linalg.eigvalsh(h)[-1])


def best_loss(x: Array, y: Array, bias: bool) -> float:
    """The least-squares minimum of the MSE."""
    a = np.column_stack([x, np.ones_like(x)]) if bias else x[:, None]
    coef, *_ = np.linalg.lstsq(a, y, rcond=None)
    return float(np.mean((a @ coef - y) ** 2))


def clip_diverged(losses: Array, ceiling: float) -> tuple[Array, int | None]:
    """Losses up to the first one above ``ceiling`` (or not finite), that one set to the
    ceiling; and the step it happened at, or None when the run stayed below."""
    over = np.flatnonzero(~np.isfinite(losses) | (losses > ceiling))
    if over.size == 0:
        return losses, None
    i = int(over[0])
    return np.append(losses[:i], ceiling), i


# --- coin flips ------------------------------------------------------------------------------

def integer_edges(values: Array, bins: int | None) -> Array:
    """Bin edges for ``values``: one bin per integer when they are few integers, else
    ``bins`` (or an automatic count up to 30) equal bins."""
    lo, hi = float(np.min(values)), float(np.max(values))
    integral = bool(np.all(values == np.round(values)))
    if integral and bins is None and hi - lo <= 40:
        return np.arange(lo - 0.5, hi + 1.5)
    if bins is None:
        bins = int(min(30, max(5, len(np.histogram_bin_edges(values, bins="auto")) - 1)))
    if hi == lo or integral:
        lo, hi = lo - 0.5, hi + 0.5
    return np.linspace(lo, hi, bins + 1)


def fractions(values: Array, edges: Array) -> Array:
    """Fraction of ``values`` falling in each bin."""
    counts, _ = np.histogram(values, bins=edges)
    return counts / max(len(values), 1)


def binomial_pmf(n: int, p: float, k: Array) -> Array:
    """P(K = k) for K ~ Binomial(n, p), for integer ``k`` (0 outside 0..n)."""
    k = np.asarray(k, dtype=float)
    out = np.zeros_like(k)
    ok = (k >= 0) & (k <= n)
    ks = k[ok]
    if p in (0.0, 1.0):
        out[ok] = (ks == (0 if p == 0 else n)).astype(float)
        return out
    logc = np.array([math.lgamma(n + 1) - math.lgamma(v + 1) - math.lgamma(n - v + 1) for v in ks])
    out[ok] = np.exp(logc + ks * math.log(p) + (n - ks) * math.log1p(-p))
    return out


def normal_pdf(x: Array, mu: float, sigma: float) -> Array:
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))


def within_sigmas(k: float) -> float:
    """Probability that a normal value lies within ``k`` standard deviations of its mean."""
    return math.erf(k / math.sqrt(2))


# --- named functions -------------------------------------------------------------------------

def sigmoid(x: Array) -> Array:
    return np.exp(-np.logaddexp(0.0, -x))


def _entropy(p: Array) -> Array:
    with np.errstate(all="ignore"):
        terms = [np.where(q > 0, -q * np.log2(q), 0.0) for q in (p, 1 - p)]
    return terms[0] + terms[1]


_erf = np.vectorize(math.erf, otypes=[float])


def _phi(x: Array) -> Array:
    return 0.5 * (1 + _erf(x / math.sqrt(2)))


@dataclass(frozen=True)
class NamedFunction:
    """A curve from the fixed registry (never author code)."""

    title: str
    label: str
    x_range: tuple[float, float]
    f: Callable[[Array], Array]
    d_label: str | None = None
    df: Callable[[Array], Array] | None = None
    note: str = ""


FUNCTIONS: dict[str, NamedFunction] = {
    "sigmoid": NamedFunction(
        title="Sigmoid and its derivative", label="sigmoid(x)", x_range=(-6, 6), f=sigmoid,
        d_label="sigmoid'(x) = s(1-s)", df=lambda x: sigmoid(x) * (1 - sigmoid(x)),
        note="The slope is at most 0.25 (at x = 0) and near 0 for large |x|.",
    ),
    "tanh": NamedFunction(
        title="Tanh and its derivative", label="tanh(x)", x_range=(-4, 4), f=np.tanh,
        d_label="tanh'(x) = 1 - tanh²", df=lambda x: 1 - np.tanh(x) ** 2,
        note="The slope is at most 1 (at x = 0).",
    ),
    "relu": NamedFunction(
        title="ReLU and its derivative", label="relu(x)", x_range=(-3, 3),
        f=lambda x: np.maximum(x, 0.0), d_label="relu'(x)", df=lambda x: (x > 0).astype(float),
        note="The slope is 1 for x > 0 and 0 for x < 0: it never shrinks.",
    ),
    "softplus": NamedFunction(
        title="Softplus and its derivative", label="softplus(x)", x_range=(-5, 5),
        f=lambda x: np.logaddexp(0.0, x), d_label="softplus'(x) = sigmoid(x)", df=sigmoid,
        note="A smooth relu: its slope is the sigmoid.",
    ),
    "gelu": NamedFunction(
        title="GELU and its derivative", label="gelu(x) = x Φ(x)", x_range=(-4, 4),
        f=lambda x: x * _phi(x), d_label="gelu'(x)",
        df=lambda x: _phi(x) + x * normal_pdf(x, 0.0, 1.0),
        note="Close to relu for large |x|, smooth near 0.",
    ),
    "entropy": NamedFunction(
        title="Entropy of a coin against p", label="H(p) in bits", x_range=(0, 1), f=_entropy,
        note=f"Maximum 1 bit at p = 0.5; a 90/10 coin has "
        f"{float(_entropy(np.array(0.9))):.3f} bits.",
    ),
    "surprise": NamedFunction(
        title="Surprise of an event against its probability", label="surprise -log2 p",
        x_range=(0.01, 1), f=lambda p: -np.log2(p),
        note="Rare events carry more information: p = 1/8 is 3 bits.",
    ),
}


# --- vanishing gradients ---------------------------------------------------------------------

_ACT: dict[str, tuple[Callable[[Array], Array], Callable[[Array, Array], Array]]] = {
    # activation, and its derivative from (pre-activation z, output h)
    "sigmoid": (sigmoid, lambda z, h: h * (1 - h)),
    "tanh": (np.tanh, lambda z, h: 1 - h * h),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z, h: (z > 0).astype(float)),
}


def init_for(activation: str, init: str) -> str:
    """The weight initialisation used: "auto" is He for relu, Xavier otherwise."""
    if init != "auto":
        return init
    return "he" if activation == "relu" else "xavier"


def layer_gradients(activation: str, init: str, depth: int, width: int, batch: int,
                    seed: int) -> Array:
    """Norm of the loss gradient for each layer's weights (layer 1 first) of a deep
    square network on random inputs; loss = half the mean squared output."""
    rng = np.random.default_rng(seed)
    act, dact = _ACT[activation]
    scale = math.sqrt((2.0 if init_for(activation, init) == "he" else 1.0) / width)
    weights = [rng.standard_normal((width, width)) * scale for _ in range(depth)]
    h = rng.standard_normal((batch, width))
    inputs, pre, outs = [], [], []
    with np.errstate(all="ignore"):
        for w in weights:
            inputs.append(h)
            z = h @ w
            h = act(z)
            pre.append(z)
            outs.append(h)
        grad = h / batch
        norms = np.empty(depth)
        for i in range(depth - 1, -1, -1):
            gz = grad * dact(pre[i], outs[i])
            norms[i] = float(np.linalg.norm(inputs[i].T @ gz))
            grad = gz @ weights[i].T
    return norms


def warmup_cosine(steps: Array, total: int, warmup: int, peak: float, low: float) -> Array:
    """The warmup-cosine learning rate at each step (linear warmup, cosine decay to
    ``low`` at ``total``, ``low`` after)."""
    s = np.asarray(steps, dtype=float)
    p = np.clip((s - warmup) / (total - warmup), 0.0, 1.0)
    decay = low + 0.5 * (peak - low) * (1 + np.cos(np.pi * p))
    if warmup > 0:
        return np.where(s < warmup, peak * s / warmup, decay)
    return decay
