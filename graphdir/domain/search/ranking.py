"""Re-ranking the full-text candidates: a hit whose own name (or acronym, or title) is what was typed comes first.

Lucene scores the whole `searchText` (a description may repeat a word more often than a name does, and BM25 prefers
short documents), so how the node's own names match the text is decided here, on folded names:

- tier 3: a name is exactly the text ("CRES Auvergne", "Cusset");
- tier 2: every word of the text is a whole word of a name ("Courtadon" in "Gérard Courtadon", "Vichy" in
  "Pays Vichy-Auvergne");
- tier 1: the same with the last word only the beginning of a name's word (search as you type: "cres auv", "courta");
- tier 0: the text matched elsewhere (a description).

Within a tier, actors (organizations, people, conventions, events) come before territories: the directory is about
them, and a territory that is exactly the text is already in tier 3. Then a name that starts with the text, then the
better Lucene score. The published score is

    tier + 0.5 (an actor) + 0.25 (a name starts with the text) + 0.249 × Lucene score / best Lucene score

so that sorting by it is sorting by these criteria. Equal scores put the most populous territory first, then go by
type and id, so that the order is stable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphdir.text import fold

EXACT, WHOLE_WORDS, PREFIX, ELSEWHERE = 3, 2, 1, 0
ACTOR_BONUS = 0.5
STARTS_WITH_BONUS = 0.25
RELATIVE_WEIGHT = 0.249
MIN_PREFIX = 2


@dataclass(frozen=True)
class NameMatch:
    tier: int
    starts_with: bool


def name_match(folded_text: str, names: Iterable[str | None]) -> NameMatch:
    """How the best of `names` matches the folded text."""
    words = folded_text.split()
    best = NameMatch(ELSEWHERE, False)
    if not words:
        return best
    head, last = words[:-1], words[-1]
    for name in names:
        if not name:
            continue
        folded = fold(name)
        if folded == folded_text:
            return NameMatch(EXACT, True)
        name_words = folded.split()
        if not all(w in name_words for w in head):
            continue
        if last in name_words:
            tier = WHOLE_WORDS
        elif len(last) >= MIN_PREFIX and any(n.startswith(last) for n in name_words):
            tier = PREFIX
        else:
            continue
        starts_with = folded.startswith(folded_text)
        best = max(best, NameMatch(tier, starts_with), key=lambda m: (m.tier, m.starts_with))
    return best


@dataclass(frozen=True)
class Candidate:
    type_name: str
    id: str
    lucene_score: float
    names: tuple[str | None, ...]
    population: int | None = None


@dataclass(frozen=True)
class Ranked:
    type_name: str
    id: str
    score: float
    tier: int


def rank(folded_text: str, candidates: list[Candidate], first: int) -> list[Ranked]:
    if not candidates:
        return []
    best = max(c.lucene_score for c in candidates) or 1.0
    scored = []
    for c in candidates:
        match = name_match(folded_text, c.names)
        relative = min(max(c.lucene_score / best, 0.0), 1.0)
        actor = c.type_name != "Territory"
        score = round(match.tier + (ACTOR_BONUS if actor else 0.0) + (STARTS_WITH_BONUS if match.starts_with else 0.0)
                      + RELATIVE_WEIGHT * relative, 6)
        scored.append((score, c.population or 0, match.tier, c))
    scored.sort(key=lambda s: (-s[0], -s[1], s[3].type_name, s[3].id))
    return [Ranked(c.type_name, c.id, score, tier) for score, _, tier, c in scored[:first]]
