"""Correct: progress clipped to [0, 1] (the floor after the end), numpy scalars."""
import numpy as np


def warmup_cosine(step, total_steps, warmup_steps, peak_lr, min_lr=0.0):
    if warmup_steps > 0 and step < warmup_steps:
        return np.float64(peak_lr) * (step / warmup_steps)
    p = np.clip((step - warmup_steps) / (total_steps - warmup_steps), 0.0, 1.0)
    return min_lr + 0.5 * (peak_lr - min_lr) * (1.0 + np.cos(np.pi * p))
