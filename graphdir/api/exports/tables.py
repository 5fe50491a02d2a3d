"""Organization lists and partnersNear answers as CSV: UTF-8 with a byte-order mark (so that spreadsheets read the
accents right), comma-separated unless `delimiter=semicolon` asks for `;` (what French spreadsheets expect)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from graphdir.api.ids import encode
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.organizations.records import OrganizationRecord
from graphdir.domain.partners.records import NearHit

BOM = "\ufeff".encode()
DELIMITERS = {"comma": ",", ",": ",", "semicolon": ";", ";": ";"}
ORGANIZATION_COLUMNS = ["id", "slug", "name", "acronym", "kind", "family", "legal_form", "siren", "siret", "rna",
                        "website", "founded_on", "address", "latitude", "longitude", "location_approximate"]
NEAR_COLUMNS = [*ORGANIZATION_COLUMNS, "distance_km", "distance_approximate", "shared_territories"]


def delimiter_of(raw: str | None) -> str:
    if raw is None or raw == "":
        return ","
    if raw not in DELIMITERS:
        raise InvalidArgument("delimiter", "must be comma or semicolon")
    return DELIMITERS[raw]


def _organization_row(org: OrganizationRecord) -> list[str]:
    location = org.location
    return [encode("Organization", org.id), org.slug, org.name, org.acronym or "", org.kind, org.family or "",
            org.legal_form or "", org.siren or "", org.siret or "", org.rna or "", org.website or "",
            org.founded_on or "", org.address or "", str(location.latitude) if location else "",
            str(location.longitude) if location else "", ("true" if location.approximate else "false") if location
            else ""]


def table(header: list[str], rows: Iterable[list[str]], delimiter: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + out.getvalue().encode("utf-8")


def organizations_csv(organizations: Iterable[OrganizationRecord], delimiter: str = ",") -> bytes:
    return table(ORGANIZATION_COLUMNS, (_organization_row(org) for org in organizations), delimiter)


def near_csv(hits: Iterable[NearHit], delimiter: str = ",") -> bytes:
    return table(NEAR_COLUMNS, ([*_organization_row(hit.organization), f"{hit.distance_km:.3f}",
                                 "true" if hit.approximate else "false",
                                 " | ".join(t.name for t in hit.shared_territories)] for hit in hits), delimiter)
