"""The closest names to an unknown one: "did you mean 'x'?", then the valid names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, valid: Iterable[str], what: str = "valid ids") -> str:
    """ "did you mean 'x'? valid ids: a, b, c" for an unknown name (at most 20 listed)."""
    valid = list(valid)
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    shown = ", ".join(valid[:20]) + (", ..." if len(valid) > 20 else "")
    return f"{hint}{what}: {shown}" if valid else hint.strip()
