"""One bounded least-recently-used memo for every cache of the book (charts, tables, simulations).

:class:`Memo` keeps at most ``size`` values by key: :meth:`Memo.get` returns the kept value or makes it,
and past the bound the value used least recently falls out first (``on_evict`` is told, e.g. to close a
figure). A hit costs well under a microsecond, so it sits in a widget's hot path.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from models.common import checks


class Memo:
    """At most ``size`` values by key, least recently used first out; ``on_evict(value)`` for each that falls
    out (also on :meth:`clear`)."""

    __slots__ = ("size", "_items", "_on_evict")

    def __init__(self, size: int, on_evict: Callable[[object], object] | None = None):
        self.size = checks.count(size, "size", "antal sparade värden")
        if on_evict is not None and not callable(on_evict):
            raise checks.WrongType(f"on_evict måste vara en funktion on_evict(värde) eller None, "
                                   f"fick {checks.show(on_evict)}.")
        self._items: OrderedDict = OrderedDict()
        self._on_evict = on_evict

    def get(self, key: Hashable, make: Callable[[], object]):
        """The value kept for ``key`` (now the most recently used); on a miss ``make()``'s value, kept."""
        items = self._items
        try:
            value = items[key]
        except KeyError:
            pass
        except TypeError:
            raise _unhashable(key) from None
        else:
            items.move_to_end(key)
            return value
        if not callable(make):
            raise checks.WrongType(f"make måste vara en funktion make() som ger värdet, fick {checks.show(make)}.")
        value = make()
        self.put(key, value)
        return value

    def put(self, key: Hashable, value) -> None:
        """Keep ``value`` for ``key`` as the most recently used (replacing what was kept for it)."""
        items = self._items
        try:
            items[key] = value
        except TypeError:
            raise _unhashable(key) from None
        items.move_to_end(key)
        while len(items) > self.size:
            _, oldest = items.popitem(last=False)
            if self._on_evict is not None:
                self._on_evict(oldest)

    def touch(self, key: Hashable) -> None:
        """Make ``key`` the most recently used, if a value is kept for it."""
        if key in self._items:
            self._items.move_to_end(key)

    def __contains__(self, key) -> bool:
        return key in self._items

    def __getitem__(self, key):
        """The value kept for ``key`` without using it (its place in the order stays)."""
        return self._items[key]

    def __len__(self) -> int:
        return len(self._items)

    def values(self):
        """The kept values, least recently used first."""
        return self._items.values()

    def clear(self) -> None:
        """Forget every value (``on_evict`` is told of each, oldest first)."""
        items, self._items = self._items, OrderedDict()
        if self._on_evict is not None:
            for value in items.values():
                self._on_evict(value)


def _unhashable(key) -> checks.WrongType:
    return checks.WrongType(f"Nyckeln {checks.show(key)} går inte att spara: den måste vara oföränderlig "
                            "(text, tal eller en tupel av sådana).")
