"""A worker's tuning (see tutor.grading.worker.tuning): for a learner's checks, or for
validate's many. It moves work that does not depend on the job; verdicts stay the same."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tutor.grading import Evaluator
from tutor.grading.lessoncode import read_expressions
from tutor.grading.worker import serve
from tutor.grading.worker.tuning import FOR_LEARNERS, FOR_MANY_CHECKS, Tuning

from .conftest import exercise

DOT = {"id": "t/dot", "function": "dot",
       "solution": "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a * b))\n",
       "cases": [{"args": "np.array([1.0, 2.0]), np.array([3.0, 4.0])"}],
       "random": [{"generator": "def generate(rng, size):\n"
                                "    return rng.normal(size=size), rng.normal(size=size)\n",
                   "count": 3}]}
WRONG = "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a + b))\n"
LOADED = ["'torch._dynamo' in __import__('sys').modules",
          "'scipy.stats' in __import__('sys').modules"]


def test_the_tuning_travels_in_the_worker_configuration() -> None:
    for tuning in (FOR_LEARNERS, FOR_MANY_CHECKS, Tuning(warm_spares=False, torch_optim=True)):
        assert Tuning.from_config(tuning.config()) == tuning
    assert FOR_LEARNERS.warm_spares and not FOR_LEARNERS.torch_optim
    assert not FOR_MANY_CHECKS.warm_spares
    # anything else (an older parent, a damaged value) is the learner's default
    assert Tuning.from_config(None) == FOR_LEARNERS
    assert Tuning.from_config({"warm_spares": "no", "torch_optim": 1}) == FOR_LEARNERS


@pytest.fixture
def worker_socket() -> Iterator[int]:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    yield theirs.detach()
    ours.close()


@pytest.mark.parametrize(("tuning", "warm"), [(FOR_LEARNERS, True), (FOR_MANY_CHECKS, False)])
def test_a_spare_warms_up_only_when_tuned_to(worker_socket: int, tuning: Tuning, warm: bool,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    worker = serve.Worker({"sock": worker_socket, "scratch_root": "/nonexistent",
                           "tuning": tuning.config()})
    forked: list[dict[str, Any]] = []

    def fork_waiting(drop_caps: bool, warm: bool = True,
                     steady: bool = False) -> tuple[int, socket.socket]:
        forked.append({"warm": warm, "steady": steady})
        return 1, socket.socket()

    monkeypatch.setattr(worker, "fork_waiting", fork_waiting)
    worker.fork_spare()
    assert forked == [{"warm": warm, "steady": False}]
    assert worker.spare is not None
    worker.spare[1].close()
    worker.sock.close()


def test_spares_without_a_warm_up_grade_the_same() -> None:
    ex = exercise(**DOT)
    with Evaluator() as usual, Evaluator(tuning=FOR_MANY_CHECKS) as cold:
        for _ in range(2):  # the second one finds a spare forked while idle
            for source, passed in ((DOT["solution"], True), (WRONG, False)):
                a, b = usual.check(ex, source), cold.check(ex, source)
                assert a.passed is b.passed is passed
                assert [c.passed for c in a.cases] == [c.passed for c in b.cases]
                assert a.messages == b.messages


def _loaded(ev: Evaluator, kind: str) -> list[Any]:
    job = ev.lesson_code.expressions_job(LOADED, None, 30.0, None, ())
    outcome = ev.run_jobs([job], kind)[0]
    results = read_expressions(outcome, LOADED, None, 30.0)
    assert all(r.ok for r in results), [r.error for r in results]
    return [r.value for r in results]


def test_torch_optimizer_stack_is_imported_ahead_only_when_tuned_to() -> None:
    pytest.importorskip("torch")
    with Evaluator() as usual:
        # the torch worker imports torch, not scipy's submodules nor the optimizer stack
        assert _loaded(usual, "torch") == [False, False]
        assert _loaded(usual, "scipy") == [False, True]
    with Evaluator(tuning=Tuning(warm_spares=False, torch_optim=True)) as tuned:
        assert _loaded(tuned, "torch") == [True, False]
        step = ("import torch\ndef step():\n    p = torch.zeros(2, requires_grad=True)\n"
                "    opt = torch.optim.Adam([p], lr=0.5)\n    (p - 1.0).pow(2).sum().backward()\n"
                "    opt.step()\n    return p.detach().tolist()\n")
        job = tuned.lesson_code.expressions_job(["step()"], step, 30.0, None, ())
        result = read_expressions(tuned.run_jobs([job], "torch")[0], ["step()"], None, 30.0)
        assert result[0].ok and result[0].value == pytest.approx([0.5, 0.5])
