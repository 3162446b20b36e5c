"""Buggy: a plain cosine decay from step 0; the warmup_steps argument is never used."""
import math


def warmup_cosine(step, total_steps, warmup_steps, peak_lr, min_lr=0.0):
    progress = min(step / total_steps, 1.0)
    return min_lr + 0.5 * (peak_lr - min_lr) * (1 + math.cos(math.pi * progress))
