"""Parameters of each plot kind, validated with pydantic (unknown keys are errors).

Every parameter has a default, so ``params: {}`` draws a sensible plot, and the same
model checks a lesson's plot step and an exercise's ``plot:``. The lesson loader calls
:func:`plot_spec_errors`; :func:`parse_params` gives the validated model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import Field, ValidationError, ValidationInfo, field_validator

from tutor.lessons.plotparams import Data, Finite, Params, Positive, Seed, one_each
from tutor.lessons.plotspecs_stats import STATS_SPECS

FunctionName = Literal[
    "sigmoid", "tanh", "relu", "softplus", "gelu", "normal", "entropy", "surprise"
]
FUNCTION_NAMES: tuple[str, ...] = get_args(FunctionName)
WITH_DERIVATIVE: frozenset[str] = frozenset({"sigmoid", "tanh", "relu", "softplus", "gelu"})
UNIT_INTERVAL: frozenset[str] = frozenset({"entropy", "surprise"})


class LeastSquares(Params):
    """A 1-D least-squares problem fitted by gradient descent from zero."""

    x: Data = [1.0, 2.0, 3.0, 4.0, 5.0]
    y: Data = Field(default=[2.1, 3.9, 6.2, 7.8, 10.1], validate_default=True)
    bias: bool = False
    steps: int = Field(default=100, ge=1, le=10_000)
    log_y: bool = False

    _y_each = field_validator("y")(one_each("x", "y has {n} values but x has {m}"))


class LossCurveParams(LeastSquares):
    lr: float = Field(default=0.01, gt=0, le=100)


class LrComparisonParams(LeastSquares):
    lrs: list[Annotated[float, Field(gt=0, le=100)]] = Field(
        default=[0.001, 0.01, 0.1], min_length=1, max_length=6
    )


class HistogramParams(Params):
    n_batches: int = Field(default=1000, ge=1, le=100_000)
    n_flips: int = Field(default=50, ge=1, le=10_000)
    p: float = Field(default=0.5, ge=0, le=1)
    seed: Seed = 0
    bins: int | None = Field(default=None, ge=2, le=100)
    overlay: Literal["normal", "binomial", "both", "none"] = "normal"


class FunctionParams(Params):
    name: FunctionName
    x_min: Finite | None = None
    x_max: Finite | None = None
    mu: Finite = 0.0
    sigma: Positive = 1.0
    derivative: bool = True
    points: int = Field(default=200, ge=20, le=2000)

    @field_validator("x_min", "x_max")
    @classmethod
    def _range(cls, v: float | None, info: ValidationInfo) -> float | None:
        if v is None:
            return v
        name = info.data.get("name")
        if name in UNIT_INTERVAL and not 0 <= v <= 1:
            raise ValueError(f"{name} is defined for p in [0, 1]")
        lo = info.data.get("x_min")
        if info.field_name == "x_max" and lo is not None and v <= lo:
            raise ValueError(f"x_max ({v:g}) must be greater than x_min ({lo:g})")
        return v

    @field_validator("mu", "sigma")
    @classmethod
    def _normal_only(cls, v: float, info: ValidationInfo) -> float:
        name = info.data.get("name")
        if name is not None and name != "normal":
            raise ValueError(f"{info.field_name} applies only to name: normal")
        return v

    @field_validator("derivative")
    @classmethod
    def _has_derivative(cls, v: bool, info: ValidationInfo) -> bool:
        name = info.data.get("name")
        if v and name is not None and name not in WITH_DERIVATIVE:
            raise ValueError(
                f"derivative applies only to {', '.join(sorted(WITH_DERIVATIVE))}"
            )
        return v


Row2 = Annotated[list[Annotated[float, Field(ge=-10, le=10, allow_inf_nan=False)]],
                 Field(min_length=2, max_length=2)]


class MatrixGridParams(Params):
    """A 2-D grid and the unit square before and after a 2×2 matrix."""

    matrix: Annotated[list[Row2], Field(min_length=2, max_length=2)] = [[2.0, 1.0], [1.0, 2.0]]
    extent: int = Field(default=2, ge=1, le=5)
    eigenvectors: bool = True


class SingularValuesParams(Params):
    """Singular values of a random matrix beside a low-rank one plus noise."""

    rows: int = Field(default=60, ge=2, le=300)
    cols: int = Field(default=40, ge=2, le=300)
    rank: int = Field(default=5, ge=1, le=300, validate_default=True)
    noise: float = Field(default=0.01, ge=0, le=1, allow_inf_nan=False)
    seed: Seed = 0
    log_y: bool = True

    @field_validator("rank")
    @classmethod
    def _within_shape(cls, v: int, info: ValidationInfo) -> int:
        rows, cols = info.data.get("rows"), info.data.get("cols")
        if rows is not None and cols is not None and v > min(rows, cols):
            raise ValueError(f"rank ({v}) must be at most min(rows, cols) = {min(rows, cols)}")
        return v


class BarParams(Params):
    logits: list[Finite] = Field(default=[2.0, 1.0, 0.1], min_length=2, max_length=12)
    temperatures: list[Positive] = Field(default=[0.5, 1.0, 5.0], min_length=1, max_length=4)
    labels: list[Annotated[str, Field(min_length=1, max_length=12)]] | None = None

    @field_validator("labels")
    @classmethod
    def _one_per_logit(cls, v: list[str] | None, info: ValidationInfo) -> list[str] | None:
        logits = info.data.get("logits")
        if v is not None and logits is not None and len(v) != len(logits):
            raise ValueError(f"{len(v)} labels for {len(logits)} logits")
        return v


class ScheduleParams(Params):
    warmup_steps: int = Field(default=100, ge=0, le=1_000_000)
    total_steps: int = Field(default=1000, ge=1, le=1_000_000, validate_default=True)
    peak_lr: Positive = 1e-3
    min_lr: float = Field(default=0.0, ge=0, allow_inf_nan=False)

    @field_validator("total_steps")
    @classmethod
    def _after_warmup(cls, v: int, info: ValidationInfo) -> int:
        warmup = info.data.get("warmup_steps")
        if warmup is not None and v <= warmup:
            raise ValueError(f"total_steps ({v}) must be greater than warmup_steps ({warmup})")
        return v

    @field_validator("min_lr")
    @classmethod
    def _below_peak(cls, v: float, info: ValidationInfo) -> float:
        peak = info.data.get("peak_lr")
        if peak is not None and v > peak:
            raise ValueError(f"min_lr ({v:g}) must not exceed peak_lr ({peak:g})")
        return v


class GradientDepthParams(Params):
    depth: int = Field(default=20, ge=2, le=100)
    width: int = Field(default=32, ge=2, le=128)
    batch: int = Field(default=16, ge=1, le=64)
    seed: Seed = 0
    activations: list[Literal["sigmoid", "tanh", "relu"]] = Field(
        default=["sigmoid", "relu"], min_length=1, max_length=3
    )
    init: Literal["auto", "xavier", "he"] = "auto"
    log_y: bool = True

    @field_validator("activations")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("each activation may appear once")
        return v


Pair = Annotated[list[Finite], Field(min_length=2, max_length=2)]
OptimizerName = Literal["gd", "momentum", "adam"]


class OptimizerPathsParams(Params):
    """f(w) = ½ wᵀ A w on the plane, minimum at 0; each optimizer starts at ``start``."""

    matrix: Annotated[list[Pair], Field(min_length=2, max_length=2)] = [[1.0, 0.0],
                                                                        [0.0, 10.0]]
    start: Pair = [-4.0, 2.0]
    optimizers: list[OptimizerName] = Field(default=["gd", "momentum", "adam"],
                                            min_length=1, max_length=3)
    lr: float = Field(default=0.09, gt=0, le=10, description="gradient descent")
    momentum_lr: float | None = Field(default=0.02, gt=0, le=10,
                                      description="momentum; None: lr")
    beta: float = Field(default=0.9, ge=0, lt=1, description="momentum")
    adam_lr: float = Field(default=0.5, gt=0, le=10)
    steps: int = Field(default=40, ge=1, le=1000)
    levels: int = Field(default=5, ge=1, le=10)

    @field_validator("matrix")
    @classmethod
    def _symmetric_positive(cls, v: list[list[float]]) -> list[list[float]]:
        (a, b), (b2, c) = v
        if b != b2:
            raise ValueError("matrix must be symmetric ([[a, b], [b, c]])")
        if a <= 0 or a * c - b * b <= 0:
            raise ValueError("matrix must be positive definite (both eigenvalues > 0), so "
                             "that the quadratic has a minimum")
        return v

    @field_validator("optimizers")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("each optimizer may appear once")
        return v


class DecisionBoundaryParams(Params):
    """Two classes of 2-D points and, for a lesson step, the line w · x + b = 0."""

    points: list[Pair] = Field(default=[[1.0, 2.0], [2.0, 3.0], [3.0, 3.5], [2.5, 1.0],
                                        [3.5, 1.5], [4.0, 0.5]], min_length=2, max_length=500)
    labels: list[Literal[0, 1]] = Field(default=[1, 1, 1, 0, 0, 0], validate_default=True)
    w: Pair | None = None
    b: Finite = 0.0

    _labels_each = field_validator("labels")(one_each("points", "{n} labels for {m} points"))


SPECS: dict[str, type[Params]] = {
    "loss-curve": LossCurveParams,
    "lr-comparison": LrComparisonParams,
    "histogram": HistogramParams,
    "function": FunctionParams,
    "matrix-grid": MatrixGridParams,
    "singular-values": SingularValuesParams,
    "bar": BarParams,
    "schedule": ScheduleParams,
    "gradient-depth": GradientDepthParams,
    "optimizer-paths": OptimizerPathsParams,
    "decision-boundary": DecisionBoundaryParams,
}
SPECS |= STATS_SPECS
PLOT_KINDS: tuple[str, ...] = tuple(SPECS)


class PlotSpecError(ValueError):
    """Unknown plot kind or bad params; ``errors`` as from :func:`plot_spec_errors`."""

    def __init__(self, kind: str, errors: list[tuple[str, str]]) -> None:
        self.kind = kind
        self.errors = errors
        detail = "; ".join(f"{k}: {m}" if k else m for k, m in errors)
        super().__init__(f"plot {kind!r}: {detail}")


def parse_params(kind: str, params: dict[str, Any] | None) -> Params:
    """The validated parameters of ``kind``; raises :class:`PlotSpecError`."""
    errors = plot_spec_errors(kind, params or {})
    if errors:
        raise PlotSpecError(kind, errors)
    return SPECS[kind].model_validate(params or {})


def plot_spec_errors(kind: str, params: Any) -> list[tuple[str, str]]:
    """Problems with a plot spec as ``(key path within params, message)``.

    An unknown kind is reported with key path ``"kind"``; list items are numbered
    from 0 in the path (``lrs.2``). An empty list means the spec is good.
    """
    model = SPECS.get(kind)
    if model is None:
        return [("kind", f"unknown plot kind {kind!r}; known kinds: {', '.join(PLOT_KINDS)}")]
    if not isinstance(params, dict):
        return [("", f"params must be a mapping of names to values, not {type(params).__name__}")]
    try:
        model.model_validate(params)
    except ValidationError as exc:
        return [_describe(kind, model, err) for err in exc.errors()]
    return []


def _describe(kind: str, model: type[Params], err: Any) -> tuple[str, str]:
    path = ".".join(str(part) for part in err["loc"])
    if err["type"] == "extra_forbidden":
        known = ", ".join(model.model_fields)
        return path, f"unknown parameter {path!r} for plot kind {kind!r}; known: {known}"
    if err["type"] == "missing":
        return path, f"missing parameter {path!r} (required by plot kind {kind!r})"
    message = str(err["msg"])
    return path, message.removeprefix("Value error, ")
