"""Placing a (postal code, commune name) pair in one commune, on small hand-written indexes and on the real COG."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphdir.importers.places import Commune, PlaceIndex, Unplaced, name_key, normalise_departement


def index(*communes: tuple[str, str, str, tuple[str, ...]]) -> PlaceIndex:
    return PlaceIndex(Commune(code, name, departement, codes) for code, name, departement, codes in communes)


SMALL = index(
    ("03095", "Cusset", "03", ("03300",)),
    ("03001", "Abrest", "03", ("03200",)),
    ("03306", "Le Vernet", "03", ("03200",)),
    ("03310", "Vichy", "03", ("03200",)),
    ("03264", "Saint-Yorre", "03", ("03270",)),
    ("95313", "L'Isle-Adam", "95", ("95290",)),
    ("02565", "Œuilly", "02", ("02160",)),
    ("69052", "Sainte-Foy-l'Argentière", "69", ("69610",)),
    ("75056", "Paris", "75", ("75001", "75015", "75116")),
    ("69123", "Lyon", "69", ("69001", "69003")),
    ("13055", "Marseille", "13", ("13001", "13013")),
    ("59350", "Lille", "59", ("59000", "59160")),
    ("99001", "Saint-Martin", "99", ("99100",)),
    ("99002", "Saint-Martin", "99", ("99200",)),
    ("99003", "Doublon", "99", ("99300",)),
    ("99004", "Doublon", "99", ("99300",)),
)


@pytest.mark.parametrize(("postal_code", "name", "code"), [
    ("03300", "CUSSET", "03095"),                      # upper case
    ("03270", "ST YORRE", "03264"),                    # ST and a lost hyphen
    ("69610", "STE FOY L ARGENTIERE", "69052"),        # STE, lost accents, lost apostrophe
    ("95290", "L ISLE ADAM", "95313"),                 # elided article without its apostrophe
    ("95290", "ISLE ADAM (L')", "95313"),              # article written after the name
    ("02160", "OEUILLY", "02565"),                     # ligature
    ("75015", "PARIS 15", "75056"),                    # arrondissements: the COG lists the commune
    ("75116", "PARIS 16E ARRONDISSEMENT", "75056"),
    ("69003", "LYON 03", "69123"),
    ("13013", "MARSEILLE 13", "13055"),
    ("03200", "LE VERNET", "03306"),                   # a postal code shared by three communes: the name decides
    ("03200", "vichy", "03310"),
])
def test_placed_by_postal_code(postal_code: str, name: str, code: str) -> None:
    placed = SMALL.resolve(postal_code, name)
    assert (placed.code, placed.method, placed.reason) == (code, "postal-code", None)


def test_a_cedex_code_falls_back_to_the_departement_by_name() -> None:
    placed = SMALL.resolve("59044", "LILLE CEDEX", "059")
    assert (placed.code, placed.method) == ("59350", "departement")
    assert "postal code of no commune" in placed.detail


def test_a_wrong_postal_code_is_mended_by_a_name_of_the_same_departement() -> None:
    placed = SMALL.resolve("03300", "ABREST", "003")
    assert (placed.code, placed.method) == ("03001", "departement")
    assert "03300 serves no commune named 'ABREST'" in placed.detail


def test_the_asp_split_departement_code_is_read() -> None:
    assert normalise_departement("59L") == normalise_departement("059") == "59"
    assert normalise_departement("974") == "974"
    assert SMALL.resolve("59999", "LILLE", "59V").code == "59350"


def test_never_a_guess() -> None:
    not_found = SMALL.resolve("03300", "VILLE IMAGINAIRE", "003")
    assert (not_found.commune, not_found.reason) == (None, Unplaced.NAME_NOT_FOUND)
    unknown = SMALL.resolve("03999", "VILLE IMAGINAIRE", "003")
    assert (unknown.commune, unknown.reason) == (None, Unplaced.UNKNOWN_POSTAL_CODE)
    # 03300 serves Cusset alone: a name of no commune is not put there for want of a better answer.
    assert SMALL.resolve("03300", "VICHY NORD", "").reason is Unplaced.NAME_NOT_FOUND
    invalid = SMALL.resolve("3300", "CUSSET")
    assert (invalid.commune, invalid.reason) == (None, Unplaced.INVALID_POSTAL_CODE)


def test_ambiguous_names_are_reported_with_their_candidates() -> None:
    by_postal_code = SMALL.resolve("99300", "DOUBLON")
    assert (by_postal_code.commune, by_postal_code.reason) == (None, Unplaced.AMBIGUOUS)
    assert "99003" in by_postal_code.detail and "99004" in by_postal_code.detail
    in_departement = SMALL.resolve("99999", "ST MARTIN", "099")
    assert (in_departement.commune, in_departement.reason) == (None, Unplaced.AMBIGUOUS)
    assert "99001 Saint-Martin, 99002 Saint-Martin" in in_departement.detail


def test_name_key() -> None:
    assert name_key("Saint-Germain-des-Fossés") == name_key("ST GERMAIN DES FOSSES") == "saint germain des fosses"
    assert name_key("Villeneuve-d'Ascq") == name_key("VILLENEUVE D ASCQ") == "villeneuve ascq"
    assert name_key("LA ROCHE SUR YON CEDEX 9") == "la roche sur yon"
    assert name_key("Saintes") != name_key("Sainte")


def test_the_real_cog_places_the_hard_cases() -> None:
    cog = PlaceIndex.from_jsonl(Path(__file__).resolve().parents[2] / "seeds" / "territories" / "communes.jsonl")
    assert cog.resolve("03270", "ST YORRE", "003").code == "03264"
    assert cog.resolve("02160", "OEUILLY", "002").code == "02565"
    assert cog.resolve("75015", "PARIS 15", "075").code == "75056"
    assert cog.resolve("13013", "MARSEILLE 13", "013").code == "13055"
    assert cog.resolve("69003", "LYON 03", "069").code == "69123"
    assert cog.resolve("03201", "VICHY CEDEX", "003").code == "03310"
