"""The sandboxed evaluator: grades learner code against lesson references.

No Textual and no torch at import; the public names load lazily so that the
warm worker, which imports this package, stays free of the lesson model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.grading.evaluator import Evaluator
    from tutor.grading.verdict import CaseResult, Outcome, RunResult, Verdict

__all__ = ["CaseResult", "Evaluator", "Outcome", "RunResult", "Verdict"]


def __getattr__(name: str) -> Any:
    if name == "Evaluator":
        from tutor.grading.evaluator import Evaluator

        return Evaluator
    if name in ("CaseResult", "Outcome", "RunResult", "Verdict"):
        from tutor.grading import verdict

        return getattr(verdict, name)
    raise AttributeError(name)
