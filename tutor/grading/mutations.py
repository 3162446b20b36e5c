"""Argument diagnoses: wrong results explained by how the code uses its arguments.

Two kinds, both tried in the parent when no known mistake and no generic diagnosis
(:mod:`tutor.grading.diagnose`) explains a failure:

- **a default of the learner's own**: a failing case leaves an argument out, and the
  learner's function gives it another default than the reference's (read from both
  sources' syntax trees, literals only; nothing is run);
- **the reference on changed arguments**: the reference re-run (in the sandbox, like all
  lesson code) on each failing case with one change — an argument at the reference's
  default instead of the value given, or at 0 (an argument the code ignores), an
  integer one less or one more (an off-by-one count), a positive float squared, rooted
  (σ² for σ) or inverted (1/T for T), equal weights for a vector of probabilities, two
  arguments of the same kind swapped (defaults included). A change is reported only when
  the learner's results agree with the changed run on **every** failing case tried (or on
  just the wrong outputs of a tuple, the same ones on every case).

:func:`plan` says which runs to make; :func:`explain` reads their results.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor import pyparse
from tutor.grading import encoding, wire
from tutor.grading.compare import compare, merged
from tutor.grading.feedback_values import short_text
from tutor.grading.verdict import Diagnosis
from tutor.lessons.exercise import Compare

MAX_CASES = 4  # failing cases each change is tried on
MAX_CHANGES = 24  # changes tried per exercise


@dataclass(frozen=True)
class Signature:
    """A function's positional parameters and the literal defaults among them."""

    params: tuple[str, ...]
    defaults: dict[str, Any]


def signature(tree: ast.Module, function: str) -> Signature | None:
    """The last module-level ``def function`` of ``tree`` (as the module would bind it)."""
    found: Signature | None = None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            args = [*node.args.posonlyargs, *node.args.args]
            defaults: dict[str, Any] = {}
            for arg, default in zip(args[len(args) - len(node.args.defaults):],
                                    node.args.defaults, strict=True):
                try:
                    defaults[arg.arg] = ast.literal_eval(default)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    continue
            found = Signature(tuple(a.arg for a in args), defaults)
    return found


def parsed_signature(source: str, function: str) -> Signature | None:
    try:
        return signature(pyparse.parse(source), function)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def wrong_default(learner: Signature | None, reference: Signature | None,
                  passed: Sequence[int]) -> Diagnosis | None:
    """A parameter every failing case leaves out (``passed``: how many arguments each
    passes) whose default in the learner's function is not the reference's."""
    if learner is None or reference is None or not passed:
        return None
    for i, name in enumerate(reference.params):
        if i < max(passed) or name not in reference.defaults or i >= len(learner.params):
            continue
        theirs = learner.defaults.get(learner.params[i], _MISSING)
        ours = reference.defaults[name]
        if theirs is not _MISSING and not _same_value(theirs, ours):
            return Diagnosis("wrong-default", (
                f"Your default for `{learner.params[i]}` is {theirs!r}, but the contract's "
                f"is {ours!r}: this case leaves `{name}` out, so the default is what "
                "counts."))
    return None


_MISSING = object()
NO_RUN = object()  # in place of an output: the change did not fit that case, or its run failed


def _same_value(a: Any, b: Any) -> bool:
    numbers = (int, float)
    try:
        if isinstance(a, numbers) and isinstance(b, numbers) and \
                not isinstance(a, bool) and not isinstance(b, bool):
            return a == b
        return type(a) is type(b) and bool(a == b)
    except Exception:  # noqa: BLE001 - literals compare, but be safe
        return False


@dataclass(frozen=True)
class Change:
    """One way to change a case's arguments, and the sentence when it explains a failure."""

    kind: str  # default | zero | minus-one | plus-one | square | sqrt | reciprocal | uniform
    #            | swap
    index: int
    other: int = -1  # the second argument of a swap

    def apply(self, args: tuple[Any, ...], defaults: dict[int, Any]) -> tuple[Any, ...] | None:
        """The changed arguments, or None when this change does not fit these ones."""
        if self.index >= len(args) or self.other >= len(args):
            return None
        value = args[self.index]
        new: Any
        if self.kind == "swap":
            changed = list(args)
            changed[self.index], changed[self.other] = args[self.other], value
            return tuple(changed) if _same_kind(value, args[self.other]) and not _equal(
                value, args[self.other]) else None
        if self.kind == "default":
            new = defaults.get(self.index, _MISSING)
            if new is _MISSING or _equal(new, value):
                return None
        elif self.kind == "zero":  # an argument the code ignores, as if it were 0
            if not _positive_number(value):
                return None
            new = type(value)(0)
        elif self.kind in ("minus-one", "plus-one"):
            if not _count(value) or (self.kind == "minus-one" and value < 2):
                return None
            new = type(value)(value + (1 if self.kind == "plus-one" else -1))
        elif self.kind == "uniform":  # equal weights for a vector of probabilities
            if not _probabilities(value):
                return None
            new = np.full(value.shape, 1.0 / value.size)
        else:  # a square, a root or a reciprocal stands for a scale (σ, T), never a count
            if not _positive_number(value) or _count(value) or value == 1:
                return None
            new = {"square": value ** 2, "sqrt": math.sqrt(value),
                   "reciprocal": 1.0 / value}[self.kind]
        return (*args[:self.index], new, *args[self.index + 1:])

    def message(self, names: Sequence[str], args: tuple[Any, ...],
                defaults: dict[int, Any], subject: str = "Your results match") -> str:
        """The sentence; ``subject`` says what matches (the results, or some outputs)."""
        return self._sentence(names, args, defaults).replace("Your results match", subject, 1)

    def _sentence(self, names: Sequence[str], args: tuple[Any, ...],
                  defaults: dict[int, Any]) -> str:
        name = f"`{names[self.index]}`" if self.index < len(names) else \
            f"argument {self.index + 1}"
        given = short_text(args[self.index], 40)
        if self.kind == "swap":
            other = f"`{names[self.other]}`" if self.other < len(names) else \
                f"argument {self.other + 1}"
            return (f"Your results match the reference run with {name} and {other} swapped: "
                    "your code uses the two the other way round.")
        if self.kind == "default":
            return (f"Your results match the reference run with {name} at its default, "
                    f"{short_text(defaults[self.index], 40)}, instead of the {given} passed "
                    f"in: your code does not use the {name} it is given.")
        if self.kind in ("minus-one", "plus-one"):
            changed = self.apply(args, defaults)
            now = short_text(changed[self.index], 40) if changed else "?"
            fewer = "fewer" if self.kind == "minus-one" else "more"
            return (f"Your results match the reference run with {name} = {now} instead of "
                    f"the {given} given: an off-by-one, one {fewer} than asked (check where "
                    "your loop's range starts and stops).")
        if self.kind == "zero":
            return (f"Your results match the reference run with {name} = 0 instead of the "
                    f"{given} given: your code ignores {name} (or treats it as 0).")
        if self.kind == "reciprocal":
            return (f"Your results match the reference run with 1/{name} in place of {name} "
                    f"({given} given): your code divides by {name} where it should multiply "
                    "by it, or multiplies where it should divide.")
        if self.kind == "uniform":
            return (f"Your results match the reference run with {name} replaced by equal "
                    f"weights, 1/{len(args[self.index])} each: your code does not use the "
                    f"probabilities in {name} (a plain mean where a weighted one belongs?).")
        if self.kind == "square":
            return (f"Your results match the reference run with {name} squared ({given} "
                    f"given): your code uses {name}² where {name} itself belongs (a "
                    "variance where a standard deviation is expected?).")
        return (f"Your results match the reference run with the square root of {name} "
                f"({given} given): your code uses √{name} where {name} itself belongs (a "
                "standard deviation where a variance is expected?).")


def _count(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _probabilities(value: Any) -> bool:
    """A 1-D float array of two or more probabilities that sum to 1, not all equal."""
    return isinstance(value, np.ndarray) and value.ndim == 1 and value.size >= 2 and \
        value.dtype.kind == "f" and bool(np.isfinite(value).all() and (value >= 0).all()) \
        and math.isclose(float(value.sum()), 1.0, rel_tol=1e-9) and \
        not np.allclose(value, 1.0 / value.size, rtol=1e-12, atol=0)


def _positive_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)) and math.isfinite(float(value)) and value > 0


def _same_kind(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape \
            and a.dtype.kind in "iuf" and b.dtype.kind in "iuf"
    return _positive_number(a) and _positive_number(b) or (_count(a) and _count(b))


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    except (TypeError, ValueError):
        return False


def with_defaults(reference: Signature | None, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """``args`` followed by the reference's literal defaults of the parameters they leave
    out (up to the first one without a literal default): the same call, spelt out, so
    that two defaulted arguments can be swapped too."""
    if reference is None:
        return args
    extra = []
    for name in reference.params[len(args):]:
        if name not in reference.defaults:
            break
        extra.append(reference.defaults[name])
    return (*args, *extra)


def plan(reference: Signature | None, cases_args: Sequence[tuple[Any, ...]],
         given: int | None = None) -> tuple[list[Change], dict[int, Any]]:
    """The changes worth trying on these failing cases' arguments (each fits the first
    case), and the reference's defaults by argument index. ``given``: how many of the
    first case's arguments the case passes (the rest are defaults spelt out by
    :func:`with_defaults`, which are only ever swapped)."""
    if not cases_args:
        return [], {}
    params = reference.params if reference else ()
    defaults = {i: reference.defaults[name] for i, name in enumerate(params)
                if reference and name in reference.defaults}
    first = cases_args[0]
    passed = len(first) if given is None else min(given, len(first))
    candidates = [Change(kind, i) for i in range(passed)
                  for kind in ("default", "zero", "minus-one", "plus-one", "square", "sqrt",
                               "reciprocal", "uniform")]
    swaps = [Change("swap", i, j) for i in range(len(first)) for j in range(i + 1, len(first))]
    candidates += sorted(swaps, key=lambda c: c.other - c.index)  # neighbours first
    fitting = [c for c in candidates if c.apply(first, defaults) is not None]
    return fitting[:MAX_CHANGES], defaults


def run_cases(changes: Sequence[Change], defaults: dict[int, Any],
              cases_args: Sequence[tuple[Any, ...]]) -> tuple[list[dict[str, Any]],
                                                              list[list[int]]]:
    """The reference job's cases (each changed arguments, as wire data) and, per change and
    case, the index of its run (-1: the change does not fit that case)."""
    jobs: list[dict[str, Any]] = []
    where: list[list[int]] = []
    for change in changes:
        row = []
        for args in cases_args:
            changed = change.apply(args, defaults)
            try:
                encoded = None if changed is None else [encoding.encode(a) for a in changed]
            except (wire.WireError, encoding.TooLarge, TypeError, ValueError):
                encoded = None
            row.append(-1 if encoded is None else len(jobs))
            if encoded is not None:
                jobs.append({"wire": encoded})
        where.append(row)
    return jobs, where


def explain(changes: Sequence[Change], defaults: dict[int, Any], names: Sequence[str],
            cases_args: Sequence[tuple[Any, ...]], expected: Sequence[Any],
            changed_outputs: Sequence[Sequence[Any]], learner: Sequence[Any],
            spec: Compare) -> Diagnosis | None:
    """The first change whose runs (``changed_outputs[c][k]``, :data:`NO_RUN` where the
    change did not fit case k or the run failed) agree with the learner on every case they
    ran on — at least two, or the one case tried — and differ from the reference's own
    results on one of them; failing that, the first whose runs give the learner's values
    on just the tuple outputs the learner gets wrong (the same ones on every case)."""
    for whole in (True, False):  # the whole results first, then only the wrong outputs
        for c, change in enumerate(changes):
            ran = [(out, got, exp) for out, got, exp in zip(changed_outputs[c], learner,
                                                            expected, strict=True)
                   if out is not NO_RUN]
            if len(ran) < min(2, len(learner)):
                continue
            if whole:
                if all(_agree(out, got, spec) for out, got, _ in ran) and \
                        any(not _agree(out, exp, spec) for out, _, exp in ran):
                    return Diagnosis(f"argument-{change.kind}",
                                     change.message(names, cases_args[0], defaults))
                continue
            wrong = [_wrong_outputs(out, got, exp, spec) for out, got, exp in ran]
            if all(wrong) and len({tuple(w) for w in wrong}) == 1:
                shown = " and ".join(f"[{i}]" for i in wrong[0])
                return Diagnosis(f"argument-{change.kind}", change.message(
                    names, cases_args[0], defaults,
                    f"Your output{'s' if len(wrong[0]) > 1 else ''} {shown} "
                    f"match{'' if len(wrong[0]) > 1 else 'es'}"))
    return None


def _wrong_outputs(changed: Any, got: Any, expected: Any, spec: Compare) -> list[int]:
    """The tuple outputs where the learner differs from the reference, when the changed
    run gives the learner's value on each of them and the learner is right on some other
    output; else []."""
    if not all(isinstance(v, (tuple, list)) for v in (changed, got, expected)) or \
            not len(changed) == len(got) == len(expected) >= 2:
        return []
    specs = [merged(spec, spec.outputs.get(str(i))) for i in range(len(got))]
    wrong = [i for i in range(len(got)) if not _agree(got[i], expected[i], specs[i])]
    if not wrong or len(wrong) == len(got) or not all(
            _agree(changed[i], got[i], specs[i]) for i in wrong):
        return []
    return wrong




def _agree(a: Any, b: Any, spec: Compare) -> bool:
    try:
        return compare(a, b, spec) is None
    except Exception:  # noqa: BLE001 - unusual values never explain anything
        return False
