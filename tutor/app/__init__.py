"""The Textual app: home, lessons, exercises, questions, checkpoints and plots."""
