""" "Did you mean": the same answer as difflib over every name on real flows, and a bounded
search however many names there are."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from routewise.base import suggest
from routewise.base.suggest import EVERY, NEIGHBOURS, ONE_TYPO, Names, closest

ids = st.text(alphabet="abcdefghij-0123", min_size=1, max_size=12)


def by_difflib(value: str, valid: list[str]) -> str:
    """What `closest` said before the index: difflib over every name."""
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    shown = ", ".join(valid[:20]) + (", ..." if len(valid) > 20 else "")
    return f"{hint}valid ids: {shown}" if valid else hint.strip()


@given(st.lists(ids, max_size=EVERY), ids)
def test_up_to_every_name_the_answer_is_difflibs_over_all_of_them(
    valid: list[str], value: str
) -> None:
    assert closest(value, valid) == by_difflib(value, valid)


@settings(max_examples=40, deadline=None)
@given(st.lists(ids, min_size=EVERY + 1, max_size=3 * EVERY), st.data())
def test_beyond_that_a_name_one_typo_away_is_still_found(
    valid: list[str], data: st.DataObject
) -> None:
    meant = data.draw(st.sampled_from(valid))
    at = data.draw(st.integers(0, len(meant)))
    typo = data.draw(
        st.sampled_from(
            [meant[:at] + "z" + meant[at:], meant[:at] + "z" + meant[at + 1 :]]
            + ([meant[:at] + meant[at + 1 :]] if len(meant) > 1 and at < len(meant) else [])
        )
    )
    names = Names(valid)
    assert meant in names.candidates(typo)
    # difflib's pick among the candidates scores at least as well as the name meant.
    score = difflib.SequenceMatcher(None, typo, meant).ratio()
    ours = difflib.get_close_matches(typo, names.candidates(typo), n=1, cutoff=0.5)
    if score >= 0.5:
        assert ours and difflib.SequenceMatcher(None, typo, ours[0]).ratio() >= score
        assert names.closest(typo).startswith(f"did you mean {ours[0]!r}? valid ids: ")


def test_the_search_is_bounded_however_many_names() -> None:
    valid = [f"question-{i}" for i in range(10_001)] + ["escalate-to-the-director"]
    names = Names(valid)
    bound = 4 * NEIGHBOURS + (len("question-10000x") + 1) * ONE_TYPO
    for value in ("question-5000x", "quesiton-77", "nowhere-12", "x", "escalte-to-the-director"):
        assert len(names.candidates(value)) <= bound
    assert names.closest("escalte-to-the-director").startswith(
        "did you mean 'escalate-to-the-director'? valid ids: question-0, question-1,"
    )
    assert names.closest("xscalate-to-the-director").startswith(  # the first letter wrong
        "did you mean 'escalate-to-the-director'?"
    )
    assert names.closest("question-12z").startswith("did you mean 'question-12'?")


def test_each_unknown_name_is_looked_up_once(monkeypatch: object) -> None:
    seen: list[str] = []
    real = suggest.difflib.get_close_matches

    def counted(value: str, *args: object, **kwargs: object) -> list[str]:
        seen.append(value)
        return real(value, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(suggest.difflib, "get_close_matches", counted)  # type: ignore[attr-defined]
    names = Names(["alpha", "beta"])
    assert [names.closest("alpah") for _ in range(3)] == [
        "did you mean 'alpha'? valid ids: alpha, beta"
    ] * 3
    assert seen == ["alpah"]
    assert Names([]).closest("x") == ""
