"""forbidden.py: forbidden calls and loops on the syntax tree."""

from __future__ import annotations

import pytest

from tutor.grading import forbidden, sourcetree


def violations(source: str, entries: list[str], loops: bool = False) -> list[str]:
    tree = sourcetree.parse(source)
    assert not isinstance(tree, sourcetree.Violation)
    return [v.message for v in forbidden.check(tree, entries, loops)]


@pytest.mark.parametrize("source", [
    "import numpy as np\nx = np.dot(a, b)",
    "import numpy\nx = numpy.dot(a, b)",
    "import numpy as xp\nx = xp.dot(a, b)",
    "from numpy import dot\nx = dot(a, b)",
    "from numpy import dot as d\nx = d(a, b)",
    "import numpy as np\nf = np.dot",
    "import numpy as np\nx = getattr(np, 'dot')(a, b)",
])
def test_np_dot_however_written(source: str) -> None:
    found = violations(source, ["np.dot"])
    assert found and found[0].startswith("np.dot is not allowed here: line ")


def test_the_message_names_the_line() -> None:
    source = "import numpy as np\n\ndef dot(a, b):\n    return np.dot(a, b)\n"
    assert violations(source, ["np.dot"]) == ["np.dot is not allowed here: line 4"]


def test_method_operator_and_module_paths() -> None:
    assert violations("x = a.dot(b)", [".dot"]) == [".dot is not allowed here: line 1"]
    assert violations("x = a @ b", ["@"]) == ["@ is not allowed here: line 1"]
    assert violations("a @= b", ["@"]) == ["@ is not allowed here: line 1"]
    inv = "import numpy as np\nx = np.linalg.inv(A)"
    assert violations(inv, ["np.linalg.inv"])
    assert violations(inv, ["np.linalg"])
    assert violations("import scipy.linalg as sl\nx = sl.inv(A)", ["scipy.linalg.inv"])
    assert violations("from numpy.linalg import inv\nx = inv(A)", ["np.linalg.inv"])


def test_allowed_code_passes() -> None:
    source = "import numpy as np\ndot_product = 3\nx = np.sum(a * b)\ny = np.linalg.solve(A, b)"
    assert violations(source, ["np.dot", ".dot", "@", "np.linalg.inv"]) == []


def test_bare_names_unless_the_learner_defines_them() -> None:
    assert violations("x = sum(a)", ["sum"]) == ["sum is not allowed here: line 1"]
    assert violations("def sum(a):\n    return 0\nx = sum(a)", ["sum"]) == []


def test_loops() -> None:
    assert violations("for i in a:\n    pass", [], loops=True)[0].startswith(
        "loops are not allowed here (for loop on line 1)")
    assert violations("x = [i for i in a]", [], loops=True)
    assert violations("while True:\n    break", [], loops=True)
    assert violations("x = sum(a)", [], loops=True) == []


def test_syntax_error_has_the_line() -> None:
    found = sourcetree.parse("def f(:\n    pass\n")
    assert isinstance(found, sourcetree.Violation)
    assert found.message.startswith("syntax error on line 1")


@pytest.mark.parametrize(("source", "expected"), [
    ("import numpy as np\ndef f(z):\n    return np.exp(z)\n", True),
    ("import math\ndef f(z):\n    return math.exp(z)\n", True),
    ("from numpy import exp\ndef f(z):\n    return exp(z)\n", True),
    ("import numpy as np\ndef f(z):\n    return np.e ** z\n", True),
    ("def f(w, g, lr):\n    return w - lr * g\n", False),
    ("import numpy as np\ndef f(z):\n    return np.log(z)\n", False),
])
def test_calls_exp(source: str, expected: bool) -> None:
    tree = sourcetree.parse(source)
    assert not isinstance(tree, sourcetree.Violation)
    assert sourcetree.calls_exp(tree) is expected


def test_lesson_code_using_exp() -> None:
    assert sourcetree.source_uses_exp("from scipy.special import logsumexp\n"
                                  "def f(z):\n    return z - logsumexp(z)\n")
    assert not sourcetree.source_uses_exp("def f(w):\n    return 2 * w\n")
