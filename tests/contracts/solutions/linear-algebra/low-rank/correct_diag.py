"""Correct: U_k diag(s_k) V_k^T with np.diag."""
import numpy as np


def low_rank(A, k):
    U, s, Vt = np.linalg.svd(A)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k, :]
