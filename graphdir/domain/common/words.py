"""The words of a text someone typed to search or filter by, bounded: each search word is a Lucene term (Lucene
refuses terms over 1,000 characters as too large an automaton) and each filter word a CONTAINS test per row."""

from __future__ import annotations

from graphdir.domain.common.errors import InvalidArgument
from graphdir.text import fold

# Nobody types 32 words into a search box; no French word is near 100 letters.
MAX_WORDS = 32
MAX_WORD_CHARS = 100


def typed_words(text: str, argument: str) -> list[str]:
    """The folded words of `text` (graphdir.text.fold), or InvalidArgument naming `argument` when there are more than
    MAX_WORDS or one is longer than MAX_WORD_CHARS."""
    words = fold(text).split()
    if len(words) > MAX_WORDS:
        raise InvalidArgument(argument, f"at most {MAX_WORDS} words (got {len(words)})")
    longest = max(words, key=len, default="")
    if len(longest) > MAX_WORD_CHARS:
        raise InvalidArgument(argument, f"a word has at most {MAX_WORD_CHARS} characters (got {len(longest)})")
    return words
