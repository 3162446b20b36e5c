"""Correct: nested loops over plain floats, returns a list."""


def conv1d(x, w):
    out = []
    for i in range(len(x) - len(w) + 1):
        total = 0.0
        for j in range(len(w)):
            total += float(x[i + j]) * float(w[j])
        out.append(total)
    return out
