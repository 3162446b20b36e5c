"""Buggy: hard-codes the worked example."""


def norms(v):
    return (4.6, 2.929)
