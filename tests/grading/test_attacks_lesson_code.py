"""Lesson code is untrusted too (issue 11 §8 and every class above): the reference
solution, a generator, a known mistake, a speed baseline and a fact each run the full
probe with the hook neutralised, through the Evaluator and through
`tutor lessons validate` on a small hostile tree. Nothing may work."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from tutor.grading import Evaluator

from .attacks import (
    CHECKOUT,
    GOOD,
    MODES,
    NEUTRALISE,
    PROBE,
    WRONG,
    exercise,
    linger,
    probe_module,
    processes_marked,
    shared,
    targets,
    world,
    written,
)
from .conftest import DOT_GENERATOR, SPEED


@pytest.fixture(scope="module", params=MODES)
def ev(request: pytest.FixtureRequest) -> Evaluator:
    return shared(request.param)


SOLUTION = str(exercise().solution)


def _mistake(t: dict[str, Any]) -> str:
    """A known mistake that matches the wrong answer 0.0 only if an attack worked."""
    return (NEUTRALISE + PROBE + f"_LEAKS = _tutor_probe({t!r})\n"
            "def dot(a, b):\n    return 0.0 if _LEAKS else 1.0\n")


def test_reference_solution(ev: Evaluator) -> None:
    t = targets(world())
    verdict = ev.check(exercise(solution=probe_module(t, then=SOLUTION)), GOOD)
    assert verdict.passed and verdict.lesson_problem is None, verdict.messages
    assert written(t) == [] and world().db_state() == world().initial_db


def test_generator(ev: Evaluator) -> None:
    t = targets(world())
    random = [{"generator": probe_module(t, then=DOT_GENERATOR), "count": 3, "seed": 2,
               "sizes": [1, 4]}]
    verdict = ev.check(exercise(random=random), GOOD)
    assert verdict.passed and verdict.lesson_problem is None, verdict.messages
    assert written(t) == []


def test_known_mistake(ev: Evaluator) -> None:
    t = targets(world())
    mistakes = [{"name": "probe", "code": _mistake(t), "message": "matched"}]
    verdict = ev.check(exercise(mistakes=mistakes), WRONG)
    assert verdict.status == "failed" and verdict.mistake is None, verdict.messages
    assert written(t) == []


def test_speed_baseline(ev: Evaluator) -> None:
    t = targets(world())
    speed = dict(SPEED["speed"])  # type: ignore[arg-type]
    speed["baseline"] = probe_module(t, then=str(speed["baseline"]))
    verdict = ev.check(exercise(**{**SPEED, "speed": speed}), str(SPEED["solution"]))
    assert verdict.passed and verdict.lesson_problem is None, verdict.messages
    assert written(t) == []


def test_facts(ev: Evaluator) -> None:
    t = targets(world())
    solution = NEUTRALISE + PROBE + f"_T = {t!r}\n" + SOLUTION
    results = ev.eval_expressions(["_tutor_probe(_T)", f"__import__('builtins').exec("
                                   f"{PROBE!r} + '\\n_L = _tutor_probe(' + repr(_T) + ')\\n"
                                   "if _L: raise RuntimeError(repr(_L))') or 0"],
                                  solution, time_limit=20)
    assert [r.ok for r in results] == [True, True], [r.error for r in results]
    assert results[0].value == [] and results[1].value == 0
    assert written(t) == []


# -- `tutor lessons validate` on a hostile tree -------------------------------------

def _tree(root: Path, t: dict[str, Any], marker: str) -> None:
    def probe(then: str) -> str:
        return probe_module(t, then=then)

    step = {
        "kind": "exercise", "id": "linear-algebra/hostile-dot", "title": "Dot",
        "prompt": "Write dot(a, b).", "function": "dot",
        "starter": "def dot(a, b):\n    raise NotImplementedError\n",
        "solution": probe(linger(marker) + SOLUTION),
        "cases": [{"args": "np.array([2., 3., 1.]), np.array([4., 1., 5.])"}],
        "random": [{"generator": probe(DOT_GENERATOR), "count": 2, "seed": 1,
                    "sizes": [1, 4]}],
        "mistakes": [{"name": "probe", "code": _mistake(t).replace(
            "0.0 if _LEAKS else 1.0", "float(a @ b) if _LEAKS else 1.0"),
            "message": "matched"}],
        "facts": [{"code": "len(_tutor_probe(_T))", "value": 0}],
        "hints": ["Multiply and add."],
    }
    speed_step = {
        "kind": "exercise", "id": "linear-algebra/hostile-total", "title": "Total",
        "prompt": "Write total(x).", "function": "total", "starter": SPEED["starter"],
        "solution": SPEED["solution"], "cases": SPEED["cases"], "compare": SPEED["compare"],
        "speed": {**SPEED["speed"],  # type: ignore[dict-item]
                  "baseline": probe(str(SPEED["speed"]["baseline"]))},  # type: ignore[index]
        "hints": ["Use numpy."],
    }
    lesson = {"id": "linear-algebra/hostile", "title": "Hostile", "pillar": "linear-algebra",
              "order": 1, "summary": "Lesson code that attacks.",
              "steps": [{"kind": "text", "body": "Hi."}, step, speed_step]}
    (root / "linear-algebra").mkdir(parents=True)
    (root / "linear-algebra" / "hostile.yaml").write_text(
        yaml.safe_dump(lesson, sort_keys=False, width=10_000))


def test_validate_runs_hostile_lesson_code_contained(tmp_path: Path) -> None:
    runs = {}
    for mode in ((), ("audit",)):
        name = "-".join(mode) or "on"
        root = tmp_path / f"tree-{name}"
        t = targets(world(), extra_write_dirs=(root, root / "linear-algebra"))
        t["read"].append(str(root / "linear-algebra" / "hostile.yaml"))
        marker = f"atk{uuid.uuid4().hex[:10]}"
        _tree(root, t, marker)
        env = {**os.environ, "TUTOR_SANDBOX_OFF": ",".join(mode),
               "TUTOR_DATA_DIR": str(world().data_dir)}
        proc = subprocess.Popen([sys.executable, "-m", "tutor.cli", "lessons", "validate",
                                 str(root)], cwd=CHECKOUT, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        runs[name] = (proc, t, marker)
    for name, (proc, t, marker) in runs.items():
        out, err = proc.communicate(timeout=300)
        assert "LEAK" not in out + err, (name, out, err)
        assert "Traceback" not in err, (name, err)
        assert proc.returncode == 0, (name, out, err)
        assert written(t) == []
        assert processes_marked(marker) == []
    assert world().db_state() == world().initial_db
