"""Cypher texts of the accounts domain. A token is stored as the SHA-256 of its secret, never the secret."""

from __future__ import annotations

from typing import Final

TOKEN_MAP: Final = "{ .id, .name, .role, .territories, .createdAt, .revokedAt }"

CREATE: Final = (
    """
CREATE (t:ApiToken {id: $id, name: $name, role: $role, territories: $territories, hash: $hash,
                    createdAt: datetime()})
RETURN t """
    + TOKEN_MAP
    + " AS token"
)

BY_HASH: Final = "MATCH (t:ApiToken {hash: $hash}) WHERE t.revokedAt IS NULL RETURN t " + TOKEN_MAP + " AS token"

ALL: Final = "MATCH (t:ApiToken) RETURN t " + TOKEN_MAP + " AS token ORDER BY t.createdAt, t.id"

# Revoking keeps the token (history names it), marked with when it was revoked.
REVOKE: Final = (
    """
MATCH (t:ApiToken) WHERE t.id = $key OR t.name = $key
SET t.revokedAt = coalesce(t.revokedAt, datetime())
RETURN t """
    + TOKEN_MAP
    + " AS token"
)

NAME_TAKEN: Final = "MATCH (t:ApiToken {name: $name}) RETURN count(t) > 0 AS taken"

EXISTING_TERRITORIES: Final = """
UNWIND $ids AS id
MATCH (t:Territory {id: id})
RETURN collect(id) AS found
"""
