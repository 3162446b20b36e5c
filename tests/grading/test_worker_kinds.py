"""Jobs go to the lightest warm worker their code needs: numpy alone, with scipy, or torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tutor.grading import Evaluator
from tutor.grading.sandbox import Job
from tutor.workerkind import kind_for as kind_of_payloads

Check = Callable[..., Any]


def kind_for(jobs: list[Job], torch: bool = False) -> str:
    return kind_of_payloads([job.payload for job in jobs], torch)


def test_code_that_names_scipy_goes_to_the_scipy_worker() -> None:
    plain = Job({"op": "cases", "code": "import numpy as np\ndef f(x):\n    return x\n"})
    named = Job({"op": "cases", "code": "from scipy import stats\ndef f(x):\n    return x\n"})
    in_generator = Job({"op": "cases", "code": "def f(x):\n    return x\n",
                        "cases": [{"generator": "import scipy.special\n"}]})
    assert kind_for([plain]) == "numpy"
    assert kind_for([named]) == "scipy"
    assert kind_for([plain, in_generator]) == "scipy"
    assert kind_for([plain], torch=True) == "torch"
    assert kind_of_payloads(["import numpy as np", "from scipy import stats"]) == "scipy"
    assert kind_of_payloads(["import numpy as np"]) == "numpy"  # a learner's file, as text


def test_encoded_inputs_are_not_read_as_code() -> None:
    job = Job({"op": "cases", "code": "def f(x):\n    return x\n",
               "cases": [{"wire": [{"str": "scipy"}]}]})
    assert kind_for([job]) == "numpy"


def test_learner_code_runs_in_the_numpy_worker(evaluator: Evaluator, check: Check) -> None:
    assert check("import numpy as np\ndef dot(a, b):\n    return float(np.sum(a * b))\n").passed
    assert "numpy" in evaluator._workers


def test_scipy_still_works_when_reached_without_its_name(check: Check) -> None:
    source = ("import importlib\nname = 'sc' + 'ipy.special'\n"
              "def dot(a, b):\n    special = importlib.import_module(name)\n"
              "    return float(2 * special.expit(0.0) * (a @ b))\n")
    assert check(source).passed


def test_scipy_code_is_graded_in_the_scipy_worker(evaluator: Evaluator, check: Check) -> None:
    source = ("import numpy as np\nfrom scipy import linalg\n"
              "def dot(a, b):\n    return float(a @ b) if linalg is not None else 0.0\n")
    assert check(source).passed
    info = evaluator.worker_info("scipy")
    assert info["ready"] and "scipy" in info["versions"]
