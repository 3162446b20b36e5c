"""The shipped course keeps the public exercise contracts of the curriculum exactly.

The list is copied from shared/curriculum.md on purpose: tests must not read
outside the repository, and a change to a contract should be a visible diff.
"""

from __future__ import annotations

import ast

import pytest

from tutor.lessons.loader import Course, load_course
from tutor.lessons.model import PILLARS
from tutor.paths import builtin_lessons_dir

# (exercise id, entry-point function, other functions graded with it, positional parameters)
CONTRACTS: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("linear-algebra/dot-product", "dot", (), ("a", "b")),
    ("linear-algebra/cosine-similarity", "cosine_similarity", (), ("a", "b")),
    ("linear-algebra/matmul", "matmul", (), ("A", "B")),
    ("linear-algebra/vectorized-matmul", "matmul_fast", (), ("A", "B")),
    ("linear-algebra/dense-layer", "dense", (), ("X", "W", "b")),
    ("linear-algebra/norms", "norms", (), ("v",)),
    ("linear-algebra/pca", "pca", (), ("X", "k")),
    ("linear-algebra/low-rank", "low_rank", (), ("A", "k")),
    ("linear-algebra/attention", "attention", (), ("Q", "K", "V")),
    ("linear-algebra/projection", "project", (), ("a", "b")),
    ("linear-algebra/power-iteration", "power_iteration", (), ("A", "v0", "iters")),
    ("linear-algebra/conv1d", "conv1d", (), ("x", "w")),
    ("linear-algebra/pca-reconstruct", "pca_reconstruct", (), ("X", "k")),
    ("calculus/numerical-derivative", "derivative", (), ("f", "x", "h")),
    ("calculus/numerical-gradient", "numerical_gradient", (), ("f", "w", "h")),
    ("calculus/sigmoid", "sigmoid", ("sigmoid_grad",), ("z",)),
    ("calculus/chain-rule", "grad_W", (), ("W", "x", "y")),
    ("calculus/backprop", "two_layer_grads", (), ("X", "y", "W1", "b1", "W2", "b2")),
    ("calculus/softmax-jacobian", "softmax_jacobian", (), ("z",)),
    ("calculus/logistic-gradient", "logistic_grad", (), ("X", "y", "w", "b")),
    ("probability/bayes", "posterior", (), ("prior", "sensitivity", "false_positive_rate")),
    ("probability/softmax", "softmax", (), ("z",)),
    ("probability/temperature", "softmax_t", (), ("z", "T")),
    ("probability/expectation", "expectation", ("variance",), ("values", "probs")),
    ("probability/normal-pdf", "normal_pdf", (), ("x", "mu", "sigma")),
    ("probability/mle-coin", "mle_bernoulli", (), ("flips",)),
    ("probability/coin-simulation", "simulate_heads", (), ("n_batches", "n_flips", "rng")),
    ("statistics/describe", "describe", (), ("data",)),
    ("statistics/standardize", "standardize", (), ("X",)),
    ("statistics/confidence-interval", "mean_ci", (), ("data", "confidence")),
    ("statistics/t-test", "t_test", (), ("a", "b")),
    ("statistics/correlation", "pearson_r", (), ("x", "y")),
    ("statistics/r-squared", "r_squared", (), ("y", "y_pred")),
    ("statistics/baseline", "majority_baseline", (), ("labels",)),
    ("optimization/gradient-descent", "gradient_descent", (), ("X", "y", "lr", "epochs")),
    ("optimization/fit-slope", "fit_slope", (), ("x", "y", "lr", "steps")),
    ("optimization/normal-equation", "normal_equation", (), ("X", "y")),
    ("optimization/momentum", "momentum_step", (), ("w", "grad", "v", "lr", "beta")),
    (
        "optimization/adam",
        "adam_step",
        (),
        ("w", "grad", "m", "v", "t", "lr", "beta1", "beta2", "eps"),
    ),
    (
        "optimization/lr-schedule",
        "warmup_cosine",
        (),
        ("step", "total_steps", "warmup_steps", "peak_lr", "min_lr"),
    ),
    ("optimization/ridge", "ridge", (), ("X", "y", "lam")),
    ("optimization/logistic-regression", "train_logistic", (), ("X", "y", "lr", "epochs")),
    ("optimization/grad-clipping", "clip_grad_norm", (), ("grads", "max_norm")),
    ("information-theory/entropy", "entropy", (), ("p", "base")),
    ("information-theory/binary-cross-entropy", "bce", (), ("y_true", "y_pred")),
    ("information-theory/cross-entropy", "cross_entropy", (), ("logits", "targets")),
    ("information-theory/kl-divergence", "kl_divergence", (), ("p", "q")),
    ("information-theory/mutual-information", "mutual_information", (), ("joint",)),
    ("information-theory/gini", "gini", (), ("labels",)),
    ("information-theory/perplexity", "perplexity", (), ("logits", "targets")),
    # wave 2: probability and statistics
    ("probability/beta-bernoulli", "beta_posterior", (), ("alpha", "beta", "flips")),
    ("probability/top-k", "top_k_probs", (), ("logits", "k")),
    ("probability/top-p", "top_p_probs", (), ("logits", "p")),
    ("probability/monte-carlo", "estimate_tail", (), ("n", "k", "p", "trials", "rng")),
    ("statistics/k-fold", "kfold_indices", (), ("n", "k")),
    ("statistics/classification-metrics", "precision_recall_f1", (), ("y_true", "y_pred")),
    ("statistics/roc-auc", "roc_auc", (), ("y_true", "scores")),
    ("statistics/bootstrap", "bootstrap_ci", (), ("data", "n_boot", "confidence", "rng")),
]


# (exercise id, class, methods the reference defines) for exercises whose entry is a class
CLASS_CONTRACTS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "calculus/autograd",
        "Value",
        ("__init__", "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
         "__truediv__", "__rtruediv__", "__neg__", "__pow__", "exp", "log", "tanh", "relu",
         "backward"),
    ),
]


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(builtin_lessons_dir())


def test_shipped_lessons_load_cleanly(course: Course) -> None:
    assert [str(e) for e in course.errors] == []


def test_every_pillar_has_lessons_and_a_checkpoint(course: Course) -> None:
    for pillar in PILLARS:
        lessons = course.by_pillar()[pillar]
        assert lessons, f"no lessons for {pillar}"
        assert any(lesson.checkpoints for lesson in lessons), f"no checkpoint for {pillar}"


def test_every_shipped_lesson_has_two_to_five_key_points(course: Course) -> None:
    """The notes (`tutor notes`) list them; the validator checks their numbers."""
    counts = {lesson.id: len(lesson.key_points) for lesson in course.lessons}
    assert {k: n for k, n in counts.items() if not 2 <= n <= 5} == {}


@pytest.mark.parametrize(
    ("exercise_id", "function", "also", "params"), CONTRACTS, ids=[c[0] for c in CONTRACTS]
)
def test_contract(
    course: Course, exercise_id: str, function: str, also: tuple[str, ...], params: tuple[str, ...]
) -> None:
    exercise = course.exercise(exercise_id)
    assert exercise.function == function
    assert tuple(exercise.also) == also
    # the reference and the starter take the contracted arguments, in order
    for source in (exercise.solution, exercise.starter):
        tree = ast.parse(source)
        (fn,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
        names = tuple(a.arg for a in fn.args.posonlyargs + fn.args.args)
        assert names == params, f"{exercise_id}: {function}{names} should take {params}"
    assert len(exercise.hints) >= 3


@pytest.mark.parametrize(("exercise_id", "cls", "methods"), CLASS_CONTRACTS,
                         ids=[c[0] for c in CLASS_CONTRACTS])
def test_class_contract(course: Course, exercise_id: str, cls: str,
                        methods: tuple[str, ...]) -> None:
    exercise = course.exercise(exercise_id)
    assert (exercise.function, exercise.entry) == (cls, "class")
    assert exercise.driver is not None and exercise.verify_with == "torch"
    for source in (exercise.solution, exercise.starter):
        tree = ast.parse(source)
        (node,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls]
        init = [n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
        assert init and [a.arg for a in init[0].args.args][:2] == ["self", "data"]
    tree = ast.parse(exercise.solution)
    (node,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls]
    defined = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
    assert set(methods) <= defined, f"{exercise_id}: missing {set(methods) - defined}"
    assert len(exercise.hints) >= 3
