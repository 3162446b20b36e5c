"""Widgets of the tutor app: pillar and lesson rows, editor, exercise, results, question,
plot."""
