"""Correct: plain Python, sorted indices and math.exp, returned as a list."""
import math


def top_k_probs(logits, k):
    values = [float(v) for v in logits]
    ranked = sorted(range(len(values)), key=lambda i: values[i], reverse=True)[:k]
    top = max(values[i] for i in ranked)
    weights = {i: math.exp(values[i] - top) for i in ranked}
    total = sum(weights.values())
    return [weights.get(i, 0.0) / total for i in range(len(values))]
