"""cases.py: the case plan and the size ladders."""

from __future__ import annotations

from collections.abc import Callable

from tutor.grading import cases
from tutor.lessons.model import ExerciseStep


def test_ladder_and_shrink_sizes() -> None:
    assert cases.size_ladder(1, 8) == [1, 2, 3, 4, 5, 6, 7, 8]
    ladder = cases.size_ladder(2, 1000)
    assert ladder[0] == 2 and ladder[-1] == 1000 and len(ladder) <= 8
    assert cases.shrink_sizes(1, 6) == [1, 2, 3, 4, 5]
    big = cases.shrink_sizes(1, 1000)
    assert big[0] == 1 and max(big) < 1000 and big == sorted(big)


def test_plan_lists_fixed_then_random_cases(make_exercise: Callable[..., ExerciseStep]) -> None:
    specs = cases.plan(make_exercise())
    assert [s.is_random for s in specs] == [False] + [True] * 6
    assert specs[0].name == "the worked example"
    assert specs[1].job()["seed"] == 1 and specs[1].job()["number"] == 0
    assert [s.size for s in specs[1:]] == [1, 2, 3, 4, 5, 6]
    small = specs[3].resized(1, 0)
    assert small.size == 1 and small.number == specs[3].number and small.name.endswith("(size 1)")


def test_the_determinism_check_calls_a_spread_of_cases_twice() -> None:
    specs = [cases.CaseSpec(i, f"case {i}") for i in range(3)] + [
        cases.CaseSpec(3 + i, f"random #{i}", generator="g", size=size)
        for i, size in enumerate([5, 900, 40, 7, 3, 60, 2, 8, 9, 10, 11, 12, 13, 14])]
    chosen = cases.twice_indices(specs)
    assert {0, len(specs) - 1, 4} <= chosen  # first, last, the largest random case
    assert len(chosen) <= cases.TWICE_CASES + 1
    assert cases.twice_indices(specs[:4]) == {0, 1, 2, 3}


def test_reseeded_changes_every_random_seed_and_nothing_else(
        make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise()
    first, second = cases.reseeded(exercise, 11), cases.reseeded(exercise, 12)
    seeds = {ex.random[0].seed for ex in (exercise, first, second)}
    assert len(seeds) == 3  # each review seed gives other random cases
    assert cases.reseeded(exercise, 11) == first  # the same seed, the same cases
    assert first.cases == exercise.cases and first.solution == exercise.solution
    assert exercise.random[0].seed == 1  # the lesson's exercise is left as it was
    fixed_only = make_exercise(random=[])
    assert cases.reseeded(fixed_only, 11) is fixed_only
