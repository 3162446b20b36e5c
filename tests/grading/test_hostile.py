"""Hostile submissions: each gets a clear verdict, and the test process survives.

A second evaluator runs without the audit hook, to show that the deeper layers
(seccomp, namespaces, limits) hold on their own. No test asserts on timing.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor import paths
from tutor.grading import Evaluator
from tutor.lessons.model import ExerciseStep

Check = Callable[..., Any]
GOOD = "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a * b))\n"


def body(*lines: str) -> str:
    """A dot() whose body runs ``lines`` first, then answers correctly."""
    inner = "".join(f"    {line}\n" for line in lines)
    return f"import os, sys\nimport numpy as np\n\ndef dot(a, b):\n{inner}" \
           "    return float(np.sum(a * b))\n"


@pytest.fixture(scope="module")
def bare_evaluator() -> Iterator[Evaluator]:
    """An evaluator with the audit hook turned off."""
    with Evaluator(off=("audit",)) as ev:
        yield ev


@pytest.fixture
def check_bare(bare_evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> Check:
    return lambda source, **fields: bare_evaluator.check(make_exercise(**fields), source)


def still_works(check: Check) -> None:
    assert check(GOOD).passed


def test_infinite_loop_times_out(check: Check) -> None:
    verdict = check(body("while True:", "    pass"), time_limit=1)
    assert verdict.status == "timeout"
    assert verdict.messages[0] == (
        "your code did not finish all 7 cases within 1 s: look for an endless loop, or a loop "
        "over millions of elements that numpy could do at once (time ran out on the worked "
        "example)")
    verdict = check("while True:\n    pass\n", time_limit=1)
    assert verdict.status == "timeout"
    assert verdict.messages[0].startswith("your code did not finish loading within 1 s")
    still_works(check)


def test_memory_bombs(check: Check) -> None:
    verdict = check(body("x = np.ones(10**10)"))
    assert verdict.status == "memory" and "MemoryError" in verdict.messages[0]
    verdict = check(body("x = []", "while True:", "    x.append(np.zeros(10**7))"))
    assert verdict.status == "memory"
    still_works(check)


def test_fork_bomb(check: Check, check_bare: Check) -> None:
    verdict = check(body("while True:", "    os.fork()"))
    assert verdict.status == "error" and "starting another process (os.fork)" in \
        verdict.messages[0]
    verdict = check_bare(body("while True:", "    os.fork()"))
    assert verdict.status == "error" and "Operation not permitted" in verdict.messages[0]
    still_works(check)


def test_subprocess(check: Check, check_bare: Check) -> None:
    source = body("import subprocess", "subprocess.run(['echo', 'hi'])")
    assert "starting another process" in check(source).messages[0]
    assert "Operation not permitted" in check_bare(source).messages[0]


def test_socket_to_a_local_listener(check: Check, check_bare: Check) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.2)
        port = listener.getsockname()[1]
        source = body("import socket", f"socket.create_connection(('127.0.0.1', {port}), 2)")
        verdict = check(source)
        assert verdict.status == "error" and "network access" in verdict.messages[0]
        verdict = check_bare(source)
        assert verdict.status == "error" and "PermissionError" in verdict.messages[0]
        with pytest.raises(socket.timeout):
            listener.accept()


def test_a_refusal_the_code_catches_is_still_reported(check: Check) -> None:
    from tutor.grading.refusals import Refusal, RefusalKind

    verdict = check(body("try:", "    os.fork()", "except PermissionError:", "    pass"))
    fork = Refusal(RefusalKind.PROCESS, "starting another process (os.fork)")
    assert verdict.passed and verdict.refusals == [fork]
    assert verdict.messages[-1] == ("the sandbox stopped your code from starting another "
                                    "process (os.fork)")
    assert verdict.to_json()["refusals"] == [fork.to_wire()]


def test_writing_outside_scratch(check: Check, tmp_path: Path) -> None:
    target = tmp_path / "pwned.txt"
    verdict = check(body(f"open({str(target)!r}, 'w').write('x')"))
    assert verdict.status == "error" and "writing" in verdict.messages[0]
    assert not target.exists()
    assert check(body("open('notes.txt', 'w').write('scratch is fine')")).passed


def test_reading_the_lesson_tree_and_home(check: Check, check_bare: Check) -> None:
    lessons = paths.lessons_dir()
    lesson_file = next(lessons.rglob("*.yaml"), None)
    if lesson_file is not None:
        verdict = check(body(f"print(open({str(lesson_file)!r}).read())"))
        assert verdict.status == "error" and "reading" in verdict.messages[0]
        verdict = check_bare(body(f"print(open({str(lesson_file)!r}).read())"))
        assert verdict.status == "error" and "FileNotFoundError" in verdict.messages[0]
        assert "solution" not in verdict.stdout
    verdict = check(body(f"print(os.listdir({str(Path.home())!r}))"))
    assert verdict.status == "error" and "listing" in verdict.messages[0]


def test_killing_the_parent_and_the_group(check: Check, check_bare: Check) -> None:
    # In its PID namespace a child sees no parent (getppid() is 0, which would signal its
    # own group): name the namespace's first process and the test process instead.
    for target in ("1", str(os.getpid())):
        verdict = check(body(f"os.kill({target}, 9)"))
        assert verdict.status == "error" and "sending signals" in verdict.messages[0]
        verdict = check_bare(body(f"os.kill({target}, 9)"))
        assert verdict.status == "error" and "Operation not permitted" in verdict.messages[0]
    verdict = check(body("os.killpg(0, 9)"))
    assert verdict.status == "error" and "sending signals" in verdict.messages[0]
    verdict = check_bare(body("os.killpg(0, 9)"))  # only its own group: itself
    assert verdict.status == "killed" and "SIGKILL" in verdict.messages[0]
    still_works(check)


def test_exits(check: Check) -> None:
    verdict = check(body("sys.exit(0)"))
    assert verdict.status == "error" and "sys.exit()" in verdict.messages[0]
    verdict = check(body("os._exit(3)"))
    assert verdict.status == "killed" and "exit code 3" in verdict.messages[0]
    verdict = check(body("raise KeyboardInterrupt"))
    assert verdict.status == "error" and "KeyboardInterrupt" in verdict.messages[0]
    verdict = check(body("raise SystemExit(2)"))
    assert verdict.status == "error" and "sys.exit()" in verdict.messages[0]
    still_works(check)


def test_huge_output_is_capped(check: Check) -> None:
    verdict = check(body("for _ in range(20000):", "    print('x' * 1000)"))
    assert verdict.passed
    assert len(verdict.stdout) < 20_000 and "more characters of output not shown" in \
        verdict.stdout


def test_deep_recursion(check: Check) -> None:
    verdict = check("def dot(a, b):\n    return dot(a, b)\n")
    assert verdict.status == "error" and "maximum recursion depth" in verdict.messages[0]
    verdict = check("import sys\nsys.setrecursionlimit(10**7)\n"
                    "def dot(a, b):\n    return dot(a, b)\n", time_limit=2)
    assert verdict.status in ("killed", "memory", "error", "timeout") and verdict.messages[0]
    still_works(check)


def test_segfaults(check: Check, check_bare: Check) -> None:
    verdict = check(body("import ctypes", "ctypes.string_at(0)"))
    assert verdict.status == "error" and "ctypes" in verdict.messages[0]
    verdict = check_bare(body("import ctypes", "ctypes.string_at(0)"))
    assert verdict.status == "killed" and "segmentation fault" in verdict.messages[0]
    crash = body("from numpy.lib.stride_tricks import as_strided",
                 "x = as_strided(np.zeros(1), shape=(2,), strides=(2**44,))",
                 "print(x[1] + 1)")
    verdict = check(crash)
    assert verdict.status == "killed" and "segmentation fault" in verdict.messages[0]
    still_works(check)


def test_monkeypatching_numpy_cannot_fake_a_pass(check: Check) -> None:
    source = """
import numpy as np
np.allclose = lambda *a, **k: True
np.isclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None

def dot(a, b):
    return 0.0
"""
    assert check(source).status == "failed"


def test_lying_objects_cannot_fake_a_pass(check: Check) -> None:
    source = """
import numpy as np

class Liar(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__

class ArrayLiar:
    def __eq__(self, other):
        return True
    def __array__(self, dtype=None, copy=None):
        return np.array(123.0)

def dot(a, b):
    return Liar(0.0) if len(a) == 3 else ArrayLiar()
"""
    verdict = check(source)
    assert verdict.status in ("failed", "error")
    assert all(not c.passed for c in verdict.cases)


def test_reading_the_parents_environment_or_memory(check: Check, check_bare: Check) -> None:
    for name in ("environ", "mem"):
        source = body(f"open(f'/proc/{{os.getppid()}}/{name}', 'rb').read()")
        assert "reading /proc/" in check(source).messages[0]
        assert "FileNotFoundError" in check_bare(source).messages[0]


def test_raising_limits(check: Check, check_bare: Check) -> None:
    source = body("import resource", "resource.setrlimit(resource.RLIMIT_CPU, "
                  "(resource.RLIM_INFINITY, resource.RLIM_INFINITY))")
    assert "changing resource limits" in check(source).messages[0]
    assert check_bare(source).status == "error"


def test_importing_torch_in_a_numpy_exercise_is_fine(check: Check) -> None:
    source = body("import torch", "assert torch.ones(2).sum().item() == 2.0")
    assert check(source, time_limit=60).passed
