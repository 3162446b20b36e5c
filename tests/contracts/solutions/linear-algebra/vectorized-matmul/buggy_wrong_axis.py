"""Buggy: sums the broadcast block over the wrong axis."""


def matmul_fast(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    return (A[:, :, None] * B[None, :, :]).sum(axis=2)
