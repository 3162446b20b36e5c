"""Correct: pure Python lists, losses returned as a list."""


def fit_slope(xs, ys, learning_rate, n_steps):
    xs = [float(v) for v in xs]
    ys = [float(v) for v in ys]
    n = len(xs)
    w = 0.0
    history = []
    for _ in range(n_steps):
        errors = [w * a - b for a, b in zip(xs, ys)]
        history.append(sum(e * e for e in errors) / n)
        grad = 2.0 / n * sum(e * a for e, a in zip(errors, xs))
        w = w - learning_rate * grad
    return (w, history)
