"""Buggy: progress measured over total_steps instead of the decay phase."""
import math


def warmup_cosine(step, total_steps, warmup_steps, peak_lr, min_lr=0.0):
    if step < warmup_steps:
        return peak_lr * step / warmup_steps
    if step >= total_steps:
        return min_lr
    p = step / total_steps
    return min_lr + 0.5 * (peak_lr - min_lr) * (1 + math.cos(math.pi * p))
