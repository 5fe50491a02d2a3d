"""The Lucene query sent to the `search_text` full-text index, built from what a person typed.

The index holds `searchText`, a copy of names, acronyms, descriptions, places and people folded by
`graphdir.text.fold` (lower case, no accents, elisions dropped), analysed by Lucene's `french` analyzer (stop words,
light stemming). The typed text is folded the same way, so "L'ÉCONOMIE" and "economie" are the same query. Every word
is escaped: nothing the user types can become Lucene syntax.

The query is a disjunction that lets Lucene's score favour, in order: the exact phrase, every word, every word with
the last one as a prefix (search as you type: "cres auv"), and finally any word (recall). Prefix terms are not
analysed (no stemming), which is why the last word is also kept whole: "economie" matches the stem "econom",
"econ*" matches it as a prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphdir.domain.common.words import MAX_WORDS
from graphdir.text import fold

# Lucene classic query syntax: + - && || ! ( ) { } [ ] ^ " ~ * ? : \ /
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
# Lucene's operators (AND, OR, NOT, TO) are upper case only: folded words, always lower case, never are operators.

PHRASE_BOOST = 8
ALL_WORDS_BOOST = 4
PREFIX_BOOST = 2
# A one-letter prefix expands to most of the index; as-you-type starts at two letters.
MIN_PREFIX = 2


@dataclass(frozen=True)
class LuceneQuery:
    folded: str
    words: tuple[str, ...]
    text: str


def escape(word: str) -> str:
    return _SPECIAL.sub(r"\\\1", word)


def words_of(text: str) -> list[str]:
    """The folded words, cut at MAX_WORDS: the service refuses longer texts first (typed_words), this keeps Lucene's
    clause count small for any caller."""
    return fold(text).split()[:MAX_WORDS]


def build(text: str) -> LuceneQuery | None:
    """The Lucene query for `text`, or None when nothing searchable is left once folded (blank, punctuation)."""
    words = words_of(text)
    if not words:
        return None
    escaped = [escape(w) for w in words]
    clauses: list[str] = []
    if len(escaped) > 1:
        clauses.append(f'"{" ".join(escaped)}"^{PHRASE_BOOST}')
    clauses.append("(" + " ".join(f"+{w}" for w in escaped) + f")^{ALL_WORDS_BOOST}")
    if len(words[-1]) >= MIN_PREFIX:
        required = [f"+{w}" for w in escaped[:-1]] + [f"+{escaped[-1]}*"]
        clauses.append("(" + " ".join(required) + f")^{PREFIX_BOOST}")
    if len(escaped) > 1:
        clauses.append("(" + " ".join(escaped) + ")")
    return LuceneQuery(folded=" ".join(words), words=tuple(words), text=" ".join(clauses))
