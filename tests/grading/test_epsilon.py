"""Small constants in the learner's code (tutor.grading.epsilon): found, rewritten, named."""

from __future__ import annotations

import ast

from tutor.grading import epsilon

BCE = '''import numpy as np


def bce(y, p):
    eps = 1e-7
    return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
'''


def test_small_float_literals_are_found_once_each_in_order_with_their_use() -> None:
    found = epsilon.small_constants(BCE)
    assert [(c.value, c.line, c.text, c.usage) for c in found] == [
        (1e-7, 5, "eps = 1e-7", "added")]
    clipped = "import numpy as np\ndef f(p, lr=1e-3):\n    return np.clip(p, 1e-9, 1 - 1e-9)\n"
    assert [(c.value, c.usage) for c in epsilon.small_constants(clipped)] == [
        (1e-3, "other"), (1e-9, "clip")]
    assert epsilon.small_constants("x = 0.5 + 1 + 0.0\ny = 2e-2\n") == []  # none small
    assert epsilon.small_constants("def f(:\n") == []


def test_without_makes_one_constant_negligible_and_keeps_the_rest() -> None:
    source = "def f(x, lr=1e-3):\n    return x + 1e-8 - lr * 1e-8\n"
    changed = epsilon.without(source, 1e-8)
    assert changed is not None
    values = {n.value for n in ast.walk(ast.parse(changed)) if isinstance(n, ast.Constant)}
    assert epsilon.TINY in values and 1e-3 in values and 1e-8 not in values
    namespace: dict[str, object] = {}
    exec(compile(changed, "<test>", "exec"), namespace)  # noqa: S102 - our own source
    assert namespace["f"](0.25) == 0.25  # type: ignore[operator]


def test_the_sentence_says_how_the_constant_is_used_and_where() -> None:
    added = epsilon.diagnosis(epsilon.small_constants(BCE)[0])
    assert added.name == "epsilon"
    assert "adds the small constant 1e-07 (line 5: `eps = 1e-7`)" in added.message
    clip = epsilon.diagnosis(epsilon.Constant(1e-7, 3, "p = np.clip(p, 1e-7, 1)", "clip"))
    assert clip.message.startswith("Your code clips at 1e-07 (line 3")
