"""Every start-up target of issue 14 in one run: the benches one after the other, on the
same machine at the same time, then the lines that state a target, gathered.

Runs ``cold_start.py`` (cold check against the naive evaluator, lessons list against
--help), ``authoring.py`` (validate cold, unchanged, one lesson touched),
``watch_latency.py`` (save to verdict) and ``app_start.py`` (first screen and lesson
list), each as a process of its own, printing their output as it comes. The load
average is printed before and after: other processes skew every number. Numbers only:
nothing fails.

    python bench/targets.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from check_latency import child_env, load_average

HERE = Path(__file__).resolve().parent
BENCHES = ("cold_start.py", "authoring.py", "watch_latency.py", "app_start.py")


def main() -> int:
    print(f"load average before: {load_average()}", flush=True)
    stated: list[str] = []
    for name in BENCHES:
        print(f"\n== {name}", flush=True)
        proc = subprocess.Popen([sys.executable, str(HERE / name)], stdout=subprocess.PIPE,
                                text=True, env=child_env())
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
            if "target" in line:
                stated.append(f"{name}: {line.strip()}")
        if proc.wait() != 0:
            stated.append(f"{name}: exited {proc.returncode}")
    print(f"\n== the targets, from this one run (load average after: {load_average()})")
    print("\n".join(stated))
    return 0


if __name__ == "__main__":
    sys.exit(main())
