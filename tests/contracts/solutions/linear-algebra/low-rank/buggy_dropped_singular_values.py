"""Buggy: multiplies U_k by V_k^T and forgets the singular values."""
import numpy as np


def low_rank(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ Vt[:k]
