"""Lists of people in words, as every output names a group: "either A, or B", "one of A, B,
or C", "A, B and C"."""

from __future__ import annotations


def either_words(names: list[str]) -> str:
    """An inner "one of these" list inside a larger group: "(either A, or B)"."""
    return f"({one_of_words(names)})" if len(names) > 1 else names[0]


def one_of_words(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"either {parts[0]}, or {parts[1]}"
    return f"one of {', '.join(parts[:-1])}, or {parts[-1]}"


def joined_words(parts: list[str], word: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {word} {parts[-1]}"
