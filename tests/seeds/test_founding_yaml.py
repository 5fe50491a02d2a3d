"""The curated founding YAML, checked without a database: every excerpt is verbatim, the format is respected.

These tests parse seeds/founding/*.yaml with PyYAML and read the documents (seeds/founding/documents/, copies of
shared/sources/), so the curation is checked even where no loader or Neo4j server is available.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from typing import Any

import pytest

from tests.seeds import founding as f

# The fields seeds/FORMAT.md allows, per section (unknown fields are errors for the loader).
ALLOWED = {
    "sources": {"id", "document", "title", "url", "publishedOn", "publishedOnInferred", "publishedOnNote"},
    "territories": {
        "level", "code", "name", "population", "postalCodes", "location", "validFrom", "validUntil", "parents",
        "successors", "source", "excerpt",
    },
    "organizations": {
        "id", "name", "acronym", "kind", "family", "legalForm", "siren", "siret", "rna", "website", "foundedOn",
        "description", "address", "commune", "location", "covers", "synthetic", "cited",
    },
    "people": {"id", "name", "cited"},
    "roles": {"person", "organization", "title", "portfolio", "since", "until", "source", "excerpt"},
    "relations": {"type", "from", "to", "role", "since", "until", "inferred", "note", "source", "excerpt"},
    "conventions": {
        "id", "title", "kind", "status", "signedOn", "signedOnInferred", "signedOnNote", "signedAt", "commune", "place",
        "objectives", "parties", "event", "validFrom", "validUntil", "cited",
    },
    "events": {
        "id", "title", "kind", "startsAt", "endsAt", "dateInferred", "dateNote", "commune", "place", "organisers",
        "speakers", "partOf", "follows", "cited",
    },
    "statements": {"id", "organization", "kind", "position", "text", "adoptedOn", "source", "excerpt"},
    "figures": {
        "id", "publisher", "territory", "measure", "value", "unit", "year", "yearInferred", "yearNote", "scope",
        "approximate", "source", "excerpt",
    },
}  # fmt: skip
NESTED = {
    ("territories", "parents"): {"territory", "since", "until"},
    ("organizations", "covers"): {"territory", "since", "until"},
    ("conventions", "parties"): {"organization", "role"},
    ("events", "speakers"): {"person", "title"},
}
ENUMS = {
    ("organizations", "kind"): {
        "REGIONAL_CHAMBER", "NATIONAL_CHAMBER", "FEDERATION", "NETWORK", "EMPLOYERS_UNION", "ENTERPRISE",
        "STATE_SERVICE", "REGIONAL_COUNCIL", "DEPARTMENTAL_COUNCIL", "INTERCOMMUNALITY", "MUNICIPALITY", "PAYS",
        "OTHER",
    },
    ("organizations", "family"): {"ASSOCIATION", "COOPERATIVE", "MUTUAL", "FOUNDATION", "ESS_COMPANY", "MIXED"},
    ("relations", "type"): {
        "MEMBER_OF", "FOUNDED", "RECOGNISES", "SUPPORTS", "FUNDS", "INTERLOCUTOR_OF", "PARTNER_OF",
    },
    ("conventions", "kind"): {"PARTNERSHIP", "AGREMENT"},
    ("conventions", "status"): {"PLANNED", "SIGNED", "IN_FORCE", "ENDED"},
    ("statements", "kind"): {"MISSION", "FUNCTION", "PRINCIPLE", "AMBITION"},
    ("figures", "unit"): {"jobs", "establishments", "percent"},
    ("territories", "level"): {"REGION", "DEPARTEMENT", "EPCI", "COMMUNE", "PAYS", "COLLECTIVITE"},
}  # fmt: skip
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TERRITORY_FILES = sorted(f.TERRITORIES_DIR.glob("*.jsonl")) if f.TERRITORIES_DIR.is_dir() else []
DATE_FIELDS = {"since", "until", "signedOn", "adoptedOn", "foundedOn", "year", "validFrom", "validUntil", "publishedOn"}


def _all_records() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (name, section, rec)
        for name, data in f.founding_files().items()
        for section, recs in data.items()
        for rec in recs or []
    ]


def test_both_founding_files_exist_and_are_mappings_of_known_sections() -> None:
    files = f.founding_files()
    assert set(files) == {"cres-auvergne-2012.yaml", "cress-paca.yaml"}
    for name, data in files.items():
        assert isinstance(data, dict), name
        assert set(data) <= set(ALLOWED), f"{name}: unknown sections {set(data) - set(ALLOWED)}"
        for section, recs in data.items():
            assert isinstance(recs, list), f"{name}: {section} is not a list"


def test_only_the_fields_of_the_format() -> None:
    problems = []
    for name, section, rec in _all_records():
        unknown = set(rec) - ALLOWED[section]
        if unknown:
            problems.append(f"{name} {section} {rec.get('id', rec)}: {sorted(unknown)}")
        for (sec, field), allowed in NESTED.items():
            if sec == section:
                for item in rec.get(field) or []:
                    if set(item) - allowed:
                        problems.append(f"{name} {section}.{field}: {sorted(set(item) - allowed)}")
        for cite in rec.get("cited") or []:
            if set(cite) != {"source", "excerpt"}:
                problems.append(f"{name} {section} {rec.get('id')}: cited entry {cite}")
    assert problems == []


def test_enumerations_and_dates_are_valid() -> None:
    problems = []
    for name, section, rec in _all_records():
        for (sec, field), allowed in ENUMS.items():
            if sec == section and field in rec and rec[field] not in allowed:
                problems.append(f"{name} {section} {rec.get('id')}: {field}={rec[field]!r}")
        nested_dates = [c for c in (rec.get("covers") or []) + (rec.get("parents") or [])]
        for holder in [rec, *nested_dates]:
            for field in DATE_FIELDS & set(holder):
                if not PARTIAL_DATE.match(str(holder[field])) or not isinstance(holder[field], str):
                    problems.append(f"{name} {section} {rec.get('id')}: {field}={holder[field]!r} (quoted ISO date)")
    assert problems == []


def test_ids_are_unique_per_section() -> None:
    for section in ("sources", "organizations", "people", "conventions", "events", "statements", "figures"):
        counts = Counter(rec["id"] for rec in f.records(section))
        assert [i for i, n in counts.items() if n > 1] == [], section


def test_sources_name_the_documents() -> None:
    sources = f.by_id("sources")
    assert set(sources) == set(f.FOUNDING_SOURCES)
    for sid, doc in f.FOUNDING_SOURCES.items():
        assert sources[sid]["document"] == doc
        assert (f.SOURCES_DIR / doc).is_file()
    assert sources[f.SRC_AUVERGNE]["url"] == "http://www.cres-auvergne.org/"
    assert "url" not in sources[f.SRC_PACA]
    # The titles are the documents' headings.
    for sid, doc in f.FOUNDING_SOURCES.items():
        first_line = next(line for line in f.document(doc).splitlines() if line.strip())
        assert f.normalise(sources[sid]["title"]) == f.normalise(first_line)


def test_every_fact_has_a_source_and_an_excerpt() -> None:
    for section in f.CITED_SECTIONS:
        for rec in f.records(section):
            assert rec.get("cited"), f"{section}[{rec['id']}] cites nothing"
    for cite in f.citations():
        assert cite.source in f.FOUNDING_SOURCES, f"{cite.where}: source {cite.source!r}"
        assert isinstance(cite.excerpt, str) and cite.excerpt.strip(), f"{cite.where}: empty excerpt"


def test_every_excerpt_is_verbatim_in_its_document() -> None:
    docs = f.source_documents()
    missing = [
        f"{c.where}: {c.excerpt!r}"
        for c in f.citations()
        if c.source in docs and not f.is_verbatim(c.excerpt or "", docs[c.source])
    ]
    assert missing == []


def test_statement_texts_and_objectives_are_the_documents_words() -> None:
    docs = f.source_documents()
    for rec in f.records("statements"):
        assert f.is_verbatim_text(rec["text"], docs[rec["source"]]), rec["id"]
        # The text is the item; the excerpt may add its number and punctuation, never other words.
        assert f.normalise_text(rec["text"]).rstrip(".,") in f.normalise_text(rec["excerpt"]), rec["id"]
    for rec in f.records("conventions"):
        for objective in rec.get("objectives") or []:
            assert f.is_verbatim_text(objective, docs[rec["cited"][0]["source"]]), objective


def test_inferred_values_say_why() -> None:
    problems = []
    for name, section, rec in _all_records():
        for key, value in rec.items():
            if key.endswith("Inferred") and value is True:
                note = key[: -len("Inferred")] + "Note"
                if not str(rec.get(note) or "").strip():
                    problems.append(f"{name} {section} {rec.get('id')}: {key} without {note}")
            if key.endswith("Note") and not rec.get(key[: -len("Note")] + "Inferred"):
                problems.append(f"{name} {section} {rec.get('id')}: {key} without its Inferred flag")
        if section == "relations" and rec.get("inferred") and not str(rec.get("note") or "").strip():
            problems.append(f"{name} relations {rec['type']} {rec['from']}->{rec['to']}: inferred without note")
    assert problems == []


def test_references_resolve_within_the_founding_files() -> None:
    orgs, people, events = f.by_id("organizations"), f.by_id("people"), f.by_id("events")
    for rec in f.records("roles"):
        assert rec["person"] in people and rec["organization"] in orgs, rec
    for rec in f.records("relations"):
        assert rec["from"] in orgs and rec["to"] in orgs, rec
    for rec in f.records("statements"):
        assert rec["organization"] in orgs, rec["id"]
    for rec in f.records("figures"):
        assert rec["publisher"] in orgs, rec["id"]
    for rec in f.records("conventions"):
        assert all(p["organization"] in orgs for p in rec["parties"]), rec["id"]
        assert rec.get("event") is None or rec["event"] in events, rec["id"]
    for rec in f.records("events"):
        assert all(o in orgs for o in rec.get("organisers") or []), rec["id"]
        assert all(s["person"] in people for s in rec.get("speakers") or []), rec["id"]
        for link in ("partOf", "follows"):
            assert rec.get(link) is None or rec[link] in events, rec["id"]


def _referenced_territories() -> set[str]:
    refs = set()
    for rec in f.records("organizations"):
        refs |= {c["territory"] for c in rec.get("covers") or []}
        if "commune" in rec:
            refs.add(f"commune:{rec['commune']}")
    for rec in f.records("territories"):
        refs |= {p["territory"] for p in rec.get("parents") or []}
    for section in ("conventions", "events"):
        refs |= {f"commune:{rec['commune']}" for rec in f.records(section) if "commune" in rec}
    refs |= {rec["territory"] for rec in f.records("figures")}
    return refs


def test_the_founding_files_define_only_the_pays_and_reference_cog_territories() -> None:
    defined = {f"{t['level'].lower()}:{t['code']}" for t in f.records("territories")}
    assert defined == {"pays:vichy-auvergne"}
    assert _referenced_territories() - defined == {
        "commune:03095", "departement:03", "region:83", "region:84", "region:53", "region:93",
    }  # fmt: skip


def test_referenced_cog_territories_exist_in_the_territory_seeds() -> None:
    if not TERRITORY_FILES:
        pytest.skip("seeds/territories/ holds no JSON Lines yet")
    known = set()
    for path in TERRITORY_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("$kind") == "territories":
                    known.add(f"{rec['level'].lower()}:{rec['code']}")
    defined = {f"{t['level'].lower()}:{t['code']}" for t in f.records("territories")}
    assert _referenced_territories() - defined - known == set()


def test_statement_counts_and_positions() -> None:
    expected = {
        ("cres-auvergne", "MISSION"): 5,
        ("cres-auvergne", "FUNCTION"): 6,
        ("cres-auvergne", "PRINCIPLE"): 5,
        ("cress-paca", "MISSION"): 3,
        ("cress-paca", "AMBITION"): 4,
    }
    groups: dict[tuple[str, str], list[int]] = {}
    for rec in f.records("statements"):
        groups.setdefault((rec["organization"], rec["kind"]), []).append(rec["position"])
    assert {k: len(v) for k, v in groups.items()} == expected
    for key, positions in groups.items():
        assert sorted(positions) == list(range(1, expected[key] + 1)), key
    for rec in f.records("statements"):
        voted = rec["organization"] == "cres-auvergne" and rec["kind"] in {"MISSION", "FUNCTION"}
        assert rec.get("adoptedOn") == ("2008-06-09" if voted else None), rec["id"]


def test_the_2012_date_inference_holds() -> None:
    # "vendredi 20 janvier", after "novembre 2011": 20 January 2012 was a Friday, 2011's a Thursday.
    assert dt.date(2012, 1, 20).weekday() == 4
    assert dt.date(2011, 1, 20).weekday() != 4
    convention = f.by_id("conventions")["convention-pays-vichy-auvergne-cres-2012"]
    assert convention["signedOn"] == "2012-01-20" and convention["signedOnInferred"] is True
    assert "2011" in convention["signedOnNote"] and "Friday" in convention["signedOnNote"]


def test_nothing_the_documents_do_not_give() -> None:
    # No register identifier, address or location: neither document gives one.
    for rec in f.records("organizations"):
        assert not {"siren", "siret", "rna", "address", "location", "legalForm", "commune"} & set(rec), rec["id"]
    orgs = f.by_id("organizations")
    assert {o for o, r in orgs.items() if "foundedOn" in r} == {"cress-paca"}
    assert {o for o, r in orgs.items() if "website" in r} == {"cres-auvergne"}
    # The PACA convention and figures have no date: the document gives none.
    assert "signedOn" not in f.by_id("conventions")["convention-agrement-cress-paca"]
    assert all("year" not in r for r in f.records("figures") if r["publisher"] == "cress-paca")
    # The pays lists no member communes; Pierre Petitbout holds no role and has no title.
    assert all(r["person"] != "pierre-petitbout" for r in f.records("roles"))
    speakers = [s for e in f.records("events") for s in e.get("speakers") or []]
    assert all("title" not in s for s in speakers if s["person"] == "pierre-petitbout")


def test_the_repository_copies_of_the_documents_are_the_originals() -> None:
    if not f.SHARED_SOURCES_DIR.is_dir():
        pytest.skip("shared/sources/ is not beside this checkout")
    originals = sorted(p.name for p in f.SHARED_SOURCES_DIR.glob("*.txt"))
    assert originals == sorted(p.name for p in f.SOURCES_DIR.glob("*.txt"))
    for name in originals:
        assert (f.SOURCES_DIR / name).read_bytes() == (f.SHARED_SOURCES_DIR / name).read_bytes(), name
