"""Courses: lesson trees with a ``course.yaml`` manifest, installed as Python packages.

``manifest`` reads and checks ``course.yaml``; ``registry`` finds the installed
courses (the built-in one and every ``tutor.courses`` entry point); ``select``
turns ``--course`` / ``$TUTOR_COURSE`` into the lesson tree and progress a
command uses; ``scaffold`` writes a new pack.
"""
