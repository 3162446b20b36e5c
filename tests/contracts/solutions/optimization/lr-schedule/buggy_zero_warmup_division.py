"""Buggy: divides by warmup_steps before checking it, so no warmup crashes."""
import math


def warmup_cosine(step, total_steps, warmup_steps, peak_lr, min_lr=0.0):
    warm = peak_lr * step / warmup_steps
    if step < warmup_steps:
        return warm
    if step >= total_steps:
        return min_lr
    p = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + 0.5 * (peak_lr - min_lr) * (1 + math.cos(math.pi * p))
