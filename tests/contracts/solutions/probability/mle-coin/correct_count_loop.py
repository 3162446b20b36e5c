"""Correct: count heads in a loop, divide by the number of flips."""


def mle_bernoulli(flips):
    heads = 0
    for f in flips:
        if f:
            heads += 1
    return heads / len(flips)
