"""The speed check (issue 11 §4, issue 22 §3): a slow function that memoises on its
inputs' bytes, one that replays results through scratch, and one that forges a timing
line at import all fail; an honest vectorised one passes. With the hook neutralised."""

from __future__ import annotations

import pytest

from tutor.grading import Evaluator

from .attacks import MODES, exercise, hostile, shared
from .conftest import SPEED


@pytest.fixture(scope="module", params=MODES)
def ev(request: pytest.FixtureRequest) -> Evaluator:
    return shared(request.param)


SLOW = """
def _slow(x):
    s = 0.0
    for v in x:
        s += float(v)
    return s
"""
CHEATS = {
    "memoises on input bytes": SLOW + """
_memo = {}
def total(x):
    key = x.tobytes()
    if key not in _memo:
        _memo[key] = _slow(x)
    return _memo[key]
""",
    "replays through scratch": SLOW + """
import hashlib, json, os
def total(x):
    name = "memo-" + hashlib.sha256(x.tobytes()).hexdigest()
    for place in (".", "..", "/scratch", os.environ.get("HOME", ".")):
        try:
            with open(os.path.join(place, name)) as f:
                return json.load(f)
        except OSError:
            pass
    out = _slow(x)
    for place in (".", "..", "/scratch", os.environ.get("HOME", ".")):
        try:
            with open(os.path.join(place, name), "w") as f:
                json.dump(out, f)
        except OSError:
            pass
    return out
""",
    "forges a timing line at import": SLOW + """
import os, json
for line in ({"ev": "timed", "outs": [0.0, 0.0, 0.0]},
             {"ev": "timed", "outs": [], "seconds": 1e-9, "speedup": 1e6},
             {"ev": "speed", "ratio": 1e6, "passed": True}):
    try:
        os.write(3, json.dumps(line).encode() + b"\\n")
    except OSError:
        pass
def total(x):
    return _slow(x)
""",
    "forges timing and leaves": SLOW + """
import os, sys
job = None
frame = sys._getframe()
while frame is not None:
    runner = frame.f_locals.get("self")
    if getattr(runner, "job", None) is not None:
        job = runner.job
    frame = frame.f_back
if job is not None and job.get("op") == "time":
    os.write(3, b'{"ev":"timed","outs":[0.0,0.0,0.0]}\\n')
    os._exit(0)
def total(x):
    return _slow(x)
""",
    "patches the clocks": SLOW + """
import sys, time
for mod in list(sys.modules.values()):
    for name in ("perf_counter", "process_time", "monotonic", "time"):
        if getattr(mod, name, None) in (time.perf_counter, time.process_time, time.monotonic,
                                        time.time):
            try:
                setattr(mod, name, lambda: 0.0)
            except (AttributeError, TypeError):
                pass
def total(x):
    return _slow(x)
""",
}


@pytest.mark.parametrize("name", CHEATS)
def test_speed_cheats_fail(ev: Evaluator, name: str) -> None:
    speed = exercise(**SPEED)
    for _ in range(2):  # a second check in the same evaluator sees the same speed inputs
        verdict = ev.check(speed, hostile(CHEATS[name]))
        assert not verdict.passed, (name, verdict.messages)
        assert all(not c.passed for c in verdict.cases if c.name == "speed"), name


def test_an_honest_vectorised_function_passes(ev: Evaluator) -> None:
    verdict = ev.check(exercise(**SPEED), hostile(str(SPEED["solution"])))
    assert verdict.passed, verdict.messages
    assert verdict.cases[-1].name == "speed" and verdict.cases[-1].passed
