"""Plot kinds of the priors, overfitting and classifier-evaluation lessons: lesson
figures from params, and exercise figures of the learner's output beside the reference's.

Every series has its own marker and label, so the plots read without colour.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tutor.lessons.plotspecs import Params
from tutor.lessons.plotspecs_stats import PriorPosteriorParams, RocParams, TrainValidationParams
from tutor.plots import compute_stats
from tutor.plots.figure import Figure, Series, fmt, message_figure, series

TITLES: dict[str, str] = {
    "prior-posterior": "Prior and posterior of a coin's p",
    "train-validation": "Train and validation error by polynomial degree",
    "roc": "ROC curve",
}
MARK_MARKERS = ("+", "x", "*")  # unlike the curves' markers, so the marks stand out
EDGE = 0.002  # Beta densities are drawn on [EDGE, 1 − EDGE]: they may be infinite at 0 and 1


def prior_posterior(spec: Params) -> Figure:
    """The Beta prior, the posterior after the flips, and the MLE, MAP and mean marked."""
    assert isinstance(spec, PriorPosteriorParams)
    a, b = spec.alpha + spec.heads, spec.beta + spec.tails
    x = np.linspace(EDGE, 1 - EDGE, spec.points)
    post = compute_stats.beta_pdf(x, a, b)
    lines = [series(f"prior Beta({fmt(spec.alpha)}, {fmt(spec.beta)})", x,
                    compute_stats.beta_pdf(x, spec.alpha, spec.beta)),
             series(f"posterior Beta({fmt(a)}, {fmt(b)})", x, post)]
    mean = a / (a + b)
    marks = [("mean", mean), ("MAP", compute_stats.beta_mode(a, b))]
    n = spec.heads + spec.tails
    if n:
        marks.append(("MLE", spec.heads / n))
    for (name, where), marker in zip(marks, MARK_MARKERS, strict=False):
        if where is not None and EDGE <= where <= 1 - EDGE:
            height = float(compute_stats.beta_pdf(np.array([where]), a, b)[0])
            lines.append(series(f"{name} {where:.3f}", [where], [height], "points", marker))
    notes = [f"{spec.heads} heads and {spec.tails} tails turn Beta({fmt(spec.alpha)}, "
             f"{fmt(spec.beta)}) into Beta({fmt(a)}, {fmt(b)}): mean {mean:.3f}."]
    return Figure(title=TITLES["prior-posterior"], xlabel="p (probability of heads)",
                  ylabel="density", series=tuple(lines), notes=tuple(notes))


def train_validation(spec: Params) -> Figure:
    """Train and validation MSE against the degree; with ``ridge``, the ridge fit too."""
    assert isinstance(spec, TrainValidationParams)
    args = (spec.max_degree, spec.n_train, spec.n_val, spec.noise, spec.seed)
    plain = compute_stats.polynomial_errors(*args)
    lines = [series("train", plain.degrees, plain.train),
             series("validation", plain.degrees, plain.validation)]
    best = int(np.argmin(plain.validation))
    notes = [f"{spec.n_train} training points: validation error is lowest at degree {best} "
             f"({fmt(float(plain.validation[best]))}); train error only falls."]
    if spec.ridge > 0:
        ridged = compute_stats.polynomial_errors(*args, ridge=spec.ridge)
        lines.append(series(f"validation, ridge λ={fmt(spec.ridge)}", ridged.degrees,
                            ridged.validation))
        top = spec.max_degree
        notes.append(f"At degree {top}, ridge brings validation error from "
                     f"{fmt(float(plain.validation[top]))} to "
                     f"{fmt(float(ridged.validation[top]))}.")
    return Figure(title=TITLES["train-validation"], xlabel="polynomial degree",
                  ylabel="mean squared error", series=tuple(lines), log_y=spec.log_y,
                  notes=tuple(notes))


def roc(spec: Params) -> Figure:
    """The ROC curve of the scores, the chance diagonal, and an optional threshold."""
    assert isinstance(spec, RocParams)
    return _roc_figure(spec, [])


def _roc_figure(spec: RocParams, notes: list[str]) -> Figure:
    fpr, tpr, _ = compute_stats.roc_points(np.array(spec.labels), np.array(spec.scores))
    fpr, tpr = np.append(fpr, 1.0), np.append(tpr, 1.0)
    auc = compute_stats.area_under(fpr, tpr)
    lines = [series(f"area {auc:.3f}", fpr, tpr, "fill"), series("ROC", fpr, tpr),
             series("chance", [0.0, 1.0], [0.0, 1.0])]
    if spec.threshold is not None:
        labels = np.array(spec.labels, dtype=bool)
        flagged = np.array(spec.scores) >= spec.threshold
        t_tpr, t_fpr = flagged[labels].mean(), flagged[~labels].mean()
        lines.append(series(f"score ≥ {fmt(spec.threshold)}", [t_fpr], [t_tpr], "points",
                            MARK_MARKERS[0]))
        notes = [*notes, f"Threshold {fmt(spec.threshold)}: true positive rate {t_tpr:.3f}, "
                 f"false positive rate {t_fpr:.3f}."]
    notes = [f"Area under the curve: {auc:.3f}.", *notes]
    return Figure(title=TITLES["roc"], xlabel="false positive rate",
                  ylabel="true positive rate", series=tuple(lines), ylim=(0.0, 1.05),
                  notes=tuple(notes))


BUILDERS: dict[str, Callable[[Params], Figure]] = {
    "prior-posterior": prior_posterior,
    "train-validation": train_validation,
    "roc": roc,
}


# --- exercise plots: the learner's output beside the reference's ----------------------------

def posterior_beside(spec: Params, learner: np.ndarray, reference: np.ndarray) -> Figure:
    """The posterior Beta(alpha_post, beta_post) the learner returned (its first two
    numbers) beside the reference's, over the prior of the plot's params."""
    assert isinstance(spec, PriorPosteriorParams)
    if len(learner) < 2 or learner[0] <= 0 or learner[1] <= 0:
        return message_figure("", "Your first two values are not positive Beta parameters "
                              "(alpha_post, beta_post), so there is no density to draw.")
    x = np.linspace(EDGE, 1 - EDGE, spec.points)
    lines: list[Series] = [
        series(f"prior Beta({fmt(spec.alpha)}, {fmt(spec.beta)})", x,
               compute_stats.beta_pdf(x, spec.alpha, spec.beta)),
        series(f"reference Beta({fmt(reference[0])}, {fmt(reference[1])})", x,
               compute_stats.beta_pdf(x, float(reference[0]), float(reference[1]))),
        series(f"yours Beta({fmt(learner[0])}, {fmt(learner[1])})", x,
               compute_stats.beta_pdf(x, float(learner[0]), float(learner[1]))),
    ]
    notes = []
    if len(learner) >= 4 and len(reference) >= 4:
        notes.append(f"Yours: mean {learner[2]:.4g}, mode {learner[3]:.4g}. Reference: mean "
                     f"{reference[2]:.4g}, mode {reference[3]:.4g}.")
    return Figure(title="", xlabel="p (probability of heads)", ylabel="density",
                  series=tuple(lines), notes=tuple(notes))


def roc_beside(spec: Params, learner: np.ndarray, reference: np.ndarray) -> Figure:
    """The ROC curve of the plot's labels and scores, with the learner's area noted."""
    assert isinstance(spec, RocParams)
    yours = f"Your roc_auc: {fmt(float(learner[0]))}; the reference's: {fmt(float(reference[0]))}."
    return _roc_figure(spec, [yours])


VERDICT_BUILDERS: dict[str, Callable[[Params, np.ndarray, np.ndarray], Figure]] = {
    "prior-posterior": posterior_beside,
    "roc": roc_beside,
}
