"""Formulas a learner types: read (never executed) into a tree of whitelisted nodes,
written back in Unicode mathematics, evaluated with numpy and judged by sampling.

``parser`` and ``render`` import no numpy (lessons load without it); ``evaluate`` and
``judge`` do, and are imported where an answer is checked."""

from tutor.lessons.formula.errors import FormulaError
from tutor.lessons.formula.parser import MAX_CHARS, parse_formula
from tutor.lessons.formula.render import render

__all__ = ["MAX_CHARS", "FormulaError", "parse_formula", "render"]
