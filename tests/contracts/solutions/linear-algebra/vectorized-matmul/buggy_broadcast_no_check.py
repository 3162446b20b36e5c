"""Buggy: relies on broadcasting to reject bad shapes; an inner dimension of 1
broadcasts silently, e.g. (2, 1) times (3, 2) returns a (2, 2) array."""


def matmul_fast(A, B):
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)
