"""Global ids: Relay's base64 of "<GraphQL type>:<graph id>"."""

from __future__ import annotations

import base64

from strawberry.relay import GlobalID

from graphdir.domain.common.errors import InvalidArgument


def encode(type_name: str, key: str) -> str:
    # What str(GlobalID(type_name, key)) gives, without building the GlobalID: a network map encodes about a
    # thousand ids per answer (bench/README.md, issue 16).
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def decode(value: str, argument: str, expected: set[str] | None = None) -> tuple[str, str]:
    """(type name, graph id) of a global id, or InvalidArgument naming the argument."""
    try:
        gid = GlobalID.from_id(value)
    except Exception as exc:  # strawberry raises several kinds for bad base64 / missing colon
        raise InvalidArgument(argument, f"{value!r} is not a valid id") from exc
    if expected is not None and gid.type_name not in expected:
        raise InvalidArgument(argument, f"expected an id of {' or '.join(sorted(expected))}, got {gid.type_name}")
    return gid.type_name, gid.node_id
