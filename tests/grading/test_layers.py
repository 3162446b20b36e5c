"""The sandbox's layers as reported (``tutor doctor`` shows them: tests/commands/test_doctor.py),
turned off one by one."""

from __future__ import annotations

from tutor.grading import Evaluator
from tutor.grading.sandbox import Job


def test_layers_degrade_one_by_one_and_say_so() -> None:
    with Evaluator(off=("netns", "mountns", "seccomp")) as ev:
        layers = {layer["name"]: layer for layer in ev.worker_info()["layers"]}
        assert not layers["network namespace"]["active"]
        assert layers["network namespace"]["detail"] == "turned off"
        assert not layers["allow-list root"]["active"]
        assert layers["allow-list root"]["detail"] == "needs a mount namespace"
        [outcome] = ev.run_jobs([Job({"op": "exec", "code": "import os\nos.fork()"})])
        ready = outcome.events("ready")[0]["layers"]
        assert ready["seccomp"] == "turned off" and ready["audit"] == "ok"
        assert "os.fork" in outcome.events("exec")[0]["exc"]["message"]


CAP_PROBE = "import ctypes\nprint(ctypes.CDLL(None).prctl(23, 21, 0, 0, 0))"  # CAPBSET_READ


def test_a_job_that_keeps_capabilities_gets_a_child_of_its_own() -> None:
    """Spare children drop capabilities before their job arrives; a job run with that layer
    off (as the doctor's probes may) must not be handed one of them."""
    with Evaluator() as ev:
        kept, dropped, again = ev.run_jobs([
            Job({"op": "exec", "code": CAP_PROBE}, off=("caps", "audit")),
            Job({"op": "exec", "code": CAP_PROBE}, off=("audit",)),
            Job({"op": "exec", "code": CAP_PROBE}, off=("caps", "audit"))])
        for outcome, caps, printed in ((kept, "turned off", "1"), (dropped, "ok", "0"),
                                       (again, "turned off", "1")):
            assert outcome.events("ready")[0]["layers"]["caps"] == caps
            assert outcome.events("exec")[0]["stdout"].strip() == printed
