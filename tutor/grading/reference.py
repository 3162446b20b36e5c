"""The lesson's side of a check, as data: the reference's run of an exercise's cases, the
inputs a learner's run gets from it, and the rules every case is judged by.

Used by :mod:`tutor.grading.evaluator`, which runs the reference and caches it by
:func:`fingerprint`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from tutor.grading import cases, judge, sourcetree, wire
from tutor.grading.childrun import CaseRun
from tutor.grading.verdict import LessonProblem
from tutor.lessons.exercise import Compare, ExerciseStep


@dataclass
class Reference:
    """The reference's run of every case of one exercise (inputs included)."""

    specs: list[cases.CaseSpec]
    runs: list[CaseRun]
    error: LessonProblem | None = None


def locate(problem: LessonProblem | None, specs: list[cases.CaseSpec], *,
           torch: bool = False) -> LessonProblem | None:
    """``problem`` with the key path of the lesson code it names, inside its exercise: a
    case's ``args`` or its block's ``generator``, a case or block that sent back too much
    (``data``), the speed check's ``baseline`` or ``args``, else the reference that ran
    (``torch_reference`` when ``torch``, else ``solution``)."""
    if problem is None:
        return None
    spec = specs[problem.case] if problem.case is not None and \
        0 <= problem.case < len(specs) else None
    key: tuple[str | int, ...]
    if problem.part in ("args", "generator") and spec is not None:
        key = (*spec.key_path, "generator" if spec.is_random else "args")
    elif problem.part == "data" and spec is not None:
        key = spec.key_path
    elif problem.part in ("baseline", "speed_args"):
        key = ("speed", "baseline" if problem.part == "baseline" else "args")
    else:
        key = ("torch_reference" if torch else "solution",)
    problem.key = key
    return problem


def deterministic(spec: Compare) -> bool:
    """Whether any statistical output of this comparison must repeat for the same seed."""
    own = spec.statistical is not None and spec.statistical.deterministic
    return own or any(deterministic(sub) for sub in spec.outputs.values())


def fingerprint(exercise: ExerciseStep) -> str:
    return hashlib.sha256(exercise.model_dump_json().encode()).hexdigest()


def entry(exercise: ExerciseStep) -> dict[str, Any]:
    """The job keys naming what code is called: the function (and ``also``), or the entry
    point (a class or a function) and the lesson's driver that calls it."""
    job: dict[str, Any] = {"function": exercise.function, "also": list(exercise.also)}
    if exercise.driver is not None:
        job.update(driver=exercise.driver, entry=exercise.entry)
    return job


def learner_case(spec: cases.CaseSpec, ref: CaseRun | None) -> dict[str, Any]:
    """Ship the reference's inputs as data when they are plain; else how to build them."""
    sent = None if ref is None else ref.args_wire
    if sent is not None and not any(wire.tag_of(a) == "unsupported" for a in sent):
        return {"wire": sent, **spec.flags()}
    return spec.job()


def case_rules(exercise: ExerciseStep, tree: Any) -> judge.Rules:
    """What the exercise asks of every case, with the learner's own parameter names."""
    return judge.Rules(
        compare=exercise.compare, deterministic=deterministic(exercise.compare),
        inputs_unchanged=exercise.inputs_unchanged,
        params={name: sourcetree.positional_params(tree, name)
                for name in (exercise.function, *exercise.also)},
        calls_exp=sourcetree.calls_exp(tree) and sourcetree.source_uses_exp(exercise.solution),
    )
