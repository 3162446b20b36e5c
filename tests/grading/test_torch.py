"""verify_with: torch — the reference comes from torch code run in the torch worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SOFTMAX = {
    "id": "probability/softmax",
    "function": "softmax",
    "solution": "import numpy as np\ndef softmax(z):\n"
                "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n",
    "starter": "def softmax(z):\n    pass\n",
    "verify_with": "torch",
    "torch_reference": "import torch\ndef softmax(z):\n"
                       "    return torch.softmax(torch.as_tensor(z), dim=-1).numpy()\n",
    "cases": [{"name": "large logits", "args": "np.array([1000.0, 1001.0])"},
              {"args": "np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]])"}],
    "random": [{"generator": "def generate(rng, size):\n"
                             "    return (rng.normal(size=(size, 3)) * 10,)\n", "count": 4}],
    "compare": {"rtol": 1e-6},
    "time_limit": 30,
}


def test_torch_verified_exercise(check: Callable[..., Any]) -> None:
    verdict = check(SOFTMAX["solution"], **SOFTMAX)
    assert verdict.passed, verdict.messages
    naive = "import numpy as np\ndef softmax(z):\n    e = np.exp(z)\n" \
            "    return e / e.sum(axis=-1, keepdims=True)\n"
    verdict = check(naive, **SOFTMAX)
    assert verdict.status == "failed" and verdict.failing is not None
    assert verdict.failing.name == "large logits"
    assert "overflow: subtract the max before exp" in verdict.messages[0]


def test_the_torch_start_is_announced_once() -> None:
    """`tutor check` tells a learner why the first check of a torch-verified exercise takes
    seconds: the evaluator calls ``on_torch_start`` just before the torch worker starts."""
    from tutor.grading import Evaluator

    from .conftest import exercise

    calls: list[str] = []
    with Evaluator() as ev:
        ev.on_torch_start = lambda: calls.append("torch")
        numpy_only = {**SOFTMAX, "verify_with": None, "torch_reference": None}
        assert ev.check(exercise(**numpy_only), SOFTMAX["solution"]).passed
        assert calls == []
        for _ in range(2):
            assert ev.check(exercise(**SOFTMAX), SOFTMAX["solution"]).passed
        assert calls == ["torch"]
