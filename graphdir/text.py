"""French-aware text folding, shared by what is indexed (searchText) and what is searched.

"L'Économie sociale" and "l'economie  SOCIALE" fold to the same words: lower case, no accents, elided articles and
pronouns (l', d', qu', …) split off and dropped, ligatures expanded, punctuation turned to spaces.
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae", "’": "'", "ʼ": "'", "‘": "'"})
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    text = text.translate(_LIGATURES)
    text = _ELISION.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", ascii_only).strip()


def slugify(text: str) -> str:
    return fold(text).replace(" ", "-")
