"""Buggy: hard-codes the worked example."""


def mle_bernoulli(flips):
    return 5 / 7
