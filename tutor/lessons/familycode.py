"""What a question family's lesson code must look like, checked at load time (nothing is
run here): ``params`` defines ``draw(rng)`` (with helpers and imports only, so loading it
cannot fail in the sandbox), and a family computes its answers instead of stating them."""

from __future__ import annotations

import ast
from typing import Any

from tutor import pyparse
from tutor.lessons.fields import check_python

DRAW = "draw"


def check_params_code(source: str) -> str:
    """``source`` parses, holds only function definitions and imports at its top level, and
    defines ``draw`` taking one argument (the random generator)."""
    check_python(source, "params")
    tree = pyparse.parse(source)
    draw = None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            draw = node if node.name == DRAW else draw
        elif not isinstance(node, ast.Import | ast.ImportFrom) and not (
                isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            raise ValueError(f"params code may hold only function definitions and imports "
                             f"(line {node.lineno}): compute values inside draw(rng)")
    if draw is None:
        raise ValueError("params code must define draw(rng), returning a dict such as "
                         "{'n': 32, 'd': 64} whose values fill the {n} and {d} placeholders")
    args = draw.args
    if len(args.posonlyargs) + len(args.args) != 1 or args.vararg or args.kwarg or \
            args.kwonlyargs:
        raise ValueError(f"draw must take exactly one argument, the random generator: "
                         f"def draw(rng): (line {draw.lineno})")
    return source


def check_family(question: Any, fixed_answer_allowed: bool = False) -> None:
    """A question with ``params`` computes its answer (``compute``); one without states it.
    A choice family may instead keep a fixed ``answer`` index (``fixed_answer_allowed``)."""
    has_answer, has_compute = question.answer is not None, question.compute is not None
    if question.params is None:
        if not has_answer:
            raise ValueError("answer is required (or params and compute, for a question "
                             "family that draws its numbers)")
        if fixed_answer_allowed and has_compute:
            raise ValueError("compute is only for a question family (with params)")
        if any(getattr(m, "compute", None) is not None for m in question.mistakes):
            raise ValueError("a mistake's compute is only for a question family (with "
                             "params): give its answer")
        return
    if fixed_answer_allowed:
        if has_answer == has_compute:
            raise ValueError("a choice family needs either compute (an expression giving "
                             "the index of the right choice) or a fixed answer, not both")
        return
    if has_answer:
        raise ValueError("a question family computes its answer: remove answer, and give "
                         "compute, an expression in the drawn names")
    if not has_compute:
        raise ValueError("a question family needs compute: an expression in the drawn "
                         "names that gives the answer")


def check_family_mistake(mistake: Any) -> Any:
    """A mistake states its answer or (in a family) computes it: exactly one."""
    if (mistake.answer is None) == (mistake.compute is None):
        raise ValueError("a mistake needs either answer or (in a question family) compute, "
                         "not both")
    return mistake
