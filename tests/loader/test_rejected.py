"""Rejected loads: every error reported at once, exactly located, exit status 1, and the graph left as it was.

Each test runs `graphdir load` as the command does (graphdir.loader.command.run_load, in a thread: it opens its own
event loop), reads the errors it prints, and compares whole-graph snapshots taken before and after.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from textwrap import dedent

import pytest

from graphdir.loader import LoadRejected, load_paths
from graphdir.loader.command import run_load
from tests.loader.conftest import VALID, Graph

ACTORS = VALID / "30-actors.yaml"
TERRITORIES = VALID / "20-territories.jsonl"


def write(path: Path, text: str) -> Path:
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The line of `path` that starts with `text` (to name lines of the fixtures without hard-coding them)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


async def rejected(graph: Graph, capsys: pytest.CaptureFixture[str], *paths: Path) -> list[str]:
    """Run the load command; check it refused, wrote nothing, and return the error lines it printed."""
    before = await graph.snapshot()
    code = await asyncio.to_thread(run_load, graph.settings, list(paths), False, False)
    out, err = capsys.readouterr()
    after = await graph.snapshot()
    assert code == 1
    assert out == ""
    assert after == before
    assert "Traceback" not in err
    *errors, last = err.splitlines()
    noun = "error" if len(errors) == 1 else "errors"
    assert last == f"graphdir load: load rejected: {len(errors)} {noun}, nothing written"
    return errors


async def test_malformed_yaml(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", """
        organizations:
          - id: test-loader-bad
            name: Bad
           kind: OTHER
        """)
    unterminated = write(tmp_path / "unterminated.yaml", """
        people:
          - id: test-loader-unterminated
            name: "Unterminated
        """)
    assert await rejected(graph, capsys, VALID, bad, unterminated) == [
        f"{bad}:4: malformed YAML: expected <block end>, but found '<block mapping start>' (while parsing a block "
        "collection started on line 2)",
        f"{unterminated}:4: malformed YAML: found unexpected end of stream (while scanning a quoted scalar started on "
        "line 3)",
    ]


async def test_malformed_json_and_json_lines(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad_json = write(tmp_path / "bad.json", """
        {
          "people": [
            {"id": "test-loader-p", "name": "P"},
            {"id": "test-loader-q" "name": "Q"}
          ]
        }
        """)
    bad_lines = write(tmp_path / "bad.jsonl", """
        {"$kind": "people", "id": "test-loader-r", "name": "R"}
        {"$kind": "people", "id": "test-loader-s", "name": "S"
        {"$kind": "people", "id": "test-loader-t", "name": "T"}
        {"$kind": "persons", "id": "test-loader-u", "name": "U"}
        """)
    assert await rejected(graph, capsys, bad_json, bad_lines) == [
        f"{bad_json}:4: malformed JSON: Expecting ',' delimiter (column 28)",
        f"{bad_lines}:2: malformed JSON: Expecting ',' delimiter (column 55)",
        f"{bad_lines}:4: $kind: 'persons': expected one of sources, territories, organizations, people, roles, "
        "relations, conventions, events, statements, figures",
    ]


async def test_unknown_field(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    extra = write(tmp_path / "extra.yaml", """
        people:
          - id: test-loader-extra
            name: Extra
            nickname: X
        """)
    assert await rejected(graph, capsys, VALID, extra) == [
        f"{extra}:4: people[0] nickname: unknown field (expected one of: id, name, cited)",
    ]


async def test_missing_required_fields(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = write(tmp_path / "missing.yaml", """
        organizations:
          - id: test-loader-nokind
            name: No Kind
        territories:
          - {level: COMMUNE, code: "99909", source: test-loader-src-cog}
        roles:
          - {person: test-loader-person, organization: test-loader-chamber, title: null, source: test-loader-src-doc}
        """)
    assert await rejected(graph, capsys, VALID, missing) == [
        f"{missing}:2: organizations[0] kind: required field missing",
        f"{missing}:5: territories[0] name: required field missing",
        f"{missing}:7: roles[0] title: required, must not be null",
    ]


async def test_unknown_commune_code(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lost = write(tmp_path / "lost.yaml", """
        organizations:
          - id: test-loader-lost
            name: Lost
            kind: OTHER
            commune: "99999"
          - id: test-loader-lost-2
            name: Lost Two
            kind: OTHER
            covers: [{territory: "commune:99998"}]
        """)
    assert await rejected(graph, capsys, lost) == [
        f"{lost}:5: organizations[0] commune: unknown commune '99999': not in this load nor in the graph "
        "(no commune has this code)",
        f"{lost}:9: organizations[1] covers[0].territory: unknown territory 'commune:99998': not in this load nor in "
        "the graph",
    ]


async def test_dangling_references(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    refs = write(tmp_path / "refs.yaml", """
        organizations:
          - id: test-loader-dangling
            name: Dangling
            kind: OTHER
            cited: [{source: test-loader-src-nowhere, excerpt: x}]
        roles:
          - {person: test-loader-nobody, organization: test-loader-dangling, title: P, source: test-loader-src-doc}
        relations:
          - {type: FUNDS, from: test-loader-chamber, to: test-loader-ghost, source: test-loader-src-doc}
        events:
          - {id: test-loader-e, title: E, kind: FORUM, follows: test-loader-missing-event}
        """)
    assert await rejected(graph, capsys, VALID, refs) == [
        f"{refs}:5: organizations[0] cited[0].source: unknown source 'test-loader-src-nowhere': not in this load nor "
        "in the graph",
        f"{refs}:7: roles[0] person: unknown person 'test-loader-nobody': not in this load nor in the graph",
        f"{refs}:9: relations[0] to: unknown organization 'test-loader-ghost': not in this load nor in the graph",
        f"{refs}:11: events[0] follows: unknown event 'test-loader-missing-event': not in this load nor in the graph",
    ]


async def test_impossible_dates(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dates = write(tmp_path / "dates.yaml", """
        organizations:
          - {id: test-loader-d1, name: D1, kind: OTHER, foundedOn: "2012-02-30"}
          - {id: test-loader-d2, name: D2, kind: OTHER, foundedOn: "2012-13"}
        """)
    assert await rejected(graph, capsys, dates) == [
        f"{dates}:2: organizations[0] foundedOn: '2012-02-30': day 30 does not exist (2012-02 has 29 days)",
        f"{dates}:3: organizations[1] foundedOn: '2012-13': month 13 does not exist (01-12)",
    ]


async def test_since_after_until(graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    periods = write(tmp_path / "periods.yaml", """
        roles:
          - person: test-loader-person
            organization: test-loader-council
            title: Vice-président
            since: "2014-03"
            until: "2012"
            source: test-loader-src-doc
        organizations:
          - id: test-loader-covering
            name: Covering
            kind: OTHER
            covers:
              - {territory: "pays:test-loader-pays", since: "2016-01-01", until: "2015-12-31"}
        """)
    assert await rejected(graph, capsys, VALID, periods) == [
        f"{periods}:6: roles[0] until: until 2012 is before since 2014-03",
        f"{periods}:13: organizations[0] covers[0].until: until 2015-12-31 is before since 2016-01-01",
    ]


async def test_duplicate_keys_in_one_file_and_across_files(
    graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dup = write(tmp_path / "dup.yaml", """
        people:
          - {id: test-loader-twin, name: Twin}
          - {id: test-loader-twin, name: Twin again}
          - {id: test-loader-person, name: Gérard Test again}
        """)
    dup_lines = write(tmp_path / "dup.jsonl", """
        {"$kind":"territories","level":"COMMUNE","code":"99901","name":"Testville","source":"test-loader-src-cog"}
        """)
    person = line_of(ACTORS, "  - id: test-loader-person")
    commune = line_of(TERRITORIES, '{"$kind":"territories","level":"COMMUNE","code":"99901"')
    assert await rejected(graph, capsys, VALID, dup, dup_lines) == [
        f"{dup}:3: people[1] id: duplicate id 'test-loader-twin': also at {dup}:2 (people[0])",
        f"{dup}:4: people[2] id: duplicate id 'test-loader-person': also at {ACTORS}:{person} (people[0])",
        f"{dup_lines}:1: territories[0] code: duplicate territory commune:99901: also at {TERRITORIES}:{commune} "
        "(territories[2])",
    ]


async def test_a_territory_must_list_what_its_parents_lie_inside(
    graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Inside is one PART_OF hop (schema/MODEL.md): a commune of the test EPCI, which lies in the test pays since 2014,
    # that does not list the pays would be missing from the pays' lists. The EPCI is read from the graph here.
    await load_paths(graph.driver, graph.database, [VALID])
    commune = write(tmp_path / "commune.yaml", """
        territories:
          - level: COMMUNE
            code: "99904"
            name: Oubliée
            parents: [{territory: "epci:999999901"}]
            source: test-loader-src-cog
          - level: COMMUNE
            code: "99905"
            name: Listée avant le pays
            parents: [{territory: "epci:999999901", until: "2013-12-31"}]
            source: test-loader-src-cog
        """)
    assert await rejected(graph, capsys, commune) == [
        f"{commune}:5: territories[0] parents[0].territory: commune:99904 is part of epci:999999901, which is part "
        "of pays:test-loader-pays: list pays:test-loader-pays among its parents too (PART_OF means wholly inside, "
        "schema/MODEL.md)",
    ]


async def test_slug_already_taken_in_the_graph(
    graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    await load_paths(graph.driver, graph.database, [VALID])
    taken = write(tmp_path / "taken.yaml", """
        organizations:
          - {id: test-loader-copycat, name: Copycat, acronym: CRES-Test, kind: OTHER, siren: "999000001"}
        """)
    assert await rejected(graph, capsys, taken) == [
        f"{taken}:2: organizations[0] acronym: slug 'cres-test' (from the acronym) already belongs to organization "
        "'test-loader-chamber' in the graph; it must be unique",
        f"{taken}:2: organizations[0] siren: siren 999000001 already belongs to organization 'test-loader-chamber' in "
        "the graph; it must be unique",
    ]


async def test_every_error_of_a_load_is_reported_at_once(
    graph: Graph, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = write(tmp_path / "a-broken.yaml", "people: [\n")
    lines = write(tmp_path / "b-lines.jsonl", """
        {"$kind": "people", "id": "test-loader-ok", "name": "OK"}
        {"$kind": "people", "id": "test-loader-ok", "name": "OK twice"}
        not json
        """)
    many = write(tmp_path / "c-many.yaml", """
        organizations:
          - id: test-loader-many
            name: Many
            kind: COOPERATIVE
            foundedOn: "2012-02-30"
            commune: "99999"
            colour: blue
            covers: [{territory: "pays:test-loader-pays", since: "2016", until: "2015"}]
        relations:
          - {type: MEMBER_OF, from: test-loader-many, to: test-loader-chamber}
        """)
    expected = [
        f"{broken}:2: malformed YAML: expected the node content, but found '<stream end>' (while parsing a flow node "
        "started on line 2)",
        f"{lines}:2: people[1] id: duplicate id 'test-loader-ok': also at {lines}:1 (people[0])",
        f"{lines}:3: malformed JSON: Expecting value (column 1)",
        f"{many}:4: organizations[0] kind: 'COOPERATIVE' is not one of REGIONAL_CHAMBER, NATIONAL_CHAMBER, "
        "FEDERATION, NETWORK, EMPLOYERS_UNION, ENTERPRISE, STATE_SERVICE, REGIONAL_COUNCIL, DEPARTMENTAL_COUNCIL, "
        "INTERCOMMUNALITY, MUNICIPALITY, PAYS, OTHER",
        f"{many}:5: organizations[0] foundedOn: '2012-02-30': day 30 does not exist (2012-02 has 29 days)",
        f"{many}:6: organizations[0] commune: unknown commune '99999': not in this load nor in the graph "
        "(no commune has this code)",
        f"{many}:7: organizations[0] colour: unknown field (expected one of: id, name, acronym, kind, family, "
        "legalForm, siren, siret, rna, website, foundedOn, foundedOnInferred, foundedOnNote, ceased, ceasedOn, "
        "description, address, commune, location, covers, synthetic, slug, classifiedBy, insertionMeasures, cited)",
        f"{many}:8: organizations[0] covers[0].territory: unknown territory 'pays:test-loader-pays': not in this load "
        "nor in the graph",
        f"{many}:8: organizations[0] covers[0].until: until 2015 is before since 2016",
        f"{many}:10: relations[0] source: required field missing",
        f"{many}:10: relations[0] to: unknown organization 'test-loader-chamber': not in this load nor in the graph",
    ]
    assert await rejected(graph, capsys, broken, lines, many) == expected

    # The Python API carries the same errors, located the same way.
    with pytest.raises(LoadRejected) as caught:
        await load_paths(graph.driver, graph.database, [broken, lines, many])
    assert [str(error) for error in caught.value.errors] == expected
    assert [(e.file, e.line, e.record, e.field) for e in caught.value.errors][3:5] == [
        (str(many), 4, "organizations[0]", "kind"), (str(many), 5, "organizations[0]", "foundedOn"),
    ]


async def test_a_bad_record_in_a_bulk_load_writes_nothing(graph: Graph, capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load big enough to be written in batches is still validated as a whole first: one bad record, at the end,
    and no batch is written."""
    from graphdir.loader import writing

    monkeypatch.setattr(writing, "SINGLE_TRANSACTION_ROWS", 0)
    monkeypatch.setattr(writing, "BATCH_ROWS", 1)
    relation = ('{"$kind": "relations", "type": "MEMBER_OF", "from": "test-loader-chamber", '
                '"to": "test-loader-nowhere", "source": "test-loader-src-doc"}')
    late = write(tmp_path / "zz-late.jsonl", '{"$kind": "people", "id": "test-loader-late", "name": "Late"}\n'
                 + relation + "\n")
    assert await rejected(graph, capsys, VALID, late) == [
        f"{late}:2: relations[0] to: unknown organization 'test-loader-nowhere': not in this load nor in the graph",
    ]
