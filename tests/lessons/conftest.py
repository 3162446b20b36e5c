"""Helpers to write small lesson trees for loader tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

_GOOD_LESSON = """\
id: probability/bayes-basics
title: Bayes
pillar: probability
order: 1
summary: Update a belief with evidence.
steps:
  - kind: text
    body: A positive test raises the probability.
  - kind: exercise
    id: probability/bayes
    title: Posterior
    prompt: Write posterior.
    function: posterior
    starter: |
      def posterior(prior, sensitivity, false_positive_rate):
          raise NotImplementedError
    solution: |
      def posterior(prior, sensitivity, false_positive_rate):
          hit = prior * sensitivity
          return hit / (hit + (1 - prior) * false_positive_rate)
    cases:
      - args: "0.01, 0.99, 0.05"
    hints: [Think of base rates., Count the positives., Divide true positives by all positives.]
  - kind: question
    question:
      type: choice
      id: base-rate
      prompt: Does a rare condition lower the posterior?
      choices: ["yes", "no"]
      answer: 0
"""

WriteTree = Callable[..., Path]


@pytest.fixture
def write_tree(tmp_path: Path) -> WriteTree:
    """write_tree({"probability/01-x.yaml": "..."}) -> root of a lesson tree."""

    def write(files: dict[str, str]) -> Path:
        root = tmp_path / "lessons"
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root

    return write


@pytest.fixture
def GOOD_LESSON() -> str:  # noqa: N802 - reads like the constant it is
    """A valid one-exercise lesson, as YAML text."""
    return _GOOD_LESSON
