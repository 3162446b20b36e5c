"""Correct: plain Python lists of ints, a tuple of tuples."""


def kfold_indices(n, k):
    base, extra = divmod(n, k)
    folds = []
    start = 0
    for i in range(k):
        size = base + (1 if i < extra else 0)
        test = list(range(start, start + size))
        train = [j for j in range(n) if j < start or j >= start + size]
        folds.append((train, test))
        start += size
    return tuple(folds)
