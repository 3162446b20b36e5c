"""Correct: (a * b).sum() as is; an np.int64 for integer inputs (a numpy scalar)."""


def dot(a, b):
    return (a * b).sum()
