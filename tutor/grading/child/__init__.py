"""Code that runs inside a sandboxed child, next to the code under test.

Everything in this package is the attacker's once learner code runs: its globals,
its functions, its clocks. Nothing it reports is trusted by the parent beyond
plain data that :mod:`tutor.grading.messages` checks. It imports numpy and the
plain-data helpers (:mod:`tutor.grading.wire`), never pydantic or the lesson model.
"""
