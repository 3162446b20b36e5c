"""Screens of the tutor app: home, lesson, checkpoint, help, solution, plot."""
