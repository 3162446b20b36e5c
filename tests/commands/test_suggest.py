"""tutor/commands/suggest.py: one "did you mean" for every subcommand that takes an id."""

from __future__ import annotations

from tutor.commands.suggest import close_matches, did_you_mean

IDS = ["linear-algebra/dot-product", "linear-algebra/matmul", "linear-algebra/vectorized-matmul",
       "optimization/learning-rate", "optimization/lr-schedule", "statistics/baseline",
       "information-theory/entropy", "information-theory/cross-entropy", "linear-algebra/pca",
       "linear-algebra/norms", "linear-algebra/vectors-and-dot-product"]


def test_a_typo_finds_the_id() -> None:
    assert close_matches("linear-algebra/dot-prodcut", IDS) == ["linear-algebra/dot-product"]
    assert close_matches("dot-product", IDS) == [  # a bare slug
        "linear-algebra/dot-product", "linear-algebra/vectors-and-dot-product"]
    assert did_you_mean("optimization/learning-rat", IDS).startswith(
        " (did you mean optimization/learning-rate")


def test_a_bare_slug_or_a_wrong_pillar_finds_the_id_first() -> None:
    assert close_matches("baseline", IDS)[0] == "statistics/baseline"
    assert close_matches("probability/matmul", IDS)[0] == "linear-algebra/matmul"
    assert close_matches("Linear-Algebra/Matmul", IDS)[0] == "linear-algebra/matmul"


def test_several_matches_and_nothing_close() -> None:
    assert did_you_mean("information-theory/entropyy", IDS) == (
        " (did you mean information-theory/entropy or information-theory/cross-entropy?)")
    assert did_you_mean("zzz", IDS) == ""
    assert did_you_mean("zzz", IDS, otherwise="see `tutor check --list`") == (
        " (see `tutor check --list`)")
    assert len(close_matches("linear-algebra/m", IDS * 2)) <= 3
