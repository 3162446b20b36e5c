"""Parameters of the plot kinds of the probability and statistics lessons on priors,
overfitting and classifier evaluation (registered in :mod:`tutor.lessons.plotspecs`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from tutor.lessons.plotparams import Finite, Params, Positive, Seed, one_each


class PriorPosteriorParams(Params):
    """A Beta(alpha, beta) prior on a coin's p, updated by ``heads`` and ``tails``."""

    alpha: Positive = 2.0
    beta: Positive = 2.0
    heads: int = Field(default=5, ge=0, le=1_000_000)
    tails: int = Field(default=2, ge=0, le=1_000_000)
    points: int = Field(default=200, ge=20, le=2000)


class TrainValidationParams(Params):
    """Polynomials of degree 0..``max_degree`` fitted to noisy samples of sin(πx)."""

    max_degree: int = Field(default=10, ge=1, le=15)
    n_train: int = Field(default=12, ge=3, le=500)
    n_val: int = Field(default=100, ge=3, le=5000)
    noise: Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)] = 0.3
    seed: Seed = 0
    ridge: Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)] = 0.0
    log_y: bool = True


Label = Annotated[int, Field(ge=0, le=1)]


class RocParams(Params):
    """The ROC curve of ``scores`` against 0/1 ``labels`` (both classes present)."""

    labels: list[Label] = Field(default=[0, 0, 1, 1], min_length=2, max_length=2000)
    scores: list[Finite] = Field(default=[0.1, 0.4, 0.35, 0.8], min_length=2,
                                 max_length=2000, validate_default=True)
    threshold: Finite | None = None

    @field_validator("labels")
    @classmethod
    def _both_classes(cls, v: list[int]) -> list[int]:
        if len(set(v)) != 2:
            raise ValueError("labels need both classes, 0 and 1")
        return v

    _scores_each = field_validator("scores")(one_each("labels", "{n} scores for {m} labels"))


STATS_SPECS: dict[str, type[Params]] = {
    "prior-posterior": PriorPosteriorParams,
    "train-validation": TrainValidationParams,
    "roc": RocParams,
}
