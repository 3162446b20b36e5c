"""Correct: a loop down the sorted tokens, stopping once the total reaches p."""
import math


def top_p_probs(logits, p):
    z = [float(v) for v in logits]
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    probs = [v / s for v in e]
    kept, total = [], 0.0
    for i in sorted(range(len(z)), key=lambda i: -probs[i]):
        kept.append(i)
        total += probs[i]
        if total >= p:
            break
    mass = sum(probs[i] for i in kept)
    return [probs[i] / mass if i in kept else 0.0 for i in range(len(z))]
