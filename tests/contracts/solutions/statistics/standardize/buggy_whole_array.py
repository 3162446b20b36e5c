"""Buggy: one mean and one std for the whole array."""


def standardize(X):
    sd = X.std()
    return (X - X.mean()) / (sd if sd > 0 else 1.0)
