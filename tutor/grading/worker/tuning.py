"""How a warm worker is tuned: for a learner's checks (the default), or for many checks in
a row that keep every core busy (``tutor lessons validate``). Neither changes what a child
runs or how it is confined; only when work that does not depend on the job is done.

- ``warm_spares``: a spare child runs a small job of this package's own before its job
  arrives, so that a learner's check finds the pages it touches first already copied
  (done on an idle core, it shortens the wait). When every core is busy it is only more
  work: about 4 ms of CPU per child, which the job does not win back.
- ``torch_optim``: a torch worker also imports what the first step of a ``torch.optim``
  optimizer loads (``torch._dynamo``, about 1.5 s of CPU), once, before it forks, instead
  of in every child whose code steps an optimizer. Worth it when several will; a
  learner's check runs one reference, once (and its outputs are kept).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

OPTIM_MODULES = ("torch._dynamo", "torch.optim")  # what torch_optim imports ahead


@dataclass(frozen=True)
class Tuning:
    warm_spares: bool = True
    torch_optim: bool = False

    def config(self) -> dict[str, bool]:
        """As the worker's start-up configuration carries it."""
        return asdict(self)

    @classmethod
    def from_config(cls, config: Any) -> Tuning:
        """Read back from :meth:`config` (missing or odd values: the default)."""
        if not isinstance(config, dict):
            return cls()
        return cls(warm_spares=config.get("warm_spares") is not False,
                   torch_optim=config.get("torch_optim") is True)


FOR_LEARNERS = Tuning()
FOR_MANY_CHECKS = Tuning(warm_spares=False)  # validate (torch_optim: when its code needs it)
