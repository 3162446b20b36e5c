"""The cases an exercise is checked on: fixed cases, then seeded random cases.

Random case ``i`` of a ``RandomCases`` block calls the lesson's
``generate(rng, size)`` with ``rng = np.random.default_rng([seed, i])``. Sizes
cycle through a ladder from ``sizes[0]`` to ``sizes[1]``: every size when there
are at most 8, else 8 sizes spaced geometrically, so small and large inputs both
appear early. A failing random case is shrunk by re-running the same ``[seed, i]``
with the smaller sizes of :func:`shrink_sizes`.

:func:`plan` runs in the parent and yields plain specs;
:func:`tutor.grading.child.args.make_args` runs in a sandboxed child and turns a
spec into the positional arguments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.lessons.exercise import ExerciseStep

LADDER_STEPS = 8
SHRINK_STEPS = 12


@dataclass(frozen=True)
class CaseSpec:
    """One case as plain data: a fixed ``args`` expression or a generator call."""

    index: int
    name: str
    args: str | None = None
    generator: str | None = None
    block: int = 0
    seed: int = 0
    number: int = 0
    size: int = 0
    min_size: int = 1
    raises: str | None = None
    note: str | None = None
    check: str = "value"  # "value" | "finite" (fixed cases only; see FixedCase.check)
    twice: bool = False  # one of the cases the determinism check calls twice

    @property
    def is_random(self) -> bool:
        return self.generator is not None

    @property
    def key_path(self) -> tuple[str | int, ...]:
        """Where the case is written in its exercise: ``("cases", i)`` or, for a random
        case, its block ``("random", b)``."""
        return ("random", self.block) if self.is_random else ("cases", self.index)

    def job(self) -> dict[str, Any]:
        """What a child needs to build the arguments (and how to call: :meth:`flags`)."""
        if self.args is not None:
            return {"args": self.args, **self.flags()}
        return {"generator": self.generator, "block": self.block, "seed": self.seed,
                "number": self.number, "size": self.size, **self.flags()}

    def flags(self) -> dict[str, Any]:
        """How the child calls this case, whatever builds its inputs: twice or not."""
        return {"twice": True} if self.twice else {}

    def resized(self, size: int, index: int) -> CaseSpec:
        label = self.name.rsplit(" (size", 1)[0]
        return replace(self, size=size, index=index, name=f"{label} (size {size})")


def size_ladder(low: int, high: int) -> list[int]:
    """The sizes random cases cycle through."""
    if high - low + 1 <= LADDER_STEPS:
        return list(range(low, high + 1))
    ratio = (high / low) ** (1 / (LADDER_STEPS - 1))
    return sorted({min(high, max(low, round(low * ratio**k))) for k in range(LADDER_STEPS)})


def shrink_sizes(low: int, failing: int) -> list[int]:
    """Smaller sizes to retry a failing case with, smallest first."""
    if failing - low <= SHRINK_STEPS:
        return list(range(low, failing))
    ratio = (failing / low) ** (1 / SHRINK_STEPS)
    return sorted({max(low, min(failing - 1, math.floor(low * ratio**k)))
                   for k in range(SHRINK_STEPS)})


def plan(exercise: ExerciseStep) -> list[CaseSpec]:
    """Every case of an exercise in order: fixed first, then each random block."""
    specs = [
        CaseSpec(i, case.name or f"case {i + 1}", args=case.args, raises=case.raises,
                 note=case.note, check=case.check)
        for i, case in enumerate(exercise.cases)
    ]
    for block_no, block in enumerate(exercise.random):
        ladder = size_ladder(*block.sizes)
        label = block.name or "random case"
        for i in range(block.count):
            size = ladder[i % len(ladder)]
            specs.append(CaseSpec(
                len(specs), f"{label} #{i + 1} (size {size})", generator=block.generator,
                block=block_no, seed=block.seed, number=i, size=size, min_size=block.sizes[0],
                note=block.note,
            ))
    chosen = twice_indices(specs)
    return [replace(spec, twice=True) if spec.index in chosen else spec for spec in specs]


TWICE_CASES = 6


def twice_indices(specs: list[CaseSpec]) -> set[int]:
    """The cases the determinism check calls twice (with the global ``np.random`` disturbed
    in between): ``TWICE_CASES`` spread from first to last, and the largest random case.
    Code that draws from ``np.random`` differs on any of them; calling every case twice
    would double the learner's time for nothing."""
    n = len(specs)
    if n <= TWICE_CASES:
        return set(range(n))
    chosen = {round(i * (n - 1) / (TWICE_CASES - 1)) for i in range(TWICE_CASES)}
    randoms = [s for s in specs if s.is_random]
    if randoms:
        chosen.add(max(randoms, key=lambda s: s.size).index)
    return chosen


def reseeded(exercise: ExerciseStep, seed: int) -> ExerciseStep:
    """The exercise with fresh random cases: each random block's seed mixed with ``seed``
    (a review passes a new one each time, so remembered outputs cannot pass). The
    fixed cases stay; the evaluator caches the reference per exercise, so the copy
    gets its own reference run on the new inputs."""
    if not exercise.random:
        return exercise
    blocks = [block.model_copy(update={"seed": (block.seed * 1_000_003 + seed) % 2**63})
              for block in exercise.random]
    return exercise.model_copy(update={"random": blocks})
