"""Labels and relationship types spliced into an edit's Cypher: only those of the loader's whitelists
(graphdir.loader.cypher), since neither can be a parameter where an index is used."""

from __future__ import annotations

from graphdir.loader.cypher import LABELS, REL_TYPES


def label(name: str) -> str:
    if name not in LABELS:
        raise ValueError(f"not a graphdir label: {name!r}")
    return name


def rel_type(name: str) -> str:
    if name not in REL_TYPES:
        raise ValueError(f"not a graphdir relationship type: {name!r}")
    return name
