"""No N+1: round trips of a request depend on the depth of its selection, not on how many items it lists."""

from __future__ import annotations

from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.conftest import ROUND_TRIP_ORGANIZATIONS
from tests.api.helpers import gid, run

THREE_LEVELS = """
query($hub: ID!) {
  organizations(filter: {memberOf: $hub}, first: 100) {
    edges { cursor node {
      name kind family
      members(first: 5) {                                  # level 1: one query for the 100 organizations
        totalCount pageInfo { hasNextPage endCursor }
        edges { role since source { title excerpt } node {
          name
          people {                                         # level 2: one query for their 100 members
            title since
            person {
              name
              roles { title organization { name } }        # level 3: one query for the 100 people
            }
          }
        } }
      }
    } }
  }
}
"""


async def test_three_relationship_levels_over_100_organizations_take_4_round_trips(
    hundred_organizations: str, driver: AsyncDriver, settings: Settings
) -> None:
    result = await run(driver, settings, THREE_LEVELS, hub=gid("Organization", hundred_organizations))
    edges = result.ok["organizations"]["edges"]
    assert len(edges) == ROUND_TRIP_ORGANIZATIONS
    for edge in edges:
        members = edge["node"]["members"]
        assert members["totalCount"] == 1
        (member,) = members["edges"]
        assert member["role"] == "adhérent"
        (role,) = member["node"]["people"]
        assert role["title"] == "Président"
        assert role["person"]["roles"][0]["organization"]["name"] == member["node"]["name"]
    assert result.round_trips <= 4, result.round_trips


async def test_the_same_query_over_one_organization_takes_as_many_round_trips(
    hundred_organizations: str, driver: AsyncDriver, settings: Settings
) -> None:
    one = THREE_LEVELS.replace("first: 100", "first: 1")
    few = await run(driver, settings, one, hub=gid("Organization", hundred_organizations))
    many = await run(driver, settings, THREE_LEVELS, hub=gid("Organization", hundred_organizations))
    assert len(few.ok["organizations"]["edges"]) == 1
    assert few.round_trips == many.round_trips


async def test_nested_lists_of_every_kind_are_batched(
    hundred_organizations: str, driver: AsyncDriver, settings: Settings
) -> None:
    query = """
    query($hub: ID!) {
      organizations(filter: {memberOf: $hub}, first: 100) {
        edges { node {
          commune { name parents { code } }
          territories { code }
          memberOf { edges { node { name } } }
          partners { totalCount }
          conventions { totalCount }
          events { totalCount }
          figures { value }
          statements { text }
          sources { title }
        } }
      }
    }
    """
    result = await run(driver, settings, query, hub=gid("Organization", hundred_organizations))
    edges = result.ok["organizations"]["edges"]
    assert len(edges) == ROUND_TRIP_ORGANIZATIONS
    assert all(edge["node"]["commune"]["name"] == "Cusset" for edge in edges)
    # The page; then one batch per relationship field (commune, territories, memberOf, partners, conventions, events,
    # figures, statements, sources), all sent as one statement; then the communes' parents: one round trip per level,
    # never one per organization nor one per field.
    assert result.round_trips == 3, result.round_trips


IN_REGION = """
query($after: String, $first: Int) {
  organizations(filter: {territoryCode: "83", territoryLevel: REGION}, first: $first, after: $after) {
    %s
    pageInfo { hasNextPage endCursor }
    edges { cursor node { slug } }
  }
}
"""


async def test_a_walked_down_list_gives_its_total_in_the_page_s_own_round_trip(
    seeded: AsyncDriver, settings: Settings
) -> None:
    with_total = await run(seeded, settings, IN_REGION % "totalCount", first=2)
    without = await run(seeded, settings, IN_REGION % "", first=2)
    page = with_total.ok["organizations"]
    assert page["edges"] == without.ok["organizations"]["edges"]
    assert page["pageInfo"] == without.ok["organizations"]["pageInfo"]
    assert with_total.round_trips == without.round_trips  # the count costs no round trip of its own
    # The total is the list's, not the page's: paging through the whole list finds as many, and a later page
    # reports the same total.
    every = await run(seeded, settings, IN_REGION % "", first=100)
    assert page["totalCount"] == len(every.ok["organizations"]["edges"]) > 2
    assert not every.ok["organizations"]["pageInfo"]["hasNextPage"]
    later = await run(seeded, settings, IN_REGION % "totalCount", first=2, after=page["pageInfo"]["endCursor"])
    assert later.ok["organizations"]["totalCount"] == page["totalCount"]
    assert later.ok["organizations"]["edges"][0]["node"] not in [e["node"] for e in page["edges"]]
    # Past the end: no edges, the total still given.
    last = every.ok["organizations"]["edges"][-1]["cursor"]
    past = await run(seeded, settings, IN_REGION % "totalCount", first=2, after=last)
    assert past.ok["organizations"]["edges"] == []
    assert past.ok["organizations"]["totalCount"] == page["totalCount"]


ORGANIZATION_PAGE = """
query($id: ID, $slug: String, $first: Int) {
  organization(id: $id, slug: $slug) {
    name
    commune { name parents { code level } }
    memberOf(first: $first) { totalCount edges { node { slug memberOf(first: 5) { edges { node { slug } } } } } }
    ... on Organization { conventions(first: 10) { totalCount edges { node { title parties { role } } } } }
    people { title person { name } }
  }
}
"""


async def test_an_organization_page_reads_its_first_relationship_level_with_the_organization(
    seeded: AsyncDriver, settings: Settings
) -> None:
    for slug in ("cres-auvergne", "federations-cooperatives-auvergne"):
        by_id = await run(seeded, settings, ORGANIZATION_PAGE, id=gid("Organization", slug), first=10)
        page = by_id.ok["organization"]
        # The organization with its commune, memberships, conventions and people (a fragment's too), then the next
        # level (the commune's parents, the bodies' own memberships, the conventions' parties), all in one statement.
        assert by_id.round_trips == 1, by_id.round_trips
        # By slug the id is not known before the first read: the levels go one after the other, to the same answer.
        by_slug = await run(seeded, settings, ORGANIZATION_PAGE, slug=slug, first=10)
        assert by_slug.ok["organization"] == page
        assert by_slug.round_trips == 3, by_slug.round_trips
        if slug == "cres-auvergne":
            assert page["people"]
            assert page["conventions"]["edges"][0]["node"]["parties"]
        else:
            assert page["memberOf"]["edges"][0]["node"]["slug"] == "cres-auvergne"


async def test_a_started_field_with_a_bad_argument_still_reports_it_on_its_field(
    seeded: AsyncDriver, settings: Settings
) -> None:
    result = await run(seeded, settings, ORGANIZATION_PAGE, id=gid("Organization", "cres-auvergne"), first=-1)
    error = result.error()
    assert error["path"] == ["organization", "memberOf"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "first"}
    assert result.data == {"organization": None}  # memberOf is non-null: its error nulls the organization


async def test_a_followed_field_with_a_bad_argument_still_reports_it_on_its_field(
    seeded: AsyncDriver, settings: Settings
) -> None:
    query = ORGANIZATION_PAGE.replace("memberOf(first: 5)", "memberOf(first: -5)")
    result = await run(seeded, settings, query, id=gid("Organization", "federations-cooperatives-auvergne"), first=10)
    error = result.error()
    assert error["path"] == ["organization", "memberOf", "edges", 0, "node", "memberOf"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "first"}


async def test_an_unknown_organization_is_null_whatever_was_started(seeded: AsyncDriver, settings: Settings) -> None:
    result = await run(seeded, settings, ORGANIZATION_PAGE, id=gid("Organization", "no-such-organization"), first=10)
    assert result.ok == {"organization": None}
    assert result.round_trips == 1


FRAGMENTS_PAGE = """
query($id: ID, $first: Int) {
  organization(id: $id) { name ...Relationships ...OnNode }
}
fragment Relationships on Organization {
  commune { name }
  members(first: $first) { totalCount edges { node { slug } } }
  conventions(first: 3) { totalCount edges { node { title } } }
}
fragment OnNode on Node {
  ... on Organization { memberOf(first: 7) { totalCount edges { role node { slug } } } people { title } }
  ... on Territory { name }
}
"""


async def test_fields_in_fragments_on_the_type_or_its_interface_are_started_with_the_organization(
    seeded: AsyncDriver, settings: Settings
) -> None:
    result = await run(seeded, settings, FRAGMENTS_PAGE, id=gid("Organization", "cres-auvergne"), first=2)
    page = result.ok["organization"]
    assert page["people"] and page["conventions"]["edges"] and page["memberOf"]["totalCount"] is not None
    # The organization and every relationship its fragments select (literal and variable page sizes alike), in one
    # statement: a started key that differed from its resolver's would cost a second round trip.
    assert result.round_trips == 1, result.round_trips
    by_slug_query = FRAGMENTS_PAGE.replace("id: $id", "slug: $slug").replace("$id: ID", "$slug: String")
    by_slug = await run(seeded, settings, by_slug_query, slug="cres-auvergne", first=2)
    assert by_slug.ok["organization"] == page
    assert by_slug.round_trips == 2, by_slug.round_trips
