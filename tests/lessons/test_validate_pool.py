"""Validate's pool: which of its evaluators runs which check (no sandbox: stand-ins for the
evaluators record what ran on them)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from tutor.authoring import pool


@dataclass
class Stand:
    """An evaluator stand-in: remembers the checks run on it, and whether it was closed."""

    number: int
    ran: list[str] = field(default_factory=list)
    closed: bool = False

    def close(self) -> None:
        self.closed = True


@dataclass
class Task:
    name: str
    torch: bool = False
    scipy: bool = False
    weight: int = 1

    def run(self, evaluator: Stand) -> None:
        evaluator.ran.append(self.name)


def run(tasks: list[Task], jobs: int) -> list[Stand]:
    made: list[Stand] = []

    def start() -> Stand:
        made.append(Stand(len(made)))
        return made[-1]

    done = []
    lock = threading.Lock()

    def tick() -> None:
        with lock:
            done.append(1)

    assert pool.run_all(tasks, start, jobs, tick) is None
    assert len(done) == len(tasks)
    assert all(stand.closed for stand in made)
    return made


def test_torch_checks_run_on_the_first_evaluator_and_scipy_ones_on_the_last() -> None:
    tasks = [Task(f"numpy-{k}", weight=k) for k in range(12)]
    tasks += [Task(f"torch-{k}", torch=True, weight=5) for k in range(3)]
    tasks += [Task(f"scipy-{k}", scipy=True, weight=50 + k) for k in range(3)]
    stands = run(tasks, jobs=3)
    assert len(stands) == 3
    ran = {name: stand.number for stand in stands for name in stand.ran}
    assert sorted(ran) == sorted(t.name for t in tasks)  # each once
    assert {ran[f"torch-{k}"] for k in range(3)} == {0}
    assert {ran[f"scipy-{k}"] for k in range(3)} == {2}


def test_one_evaluator_runs_everything() -> None:
    tasks = [Task("a", torch=True), Task("b", scipy=True), Task("c"), Task("d")]
    stands = run(tasks, jobs=1)
    assert len(stands) == 1
    assert sorted(stands[0].ran) == ["a", "b", "c", "d"]
    assert stands[0].ran[0] == "a"  # torch ones first: their worker starts soonest


def test_no_evaluator_says_why() -> None:
    def start() -> Stand:
        raise OSError("no namespaces here")

    assert pool.run_all([Task("a"), Task("b")], start, 2, lambda: None) == \
        "no namespaces here"


def test_validate_tunes_its_workers_for_many_checks() -> None:
    """Spares without a warm-up always; torch's optimizer stack imported ahead when more
    than one torch reference steps an optimizer (the shipped course: Adam and AdamW)."""
    from tutor.authoring.cache import ValidateCache
    from tutor.authoring.validate import _code_checks, worker_tuning
    from tutor.lessons.loader import load_course

    course = load_course()
    checks = _code_checks(course.lessons, ValidateCache(None))
    optim = sorted(c.lesson.id for c in checks if c.optim)
    assert optim == ["optimization/adam", "optimization/adam"]
    assert all(c.torch for c in checks if c.optim)
    both = worker_tuning(checks)
    assert not both.warm_spares and both.torch_optim
    one = worker_tuning([c for c in checks if c.optim][:1])
    assert not one.warm_spares and not one.torch_optim
    assert not worker_tuning([c for c in checks if not c.optim]).torch_optim


def test_optim_is_named_as_a_word() -> None:
    from tutor.workerkind import names_optim

    assert names_optim("opt = torch.optim.Adam([p])")
    assert names_optim("from torch import optim")
    assert not names_optim("# the optimizer's step, by hand\nx -= lr * g")


def test_the_speed_check_counts_as_a_long_check() -> None:
    """Its loop baseline takes seconds: scheduled among the first, not the last."""
    from tutor.authoring.cache import ValidateCache
    from tutor.authoring.validate import _code_checks
    from tutor.lessons.loader import load_course

    checks = _code_checks(load_course().lessons, ValidateCache(None))
    timed = [c for c in checks if c.lesson.id == "linear-algebra/broadcasting-and-vectorization"
             and c.base == ("steps", 3)]
    assert len(timed) == 1
    untimed = sorted((c.weight for c in checks if c is not timed[0]), reverse=True)
    assert timed[0].weight > untimed[0]
