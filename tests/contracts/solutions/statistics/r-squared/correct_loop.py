"""Correct: loops over pairs."""


def r_squared(y, y_pred):
    mean = sum(y) / len(y)
    ss_res = 0.0
    ss_tot = 0.0
    for t, p in zip(y, y_pred):
        ss_res += (t - p) ** 2
        ss_tot += (t - mean) ** 2
    return 1.0 - ss_res / ss_tot
