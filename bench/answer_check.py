"""Time to check one typed answer, for right, wrong and hostile formulas.

Prints, per input, the median and the worst of several ``check_answer`` calls on an
expression question in two variables (after one warm-up call that imports numpy), and
the time of ``tutor answer`` as a process. The issue asks for each hostile input to be
refused within 50 ms. Usage: ``python bench/answer_check.py [--runs N]``. It prints
measurements only; it never fails on timing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from tutor.lessons.answers import check_answer
from tutor.lessons.model import ExpressionQuestion

QUESTION = ExpressionQuestion(
    type="expression", id="q", prompt="?", variables={"z": (-6, 6), "x": (0.5, 2)},
    answer="sigmoid(z) * (1 - sigmoid(z)) * x",
    mistakes=[{"answer": f"sigmoid(z) * (1 + sigmoid(z)) * x^{k}", "message": "m"}
              for k in range(20)])
INPUTS = {
    "right": "σ(z)(1 − σ(z))x",
    "right, long": " + ".join(["exp(-z)/(1+exp(-z))^2 * x / 12"] * 12),
    "wrong (generic)": "σ(z)x",
    "__import__": "__import__('os').system('true')",
    "lambda": "lambda z: z",
    "9^9^9^9": "9^9^9^9",
    "10**10**10": "10**10**10",
    "10,000 (": "(" * 10_000 + "z" + ")" * 10_000,
    "40 nested (": "(" * 39 + "z" + ")" * 39,
    "1 MB": "z" * 1_000_000,
    "NUL, ESC": "z\x00\x1b[31m",
    "300 nodes": "+".join(["z"] * 150),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    check_answer(QUESTION, "z")  # imports numpy
    print(f"{'input':18} {'median ms':>10} {'worst ms':>9}  verdict")
    for name, text in INPUTS.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = check_answer(QUESTION, text)
            times.append((time.perf_counter() - start) * 1000)
        verdict = "right" if result.correct else "wrong" if result.valid else "unreadable"
        print(f"{name:18} {statistics.median(times):10.2f} {max(times):9.2f}  {verdict}")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tutor.cli", "answer", "--no-record",
                    "calculus/checkpoint", "sigmoid-slope", "σ(z)(1 − σ(z))"],
                   capture_output=True, check=False)
    print(f"tutor answer as a process: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
