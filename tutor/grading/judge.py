"""Turn what children sent back into case results: the parent's trusted side.

Only decoded plain data reaches these functions; every comparison happens here,
so nothing a submission does inside its own process can fake a pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.grading import feedback
from tutor.grading.cases import CaseSpec
from tutor.grading.childrun import CaseRun
from tutor.grading.compare import (
    Mismatch,
    agree,
    all_nonfinite,
    compare,
    compare_finite,
    identical,
    near_miss,
    nonfinite_as_nan,
)
from tutor.grading.feedback_values import difference_map
from tutor.grading.verdict import CaseResult, Status
from tutor.lazynumpy import np
from tutor.lessons.exercise import Compare
from tutor.safetext import clip


@dataclass(frozen=True)
class Rules:
    """What one exercise asks of every case, beyond its cases themselves."""

    compare: Compare = field(default_factory=Compare)
    deterministic: bool = False
    inputs_unchanged: bool = False
    params: dict[str, list[str]] = field(default_factory=dict)  # function -> learner's names
    calls_exp: bool = False  # the learner exponentiates where the exercise does (overflow hint)


@dataclass
class Judged:
    """One case's grade: ``kind`` is ok | wrong | exception | memory."""

    result: CaseResult
    kind: str
    mismatch: Mismatch | None = None


def inputs_text(spec: CaseSpec, ref: CaseRun | None) -> str:
    if spec.args is not None:
        text = " ".join(spec.args.split())
        return clip(text, 200, "...")
    if ref is not None and ref.args is not None:
        return ", ".join(feedback.short_text(a, 80) for a in ref.args)
    return f"{spec.name}"


def case_texts(spec: CaseSpec, ref: CaseRun, got: CaseRun) -> tuple[str, str, str]:
    """What a case's inputs, expected and actual results look like to the learner."""
    expected = feedback.short_text(ref.out) if ref.has_out else ""
    if ref.has_out and spec.check == "finite":
        expected = f"any finite result (the reference's: {expected})"
    return inputs_text(spec, ref), expected, feedback.short_text(got.out) if got.has_out else ""


def arg_shapes(ref: CaseRun | None) -> list[tuple[int, ...]]:
    return [tuple(np.shape(a)) for a in (ref.args or ()) if isinstance(a, np.ndarray)] if ref \
        else []


def large_inputs(ref: CaseRun | None) -> bool:
    for a in (ref.args or ()) if ref else ():
        if isinstance(a, (np.ndarray, float, int)) and np.asarray(a).dtype.kind in "iuf":
            values = np.asarray(a, dtype=float)
            if values.size and np.nanmax(np.abs(values)) > 100:
                return True
    return False


def judge_case(spec: CaseSpec, ref: CaseRun, got: CaseRun, rules: Rules,
               detail: bool = True) -> Judged:
    """Grade one case of the learner against the reference's run of it. ``detail=False``:
    a wrong value is found, not described (no message, no map of where it differs)."""
    result = CaseResult(spec.name, False, note=spec.note, texts=lambda: case_texts(spec, ref, got))
    if spec.raises:
        if got.exc and spec.raises in got.exc.get("mro", []):
            result.passed, result.expected = True, f"raises {spec.raises}"
            result.got = f"raised {got.exc['type']}"
            return Judged(result, "ok")
        result.expected = f"raises {spec.raises}"
        result.message = feedback.raises_message(spec.raises, got.exc)
        return Judged(result, "wrong")
    if got.exc is not None:
        result.got = f"raised {got.exc.get('type')}"
        result.message = feedback.exception_message(got.exc)
        return Judged(result, "memory" if got.exc.get("kind") == "memory" else "exception")
    if rules.inputs_unchanged:
        changed = changed_inputs(ref, got)
        if changed:
            function, index = changed[0]
            names = rules.params.get(function, [])
            result.message = feedback.changed_input_message(
                names[index] if index < len(names) else None, index,
                function if len(rules.params) > 1 else None)
            return Judged(result, "wrong")
    if spec.check == "finite":
        mismatch = compare_finite(ref.out, got.out)
    else:
        mismatch = compare(ref.out, got.out, rules.compare, detail=detail)
    if mismatch is not None and not detail:
        return Judged(result, "wrong", mismatch)
    if mismatch is not None:
        result.message = feedback.describe(mismatch, arg_shapes(ref), large_inputs(ref),
                                           got.warnings, rules.calls_exp)
        if mismatch.kind == "value":
            result.where = difference_map(mismatch.expected, mismatch.got, mismatch.tolerance)
        return Judged(result, "wrong", mismatch)
    if idle_generators(ref, got):
        result.message = feedback.rng_not_used_message()
        return Judged(result, "wrong")
    if rules.deterministic and spec.twice and not identical(got.out, got.out2):
        result.message = feedback.not_deterministic_message()
        return Judged(result, "wrong")
    overflow = [w for w in got.warnings if "overflow" in w]
    if overflow and not any("overflow" in w for w in ref.warnings):
        result.message = feedback.overflow_warning_message(got.warnings, rules.calls_exp)
        return Judged(result, "wrong")
    result.passed = True
    return Judged(result, "ok")


def changed_inputs(ref: CaseRun | None, got: CaseRun) -> list[tuple[str, int]]:
    """(function, argument index) of every array argument that a call changed in place:
    the child sends the arguments as they are after the call; the reference's run says
    what they were before (each call gets fresh copies of the same inputs). Values must
    agree to rounding (relative 1e-9, NaN equals NaN): ``w[i] += h; ...; w[i] -= 2*h;
    w[i] += h`` may move w in its last bits, which is a correct restore, while an entry
    left at w - h is caught."""
    if ref is None or ref.args is None or not got.after:
        return []
    changed = []
    for function, after in got.after.items():
        for i, (before, now) in enumerate(zip(ref.args, after, strict=False)):
            if isinstance(before, np.ndarray) and now is not None and not _restored(before, now):
                changed.append((function, i))
    return changed


def idle_generators(ref: CaseRun | None, got: CaseRun) -> list[tuple[str, int]]:
    """(function, argument index) of every ``np.random.Generator`` argument the learner's
    call did not draw from (its state did not advance) although the reference's did: code
    that seeds a generator of its own, or np.random, is deterministic but ignores rng."""
    if ref is None:
        return []
    return [(function, i) for function, indices in got.rng_idle.items() for i in indices
            if i not in ref.rng_idle.get(function, [])]


def _restored(before: np.ndarray, now: object) -> bool:
    if not isinstance(now, np.ndarray) or now.shape != before.shape:
        return identical(before, now)
    if before.dtype.kind not in "fc" or now.dtype.kind not in "fciub":
        return identical(before, now)
    return bool(np.allclose(before, now, rtol=1e-9, atol=1e-300, equal_nan=True))


def stopped_case(spec: CaseSpec | None, ref: CaseRun | None, message: str) -> CaseResult:
    """A case the learner's process never finished."""
    if spec is None:
        return CaseResult("loading your code", False, message=message)
    return CaseResult(spec.name, False, inputs=inputs_text(spec, ref), message=message,
                      expected=feedback.short_text(ref.out) if ref and ref.has_out else "",
                      note=spec.note)


def matching_mistake(judged: list[Judged | None], learner: list[CaseRun | None],
                     mistakes: list[list[CaseRun | None]], spec_compare: Compare,
                     refs: list[CaseRun] | None = None) -> int | None:
    """Index of the first mistake that behaves like the learner (outputs that agree, see
    :func:`outputs_agree`, or the same exception; and the same inputs changed in place when
    ``refs`` are given) on every case where the learner differs from the reference. A
    mistake whose NaN and inf sit exactly where the learner's do is preferred."""
    differ = [k for k, j in enumerate(judged) if j is not None and not j.result.passed]
    if not differ:
        return None
    loose = without_integer_rule(spec_compare)
    for exact in (True, False):  # a mistake with the very same NaN and inf wins over the rest
        for m, runs in enumerate(mistakes):
            if all(_same(runs[k], learner[k], loose, refs[k] if refs else None, exact)
                   for k in differ):
                return m
    return None


def without_integer_rule(spec: Compare) -> Compare:
    """The same comparison without "outputs must be integers" (mistakes may not be)."""
    stat = spec.statistical
    return spec.model_copy(update={
        "statistical": stat.model_copy(update={"integer": False}) if stat else None,
        "outputs": {k: without_integer_rule(v) for k, v in spec.outputs.items()},
    })


def _same(mistake: CaseRun | None, learner: CaseRun | None, spec_compare: Compare,
          ref: CaseRun | None = None, exact_nonfinite: bool = False) -> bool:
    if mistake is None or learner is None:
        return False
    if mistake.exc is not None or learner.exc is not None:
        return bool(mistake.exc and learner.exc and mistake.exc.get("type") == learner.exc.get(
            "type"))
    if ref is not None and changed_inputs(ref, mistake) != changed_inputs(ref, learner):
        return False
    if not (mistake.has_out and learner.has_out):
        return False
    if exact_nonfinite:
        return agree(mistake.out, learner.out, spec_compare)
    return outputs_agree(mistake.out, learner.out, spec_compare)


def outputs_agree(a: Any, b: Any, spec_compare: Compare) -> bool:
    """Two wrong outputs behave alike: equal within tolerance, counting NaN, inf and -inf as
    one (both non-finite at the same positions), or both entirely non-finite."""
    if agree(nonfinite_as_nan(a), nonfinite_as_nan(b), spec_compare):
        return True
    return all_nonfinite(a) and all_nonfinite(b)


def shown_failure(judged: list[Judged | None]) -> int | None:
    """Index of the failing case the learner is shown first: an exception or a memory error
    when there is one (the status says "error", so the message must be that error); else the
    first failure that is not a near miss (digits that look like rounding hide the telling
    case, e.g. Adam's tiny gradients under atol 1e-12); else the first failure."""
    failing = [k for k, j in enumerate(judged) if j is not None and not j.result.passed]
    if not failing:
        return None
    for wanted in (lambda j: j.kind in ("exception", "memory"),
                   lambda j: not near_miss(j.mismatch)):
        chosen = next((k for k in failing if wanted(judged[k])), None)  # type: ignore[arg-type]
        if chosen is not None:
            return chosen
    return failing[0]


def worst_status(kinds: list[str]) -> Status:
    """The verdict status from the case kinds (process-level problems are handled apart)."""
    if "memory" in kinds:
        return "memory"
    if "exception" in kinds:
        return "error"
    if "wrong" in kinds:
        return "failed"
    return "passed"
