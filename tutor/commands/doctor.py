"""`tutor doctor`: which sandbox layers are active on this machine, proven by probes.

Every layer degrades on its own (an unprivileged user may get no namespaces, an
unusual CPU no seccomp filter); this command says which ones hold here, then
runs small hostile programs in the sandbox, once with every layer and once
without the audit hook, to show what stops each of them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
from pathlib import Path
from typing import Any

from tutor import paths
from tutor.commands.verdicts import sandbox_off


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("doctor", parents=[parent], help=summary,
                       description=__doc__)
    p.add_argument("--no-probes", action="store_true", help="list the layers only")
    p.set_defaults(handler=cmd_doctor)


def probes(home: Path, lessons: Path, data: Path) -> list[tuple[str, str]]:
    """(what, code) pairs; each code does something the sandbox must refuse."""
    package = Path(__file__).resolve().parents[1]  # tutor/, wherever it is installed
    return [
        ("start a process", "import os\npid = os.fork()\nif pid == 0:\n    os._exit(0)\n"
                            "os.waitpid(pid, 0)"),
        ("run a shell command", "import subprocess\nsubprocess.run(['true'])"),
        ("connect to 127.0.0.1", "import socket\nsocket.create_connection(('127.0.0.1', 9), 1)"),
        ("signal another process", "import os\nos.kill(1, 9)"),
        ("raise its CPU limit", "import resource\nr = resource.RLIMIT_CPU\n"
                                "resource.setrlimit(r, (resource.RLIM_INFINITY,) * 2)"),
        ("list the home directory", f"import os\nprint(sorted(os.listdir({str(home)!r})))"),
        ("list the lesson tree", f"import os\nprint(sorted(os.listdir({str(lessons)!r})))"),
        ("list the progress data", f"import os\nprint(sorted(os.listdir({str(data)!r})))"),
        ("list the tutor package", f"import os\nprint(sorted(os.listdir({str(package)!r})))"),
        ("read /etc/passwd", "open('/etc/passwd').read()"),
        ("read /proc", "import os\nprint(os.listdir('/proc'))"),
        ("write outside scratch", "open('/usr/lib/tutor-probe', 'w').write('x')"),
        ("write to /tmp", "open('/tmp/tutor-probe', 'w').write('x')"),
        ("open a terminal", "import os\nprint(os.listdir('/dev'))\nopen('/dev/pts/0', 'w')"),
        ("hold memory in a memfd", "import os\nos.memfd_create('x')"),
        ("attach a database file", "import sqlite3\nc = sqlite3.connect(':memory:')\n"
                                   "c.execute(\"ATTACH DATABASE '/usr/tutor.db' AS x\")"),
        ("outlive its parent", "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                               "assert libc.prctl(1, 0, 0, 0, 0) == 0, 'prctl refused'"),
        ("leave its session", "import os\nos.setsid()"),
        ("call C through ctypes", "import ctypes\nctypes.CDLL(None).getpid()"),
    ]


def cmd_doctor(args: argparse.Namespace) -> int:
    from tutor.grading import Evaluator, layers
    from tutor.grading.sandbox import Job, WorkerError

    lessons = paths.lessons_dir(getattr(args, "lessons", None))
    data = paths.data_dir(getattr(args, "data_dir", None))
    off = sandbox_off("tutor doctor")
    if off is None:
        return 2
    print("tutor doctor: sandbox layers on this machine")
    user = "root" if os.geteuid() == 0 else f"uid {os.geteuid()}"
    print(f"  {platform.system()} {platform.release()} {platform.machine()}, "
          f"Python {platform.python_version()}, running as {user}")
    if off:
        print(f"  {layers.ENV}={','.join(off)}: turned off for testing")
    with Evaluator(lessons_root=lessons, data_dir=data, off=off) as evaluator:
        try:
            info = evaluator.worker_info()
            [first] = evaluator.run_jobs([Job({"op": "exec", "code": "pass"})])
        except (WorkerError, OSError) as exc:
            print(f"  [off] warm worker: {exc}")
            return 1
        versions = info.get("versions", {})
        print(f"  numpy {versions.get('numpy')}, scipy {versions.get('scipy')} in a warm "
              "worker; a fresh forked child per run")
        child = next(iter(first.events("ready")), {}).get("layers", {})
        for report in layers.reports(info, child):
            _line(report.active, report.name, report.protects, report.detail)
        torch = importlib.util.find_spec("torch") is not None
        _line(torch, "torch worker", "torch-verified exercises",
              "started on the first torch-verified check" if torch else
              "torch is not installed: torch-verified exercises cannot run")
        if not args.no_probes:
            _run_probes(evaluator, Job, lessons, data)
    return 0


def _line(active: bool, name: str, protects: str, detail: str) -> None:
    print(f"  [{'on ' if active else 'off'}] {name}: {protects}")
    if detail and detail != "on":
        print(f"        {detail}")


def _run_probes(evaluator: Any, job_type: Any, lessons: Path, data: Path) -> None:
    print("probes: each is a sandboxed run, with every layer and then without the audit hook")
    cases = probes(Path.home(), lessons, data)
    jobs = [job_type({"op": "exec", "code": code}, time_limit=10, off=off)
            for _, code in cases for off in ((), ("audit",))]
    outcomes = evaluator.run_jobs(jobs)
    for i, (what, _) in enumerate(cases):
        print(f"  {what}")
        print(f"      every layer:       {_result(outcomes[2 * i])}")
        print(f"      without the hook:  {_result(outcomes[2 * i + 1])}")
    sys.stdout.flush()


def _result(outcome: Any) -> str:
    found = outcome.events("exec")
    if not found:
        return "stopped (the run ended)" if outcome.exit_code is not None else "no answer"
    if found[0].get("ok"):
        seen = "".join(str(m.get("stdout", "")) for m in outcome.messages).strip()
        return "allowed" + (f", sees {seen[:100]}" if seen else "")
    from tutor.grading.refusals import Refusal

    exc = found[0].get("exc", {})
    refusal = exc.get("refusal")
    message = Refusal.from_wire(refusal).sentence if refusal else str(exc.get("message", ""))
    return f"blocked ({exc.get('type')}: {message[:100]})"
