"""Widgets of the tutor app: pillar item, editor, exercise, results, question, plot."""
