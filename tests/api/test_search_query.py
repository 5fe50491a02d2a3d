"""The Lucene query built from typed text and the re-ranking by name: pure functions, no database."""

from __future__ import annotations

import pytest

from graphdir.domain.search import lucene
from graphdir.domain.search.ranking import ELSEWHERE, EXACT, PREFIX, WHOLE_WORDS, Candidate, name_match, rank


def test_the_query_favours_phrase_then_all_words_then_prefix_then_any_word() -> None:
    query = lucene.build("L'Économie  SOCIALE")
    assert query is not None
    assert query.folded == "economie sociale"
    assert query.text == ('"economie sociale"^8 (+economie +sociale)^4 (+economie +sociale*)^2 (economie sociale)')


def test_one_word() -> None:
    query = lucene.build("Cusset")
    assert query is not None
    assert query.text == "(+cusset)^4 (+cusset*)^2"


def test_no_prefix_on_a_single_letter() -> None:
    query = lucene.build("pays v")
    assert query is not None
    assert "v*" not in query.text


@pytest.mark.parametrize("text", ["", "   ", "'", "!?", "« »", "-"])
def test_nothing_searchable(text: str) -> None:
    assert lucene.build(text) is None


def test_folding_leaves_no_lucene_syntax() -> None:
    query = lucene.build('cres~2 AND "x" OR (a:b) [c TO d] {e} +f -g h* i? j^3 k\\ l/m && n || !o')
    assert query is not None
    # Only the builder's own syntax remains: quotes around the phrase, + for required words, ^ boosts, one trailing *.
    words = query.folded.split()
    assert all(word.isalnum() and word == word.lower() for word in words)
    assert "and" in words and "or" in words  # lower case: words, never operators


@pytest.mark.parametrize(("word", "escaped"), [("a+b", "a\\+b"), ("x:y", "x\\:y"), ("q*", "q\\*"), ('"', '\\"'),
                                               ("a/b", "a\\/b"), ("\\", "\\\\")])
def test_escape(word: str, escaped: str) -> None:
    assert lucene.escape(word) == escaped


@pytest.mark.parametrize(("text", "names", "tier", "starts_with"), [
    ("cres auvergne", ["Chambre régionale de l'Économie sociale d'Auvergne", "CRES Auvergne"], EXACT, True),
    ("cusset", ["Cusset"], EXACT, True),
    ("courtadon", ["Gérard Courtadon"], WHOLE_WORDS, False),
    ("pays vichy", ["Pays Vichy-Auvergne"], WHOLE_WORDS, True),
    ("courta", ["Gérard Courtadon"], PREFIX, False),
    ("cres auv", [None, "CRES Auvergne"], PREFIX, True),
    ("auvergne", ["Conseil régional d'Auvergne"], WHOLE_WORDS, False),
    ("cres auvergne", ["Conseil régional d'Auvergne"], ELSEWHERE, False),
    ("a", ["Auvergne"], ELSEWHERE, False),
])
def test_name_match(text: str, names: list[str | None], tier: int, starts_with: bool) -> None:
    match = name_match(text, names)
    assert (match.tier, match.starts_with) == (tier, starts_with)


def test_rank_puts_the_exact_name_first_whatever_lucene_says() -> None:
    ranked = rank("cres auvergne", [
        Candidate("Event", "seminar", 9.0, ("Séminaire de la CRES Auvergne à Cusset",)),
        Candidate("Organization", "council", 5.0, ("Conseil régional d'Auvergne", None)),
        Candidate("Organization", "cres", 1.0, ("Chambre régionale de l'Économie sociale d'Auvergne", "CRES Auvergne")),
    ], first=10)
    assert [r.id for r in ranked] == ["cres", "seminar", "council"]
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    assert 3 < ranked[0].score < 4


def test_rank_prefers_actors_then_population_and_cuts_at_first() -> None:
    ranked = rank("saint", [
        Candidate("Territory", "small", 1.0, ("Saint-Petit",), 100),
        Candidate("Territory", "big", 1.0, ("Saint-Grand",), 10000),
        Candidate("Organization", "org", 1.0, ("Association Saint-Vincent",), None),
    ], first=2)
    assert [r.id for r in ranked] == ["org", "big"]
