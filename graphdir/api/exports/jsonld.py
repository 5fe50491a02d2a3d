"""An organization as JSON-LD: a schema.org Organization with its identifiers, place, memberships and members."""

from __future__ import annotations

from typing import Any

from graphdir.domain.organizations.records import MembershipRecord, OrganizationRecord

CONTEXT = "https://schema.org"
MEDIA_TYPE = "application/ld+json"


def organization_path(slug: str) -> str:
    """The stable URL path of an organization's JSON-LD document (its @id, under the server's base URL)."""
    return f"/export/organizations/{slug}.jsonld"


def _reference(org: OrganizationRecord, base: str) -> dict[str, Any]:
    return {"@type": "Organization", "@id": base + organization_path(org.slug), "name": org.name}


def organization_jsonld(org: OrganizationRecord, member_of: list[MembershipRecord], members: list[MembershipRecord],
                        base: str) -> dict[str, Any]:
    document: dict[str, Any] = {"@context": CONTEXT, "@type": "Organization",
                                "@id": base + organization_path(org.slug), "name": org.name,
                                "sameAs": [f"{base}/#/organisation/{org.slug}"]}
    if org.acronym:
        document["alternateName"] = org.acronym
    if org.description:
        document["description"] = org.description
    if org.website:
        document["url"] = org.website
    if org.founded_on:
        document["foundingDate"] = org.founded_on
    if org.legal_form:
        document["legalName"] = org.name
        document["additionalType"] = org.legal_form
    identifiers = [{"@type": "PropertyValue", "propertyID": name, "value": value}
                   for name, value in (("SIREN", org.siren), ("SIRET", org.siret), ("RNA", org.rna)) if value]
    if identifiers:
        document["identifier"] = identifiers
    if org.siret:
        document["taxID"] = org.siret
    if org.address:
        document["address"] = {"@type": "PostalAddress", "streetAddress": org.address, "addressCountry": "FR"}
    if org.location:
        document["location"] = {"@type": "Place", "geo": {"@type": "GeoCoordinates",
                                                          "latitude": org.location.latitude,
                                                          "longitude": org.location.longitude}}
    if member_of:
        document["memberOf"] = [_reference(m.organization, base) for m in member_of]
    if members:
        document["member"] = [_reference(m.organization, base) for m in members]
    return document
