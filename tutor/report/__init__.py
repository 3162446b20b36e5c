"""A teacher's report over many learners' progress exports (``tutor report``).

``learners`` reads the exports, one file at a time and each once, into a small
summary per learner (skipping malformed, newer, other-course and duplicate
files with the reason); ``tally`` adds the summaries up per exercise and per
pillar; ``output`` prints the tables and chart and writes CSV and JSON.
"""
