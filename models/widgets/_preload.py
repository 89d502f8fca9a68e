"""What the explorers read while they open, so the first change of kommun is fast."""
from __future__ import annotations

from typing import Callable

from models import data


def read_every_kommun(read: Callable[[str], object]) -> tuple[str, ...]:
    """Call ``read(kommun)`` for every kommun of :data:`models.data.KOMMUNER` (it fills the lesson's caches);
    a kommun it cannot read (``ValueError``, e.g. no sector data) is skipped: its view shows the Swedish
    message when the learner picks it, and the explorer still opens. Returns the kommuner read."""
    done = []
    for name in data.KOMMUNER:
        try:
            read(name)
        except ValueError:
            continue
        done.append(name)
    return tuple(done)
