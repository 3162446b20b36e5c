"""`tutor lessons new`: a lesson skeleton that validates, for an author to fill in."""

from __future__ import annotations

import re
from pathlib import Path

from tutor.lessons.model import PILLAR_TITLES

TEMPLATE = '''\
# A new lesson. Check it with: tutor lessons validate --lessons {root}
# The format is documented in the README ("Writing lessons") and by
# `tutor lessons schema` (JSON Schema for editor completion).
id: {pillar}/{slug}
title: {title}
pillar: {pillar}
order: {order}
summary: One sentence on what the learner will be able to do.
key_points:  # the idea and key formulas, for the learner's notes (`tutor notes`)
  - "Doubling: f(x) = 2x, entry by entry."
prerequisites: []
steps:
  - kind: text
    title: The idea
    body: |
      Explain the idea in a few short paragraphs, and where it shows up in ML.
      Write math in Unicode (Σ, ∂, ‖x‖, x²). Every decimal number you state
      must be computed by a fact (see `facts` on the exercise below).

  - kind: exercise
    id: {pillar}/{slug}
    title: {title}
    prompt: |
      Write `{function}(x)` that returns twice `x`, elementwise.
    function: {function}
    starter: |
      import numpy as np


      def {function}(x):
          # your code here
          raise NotImplementedError
    solution: |
      import numpy as np


      def {function}(x):
          return 2 * np.asarray(x, dtype=float)
    cases:
      - name: a small vector
        args: "np.array([1.0, 2.0, 3.0])"
    random:
      - generator: |
          def generate(rng, size):
              return (rng.normal(size=size),)
        count: 10
        seed: 1
    hints:
      - A nudge toward the idea.
      - A plan (shapes, the steps in order), without the key line.
      - Nearly the answer.
    mistakes:
      - name: forgot-to-double
        code: |
          def {function}(x):
              return x
        message: You returned x unchanged; multiply it by 2.
    facts:
      - code: "{function}(np.array([1.5]))[0]"
        value: 3.0

  - kind: question
    question:
      type: choice
      id: check-understanding
      prompt: What does {function} return for 1.5?
      choices: ["1.5", "3.0"]
      answer: 1
'''


MAX_ORDER = 10_000  # the model's limit on ``order``
MAX_SLUG = 60  # the function name (the slug, or f_ + the slug) must stay within 64


def _next_order(folder: Path) -> int:
    numbers = [int(m.group(1)) for p in folder.glob("*.yaml")
               if (m := re.match(r"(\d{1,9})-", p.name))]
    return min(max(numbers, default=0) + 1, MAX_ORDER)


def write_skeleton(root: Path, pillar: str, slug: str) -> Path:
    """Write ``root/pillar/NN-slug.yaml``; refuse to overwrite."""
    if pillar not in PILLAR_TITLES:
        raise ValueError(f"unknown pillar {pillar!r}; choose one of {', '.join(PILLAR_TITLES)}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or len(slug) > MAX_SLUG:
        raise ValueError(f"slug {slug[:80]!r} must be lowercase words joined by '-', at most "
                         f"{MAX_SLUG} characters")
    folder = root / pillar
    existing = list(folder.glob(f"*-{slug}.yaml")) + list(folder.glob(f"{slug}.yaml"))
    if existing:
        raise FileExistsError(f"{existing[0]} already exists")
    order = _next_order(folder) if folder.is_dir() else 1
    path = folder / f"{order:02d}-{slug}.yaml"
    function = slug.replace("-", "_")
    if function[0].isdigit():
        function = f"f_{function}"
    title = slug.replace("-", " ").capitalize()
    folder.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(root=root, pillar=pillar, slug=slug, title=title, order=order,
                           function=function)
    # "x": never through an existing file or a link planted where the new file goes
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    return path
