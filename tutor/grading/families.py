"""Drawing a question family in the sandbox: one lesson-code job evaluates, per seed,
``draw(np.random.default_rng(seed))`` and then the family's computed answers with the
drawn names in scope (the path facts take). Only plain data comes back; it is checked
and the texts filled by :func:`tutor.lessons.families.instantiate`."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from tutor.grading.verdict import Outcome
from tutor.lessons.families import Drawn, FamilyError, computed, instantiate, is_family
from tutor.lessons.model import AnyQuestion

MAX_SEEDS = 64
_PARAMS_LINE = re.compile(r"\(params line (\d+), in ")
Evaluate = Callable[..., list[Outcome]]


def draw_expression(seed: int) -> str:
    return f"draw(np.random.default_rng({int(seed)}))"


def draw_family(evaluate: Evaluate, question: AnyQuestion, solution: str | None,
                seeds: Sequence[int], time_limit: float) -> list[Drawn | FamilyError]:
    """One instance (or the located reason there is none) per seed, in order.
    ``evaluate`` is :meth:`Evaluator.eval_expressions`."""
    if not is_family(question):
        raise ValueError(f"question {question.id!r} is not a family (it has no params)")
    seeds = [int(s) for s in seeds[:MAX_SEEDS]]
    exprs = computed(question)
    group = 1 + len(exprs)
    flat: list[str] = []
    for seed in seeds:
        flat.append(draw_expression(seed))
        flat.extend(expr for _, expr in exprs)
    outcomes = evaluate(flat, solution, time_limit=time_limit,
                        params=getattr(question, "params", None),
                        bind=range(0, len(flat), group))
    results: list[Drawn | FamilyError] = []
    for i, seed in enumerate(seeds):
        part = outcomes[i * group:(i + 1) * group]
        results.append(_one(question, part, [("params",), *(k for k, _ in exprs)], seed))
    return results


def _one(question: AnyQuestion, part: list[Outcome], keys: list[tuple[Any, ...]],
         seed: int) -> Drawn | FamilyError:
    for key, outcome in zip(keys, part, strict=True):
        if not outcome.ok:
            what = "draw(rng)" if key == ("params",) else "compute"
            error = str(outcome.error)
            at = _PARAMS_LINE.search(error)
            return FamilyError(f"{what} fails (seed {seed}): {error}",
                               ("params",) if at else key, int(at.group(1)) - 1 if at else None)
    try:
        return instantiate(question, part[0].value, [o.value for o in part[1:]], seed)
    except FamilyError as exc:
        return exc
