"""Correct: the @ operator (allowed here); it raises ValueError itself."""


def matmul_fast(A, B):
    return A @ B
