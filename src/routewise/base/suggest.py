"""The closest names to an unknown one: "did you mean 'x'?", then the valid names.

difflib compares the unknown name with each candidate, so asking about every
one of 10,000 unknown ids among 10,000 valid ones made 10^8 comparisons (minutes).
`Names` indexes the valid names once for many questions. Up to `EVERY` names
(every real flow) difflib sees them all, exactly as `get_close_matches` would.
Beyond that it sees a bounded set, so a question costs the same however many
names there are:
- every name one typo away (a letter added, left out or changed), found through
  an index of each name with one letter deleted (the "symmetric delete" method);
- if there is none, the names nearest in sorted order to the unknown one from its
  start and from its end (a longer typo keeps either the start or the end of the id).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable

EVERY = 200
"""Up to this many names, difflib compares the unknown name with every one."""
ONE_TYPO = 32
"""Beyond that, at most this many names one typo away for each spelling with a letter less..."""
NEIGHBOURS = 3
"""...or, with none, this many names on each side of it in sorted order, from start and end."""
SHOWN = 20
"""How many valid names a message lists."""


class Names:
    """Valid names, indexed once, for any number of "did you mean" look-ups."""

    __slots__ = ("_by_end", "_by_start", "_deletes", "_hints", "_tail", "names")

    def __init__(self, valid: Iterable[str], what: str = "valid ids") -> None:
        self.names = list(valid)
        shown = ", ".join(self.names[:SHOWN]) + (", ..." if len(self.names) > SHOWN else "")
        self._tail = f"{what}: {shown}" if self.names else ""
        self._by_start: list[str] | None = None
        self._by_end: list[str] = []
        self._deletes: dict[str, list[str]] = {}
        if len(self.names) > EVERY:
            unique = set(self.names)
            self._by_start = sorted(unique)
            self._by_end = sorted(name[::-1] for name in unique)
            for name in self._by_start:
                for variant in {name, *_deletions(name)}:
                    self._deletes.setdefault(variant, []).append(name)
        self._hints: dict[str, str] = {}

    def candidates(self, value: str) -> list[str]:
        """The names difflib compares `value` with: all of them, or a bounded set."""
        if self._by_start is None:
            return self.names
        deletes = self._deletes
        near: set[str] = set(deletes.get(value, ())[:ONE_TYPO])
        for variant in _deletions(value):
            if variant in deletes:
                near.update(deletes[variant][:ONE_TYPO])
        if not near:  # no name one typo away: the nearest from the start and the end
            near.update(_around(self._by_start, value))
            near.update(name[::-1] for name in _around(self._by_end, value[::-1]))
        return list(near)  # in any order: difflib breaks a tie by the names themselves

    def closest(self, value: str) -> str:
        """ "did you mean 'x'? valid ids: a, b, c" (at most SHOWN listed)."""
        hint = self._hints.get(value)
        if hint is None:
            close = difflib.get_close_matches(value, self.candidates(value), n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self._hints[value] = hint
        return f"{hint}{self._tail}" if self._tail else hint.strip()


def _deletions(name: str) -> list[str]:
    return [name[:i] + name[i + 1 :] for i in range(len(name))]


def _around(ordered: list[str], value: str) -> list[str]:
    at = bisect_left(ordered, value)
    return ordered[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS]


def closest(value: str, valid: Iterable[str] | Names, what: str = "valid ids") -> str:
    """ "did you mean 'x'? valid ids: a, b, c" for an unknown name (at most 20 listed).

    For many look-ups against the same names, pass a `Names` made once."""
    names = valid if isinstance(valid, Names) else Names(valid, what)
    return names.closest(value)
