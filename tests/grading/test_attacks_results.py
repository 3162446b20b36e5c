"""Results (issue 11 §1, §5 and the first wave with the hook off): whatever the code
under test writes on the result descriptor, nothing forges a pass, a malformed line is
that file's "malformed data" error, the parent raises nothing, the next file is graded."""

from __future__ import annotations

import json

import pytest

from tutor.grading import Evaluator

from .attacks import GOOD, MODES, WRONG, body, exercise, hostile, shared


@pytest.fixture(scope="module", params=MODES)
def ev(request: pytest.FixtureRequest) -> Evaluator:
    return shared(request.param)


def forge(*lines: str | bytes, then: str = "import os\nos._exit(0)") -> str:
    """Code that writes ``lines`` to the result descriptor (fd 3) at load, then ``then``."""
    raw = [line if isinstance(line, bytes) else line.encode() for line in lines]
    return hostile(f"import os\nfor _l in {raw!r}:\n    os.write(3, _l + b'\\n')\n", then)


DONE = json.dumps({"ev": "done", "stdout": "", "dropped": 0})


@pytest.mark.parametrize("then", ["import os\nos._exit(0)", WRONG, "while True:\n    pass"])
def test_a_forged_done_is_no_pass(ev: Evaluator, then: str) -> None:
    verdict = ev.check(exercise(time_limit=2), forge(DONE, then=then))
    assert not verdict.passed and verdict.status != "passed", verdict.messages


def test_forged_cases_are_no_pass(ev: Evaluator) -> None:
    # the first case's right answer, then done: six planned cases never reported
    one = json.dumps({"ev": "case", "k": 0, "out": 16.0})
    assert not ev.check(exercise(), forge(one, DONE)).passed
    # every case "passed" with a lying out2 / no out at all, then the real (wrong) run
    every = [json.dumps({"ev": "case", "k": k}) for k in range(7)]
    assert not ev.check(exercise(), forge(*every, DONE)).passed
    assert not ev.check(exercise(), forge(*every, then=WRONG)).passed
    # a second ready report claiming no layers
    ready = json.dumps({"ev": "ready", "layers": {}})
    assert not ev.check(exercise(), forge(ready, then=WRONG)).passed
    assert ev.check(exercise(), GOOD).passed


MALFORMED = {
    "warn: 5": {"ev": "case", "k": 0, "out": 16.0, "warn": 5},
    "exc: 'x'": {"ev": "case", "k": 0, "exc": "x"},
    "dropped: 'x'": {"ev": "done", "stdout": "", "dropped": "x"},
    "refusals: 5": {"ev": "done", "stdout": "", "dropped": 0, "refusals": 5},
    "refusal as text": {"ev": "done", "stdout": "", "dropped": 0,
                        "refusals": ["starting another process (os.fork)"]},
    "refusal of no kind": {"ev": "done", "stdout": "", "dropped": 0,
                           "refusals": [{"kind": "magic", "action": "x", "reason": ""}]},
    "load without exc": {"ev": "load"},
    "65 dimensions": {"ev": "case", "k": 0,
                      "out": {"nd": "<f8", "shape": [1] * 65, "b64": "AAAAAAAAAAA="}},
    "shape and data disagree": {"ev": "case", "k": 0,
                                "out": {"nd": "<f8", "shape": [10**6], "b64": ""}},
    "object dtype": {"ev": "case", "k": 0, "out": {"nd": "|O", "shape": [], "b64": ""}},
    "unknown tag": {"ev": "case", "k": 0, "out": {"pickle": "gASVAAAA"}},
    "huge list": {"ev": "case", "k": 0, "out": {"list": [1.0] * 300_000}},
    "huge warn list": {"ev": "case", "k": 0, "out": 16.0, "warn": ["w"] * 200_000},
    "long text": {"ev": "case", "k": 0, "out": 16.0, "stdout": "x" * 2_000_000},
    "unplanned case": {"ev": "case", "k": 99, "out": 1.0},
    "extra key": {"ev": "case", "k": 0, "out": 16.0, "passed": True},
    "negative index": {"ev": "case", "k": -1, "out": 16.0},
    "bool index": {"ev": "case", "k": True, "out": 16.0},
    "timing": {"ev": "timed", "outs": [], "seconds": 1e-9, "speedup": 1000.0},
}
RAW = {
    "not json": b"{not json",
    "not an object": b"[1, 2, 3]",
    "bad utf-8": b'{"ev": "\xff\xfe"}',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "huge integer": b'{"ev": "start", "k": ' + b"9" * 10_000 + b"}",
    "7 MB message": b'{"ev": "case", "k": 0, "out": {"list": [' + b"1," * 3_500_000 + b"1]}}",
}


@pytest.mark.parametrize("name", [*MALFORMED, *RAW])
def test_malformed_messages_are_that_files_error(ev: Evaluator, name: str) -> None:
    line = RAW[name] if name in RAW else json.dumps(MALFORMED[name]).encode()
    verdict = ev.check(exercise(), forge(line, then=GOOD))
    assert verdict.status == "error", (name, verdict.messages)
    assert "malformed data" in verdict.messages[0] or "more data than" in verdict.messages[0], \
        (name, verdict.messages)
    assert ev.check(exercise(), GOOD).passed


def test_a_flood_of_tiny_messages(ev: Evaluator) -> None:
    flood = hostile("""
        import os
        line = b'{"ev":"phase","phase":"load"}\\n'
        for _ in range(2_000_000):
            os.write(3, line * 64)
        """, GOOD)
    verdict = ev.check(exercise(time_limit=5), flood)
    assert verdict.status == "error" and "malformed data" in verdict.messages[0], \
        verdict.messages
    assert ev.check(exercise(), GOOD).passed


PARENT_CRASHERS = {
    "array shape Infinity": {"nd": "<f8", "shape": [float("inf")], "b64": ""},
    "string array shape Infinity": {"strs": [], "shape": [float("inf")]},
    "PCG64 state too large": {"rng": {"bit_generator": "PCG64", "state": {
        "state": 10**40, "inc": 1}, "has_uint32": 0, "uinteger": 0}},
    "MT19937 key Infinity": {"rng": {"bit_generator": "MT19937", "state": {
        "key": [float("inf")], "pos": 1}}},
    "SFC64 state too large": {"rng": {"bit_generator": "SFC64", "state": {
        "state": [2**70] * 4}, "has_uint32": 0, "uinteger": 0}},
}


@pytest.mark.parametrize("name", PARENT_CRASHERS)
def test_values_that_overflow_in_the_parent(ev: Evaluator, name: str) -> None:
    line = json.dumps({"ev": "case", "k": 0, "out": PARENT_CRASHERS[name]}).encode()
    try:
        verdict = ev.check(exercise(), forge(line, then=GOOD))
    except OverflowError as exc:
        pytest.fail(f"the parent raised {exc!r}")
    assert verdict.status == "error" and "malformed data" in verdict.messages[0]
    assert ev.check(exercise(), GOOD).passed


def test_printing_a_lone_surrogate_is_shown_escaped(ev: Evaluator) -> None:
    verdict = ev.check(exercise(), body("print('\\ud800 and \\udfff')"))
    assert verdict.passed, verdict.messages
    assert "\\ud800" in verdict.stdout


def test_an_exception_on_a_long_line_is_reported_as_itself(ev: Evaluator) -> None:
    long_line = "x = [" + ", ".join(["1"] * 400) + "]; raise ValueError('plain')"
    verdict = ev.check(exercise(), f"import numpy as np\n{long_line}\n")
    assert verdict.status == "error" and "ValueError" in verdict.messages[0], verdict.messages


# -- the first wave, with the hook off ------------------------------------------------

def test_infinite_loops_time_out(ev: Evaluator) -> None:
    verdict = ev.check(exercise(time_limit=1), body("while True:", "    pass"))
    assert verdict.status == "timeout"
    verdict = ev.check(exercise(time_limit=1), hostile("import signal",
                       "signal.signal(signal.SIGXCPU, signal.SIG_IGN)", "while True:\n    pass"))
    assert verdict.status == "timeout"
    assert ev.check(exercise(time_limit=1), GOOD).passed


def test_memory_bombs(ev: Evaluator) -> None:
    verdict = ev.check(exercise(), body("x = np.ones(10**10)"))
    assert verdict.status == "memory"
    verdict = ev.check(exercise(), body("import resource",
                                        "resource.setrlimit(resource.RLIMIT_AS, (-1, -1))",
                                        "x = np.ones(10**10)"))
    assert verdict.status in ("memory", "error") and not verdict.passed
    verdict = ev.check(exercise(), body("x = []", "while True:",
                                        "    x.append(np.zeros(10**7))"))
    assert verdict.status == "memory"
    assert ev.check(exercise(), GOOD).passed


def test_huge_output_is_capped(ev: Evaluator) -> None:
    verdict = ev.check(exercise(), body("for _ in range(20000):", "    print('x' * 1000)",
                                        "sys.stdout.write('y' * 10**7)"))
    assert verdict.passed and len(verdict.stdout) < 20_000
    verdict = ev.check(exercise(), body("os.write(1, b'x' * 10**6)", "os.write(2, b'y')"))
    assert verdict.passed and verdict.stdout == ""


def test_deep_recursion(ev: Evaluator) -> None:
    verdict = ev.check(exercise(), hostile("def dot(a, b):\n    return dot(a, b)"))
    assert verdict.status == "error" and "recursion" in verdict.messages[0]
    verdict = ev.check(exercise(time_limit=2), hostile(
        "import sys", "sys.setrecursionlimit(10**7)", "def dot(a, b):\n    return dot(a, b)"))
    assert verdict.status in ("killed", "memory", "error", "timeout") and verdict.messages[0]
    assert ev.check(exercise(), GOOD).passed


def test_signals_to_itself(ev: Evaluator) -> None:
    for sig in ("SIGSEGV", "SIGSTOP", "SIGABRT"):
        verdict = ev.check(exercise(time_limit=2), body(f"os.kill(os.getpid(), {sig_num(sig)})"))
        assert not verdict.passed, sig
    assert ev.check(exercise(), GOOD).passed


def sig_num(name: str) -> int:
    import signal

    return int(getattr(signal, name))


def test_lying_objects_cannot_fake_a_pass(ev: Evaluator) -> None:
    source = hostile("""
        import numpy as np
        class Liar(float):
            def __eq__(self, other):
                return True
            __hash__ = float.__hash__
            def __sub__(self, other):
                return 0.0
            __rsub__ = __sub__
        class ArrayLiar:
            def __eq__(self, other):
                return True
            def __array__(self, dtype=None, copy=None):
                return np.array(123.0)
            def __float__(self):
                return 16.0
        class SubArray(np.ndarray):
            def __eq__(self, other):
                return np.ones(np.shape(other), dtype=bool)
            def __array_finalize__(self, obj):
                pass
        np.allclose = lambda *a, **k: True
        np.isclose = lambda *a, **k: True
        def dot(a, b):
            k = len(a)
            if k == 3:
                return Liar(0.0)
            if k % 2:
                return ArrayLiar()
            return np.zeros(1).view(SubArray)
        """)
    verdict = ev.check(exercise(), source)
    assert verdict.status in ("failed", "error")
    assert all(not c.passed for c in verdict.cases)
