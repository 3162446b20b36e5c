"""`tutor doctor` and the layer reports behind it."""

from __future__ import annotations

import pytest

from tutor.cli import main
from tutor.grading import Evaluator
from tutor.grading.sandbox import Job


def test_doctor_lists_layers_and_probes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    for layer in ("resource limits", "seccomp filter", "audit hook", "network namespace",
                  "allow-list root", "devices and /sys", "PID namespace", "memory cap",
                  "scratch per run", "capabilities dropped"):
        assert f"[on ] {layer}:" in out
    assert "start a process" in out and "every layer:       blocked" in out
    assert "every layer:       blocked (PermissionError: starting another process (os.fork) " \
        "is not allowed)" in out  # the refusal's own words, not its exception's
    assert "every layer:       allowed" not in out
    probes = out.split("probes:", 1)[1]
    allowed = [line for line in probes.splitlines() if ":  allowed" in line]
    # without the hook, only two harmless things remain: seeing the Python installation's
    # folder names, and calling C (whose effects the kernel layers still bound)
    assert all("without the hook:  allowed" in line for line in allowed)
    assert len(allowed) <= 3


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
