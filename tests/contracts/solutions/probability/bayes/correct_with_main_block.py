"""Correct: typed, with a self-test under if __name__ == "__main__"."""


def posterior(prior: float, sensitivity: float, false_positive_rate: float) -> float:
    evidence = prior * sensitivity + (1.0 - prior) * false_positive_rate
    return prior * sensitivity / evidence


if __name__ == "__main__":
    assert abs(posterior(0.01, 0.99, 0.05) - 0.1667) < 1e-4
    assert abs(posterior(0.2, 0.8, 0.05) - 0.8) < 1e-9
    print("ok")
