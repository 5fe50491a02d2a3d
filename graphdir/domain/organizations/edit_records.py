"""What an edit of organizations says (typed records in): the fields in the seed format's names (seeds/FORMAT.md),
a value None clearing the field, an absent one leaving it as it is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphdir.domain.editing.records import EditRequest

# What updateOrganization may change, and what a Change lists field by field.
ORGANIZATION_FIELDS = ("name", "acronym", "kind", "family", "legalForm", "siren", "siret", "rna", "website",
                       "foundedOn", "ceasedOn", "description", "address", "commune", "location")
MEMBERSHIP_FIELDS = ("role", "since", "until", "note")


@dataclass(frozen=True, slots=True)
class NewOrganization:
    fields: Mapping[str, Any]  # ORGANIZATION_FIELDS, and `slug` (else the slug of the acronym, else of the name)
    edit: EditRequest


@dataclass(frozen=True, slots=True)
class OrganizationChanges:
    id: str
    fields: Mapping[str, Any]  # some of ORGANIZATION_FIELDS
    edit: EditRequest


@dataclass(frozen=True, slots=True)
class MembershipChanges:
    """A membership of `member` in `body`; its fields are some of MEMBERSHIP_FIELDS."""

    member: str
    body: str
    fields: Mapping[str, Any]
    edit: EditRequest
