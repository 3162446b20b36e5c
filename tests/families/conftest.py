"""One sandboxed evaluator for the question-family tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tutor.grading import Evaluator


@pytest.fixture(scope="session")
def evaluator() -> Iterator[Evaluator]:
    with Evaluator() as ev:
        yield ev
