"""Correct: double loop over the cells with math.log."""
import math


def mutual_information(joint):
    rows = [list(map(float, r)) for r in joint]
    px = [sum(r) for r in rows]
    py = [sum(col) for col in zip(*rows)]
    total = 0.0
    for i, r in enumerate(rows):
        for j, pxy in enumerate(r):
            if pxy > 0:
                total += pxy * math.log(pxy / (px[i] * py[j]))
    return total
