"""Lesson authoring: `tutor lessons validate` (runs every lesson's code in the sandbox
against its own checks) and `tutor lessons new` (a skeleton that validates).

Apart from :mod:`tutor.lessons`, which only loads and checks lesson files and never
runs their code: authoring may use the evaluator and the plots, loading may not.
"""
