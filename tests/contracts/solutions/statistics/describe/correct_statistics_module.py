"""Correct: the statistics module's population functions on a list of floats."""
import statistics


def describe(data):
    xs = [float(x) for x in data]
    return {
        "mean": statistics.fmean(xs),
        "median": statistics.median(xs),
        "var": statistics.pvariance(xs),
        "std": statistics.pstdev(xs),
    }
