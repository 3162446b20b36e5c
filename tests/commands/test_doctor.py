"""`tutor doctor`: every layer on, and the probes the layers block."""

from __future__ import annotations

import pytest

from tutor.cli import main


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
