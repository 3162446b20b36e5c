"""`tutor notes`: the learner's notebook, built from the lessons and the progress store."""
