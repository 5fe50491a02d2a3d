"""Every Cypher statement the loader runs, in one place.

Values always travel as parameters ($ids, $rows). Labels, relationship types and property keys cannot be
parameters in the statements below (index use needs them literal), so they are spliced in only after `_label`,
`_type` or `_key` found them in the fixed whitelists of this module; anything else raises. Every statement works
on a batch of rows through UNWIND.

Reads return one record per batch (`collect(...)`): the async driver spends ~0.1 ms per record it receives, which
made a 10,000-row lookup take a second and a half instead of a twentieth of one.

Nodes are matched by `id` through their key label (`Territory` for every level: the uniqueness constraint on
Territory.id is what makes the lookup an index seek), never through a level label.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from graphdir.vocabulary import Relationship, TerritoryLevel, values

LABELS = frozenset({
    "Source", "Territory", "Organization", "Establishment", "Person", "Convention", "Event", "Statement", "Figure",
    *(level.label for level in TerritoryLevel),
})
REL_TYPES = frozenset(values(Relationship))
UNIQUE_KEYS = frozenset({"slug", "siren", "siret", "rna", "title"})


def _label(name: str) -> str:
    if name not in LABELS:
        raise ValueError(f"not a graphdir label: {name!r}")
    return name


def _type(name: str) -> str:
    if name not in REL_TYPES:
        raise ValueError(f"not a graphdir relationship type: {name!r}")
    return name


def _key(name: str) -> str:
    if name not in UNIQUE_KEYS:
        raise ValueError(f"not a property the loader matches on: {name!r}")
    return name


def _types(names: Iterable[str]) -> str:
    return "|".join(_type(n) for n in sorted(set(names)))


# --- Validation reads ------------------------------------------------------------------------------------------------


@cache
def existing_ids(label: str) -> str:
    """Which of $ids exist with that key label: one record, `ids`."""
    return f"""
UNWIND $ids AS id
MATCH (n:{_label(label)} {{id: id}})
RETURN collect(n.id) AS ids
"""


@cache
def any_node(label: str) -> str:
    """Whether any node has that label: one record, `found` (answered from the count store)."""
    return f"""
MATCH (n:{_label(label)})
RETURN count(n) > 0 AS found
"""


# Which of $ids are communes, with their location (an organization without one of its own takes its commune's):
# one record, `found`, a list of [id, location].
# The PART_OF links of territories a load refers to without defining them (graphdir.loader.containment).
PARENTS_OF_TERRITORIES = """
UNWIND $ids AS id
MATCH (:Territory {id: id})-[r:PART_OF]->(p:Territory)
RETURN collect([id, p.id, r.since, r.until]) AS found
"""

EXISTING_COMMUNES = """
UNWIND $ids AS id
MATCH (n:Territory {id: id})
WHERE n:Commune
RETURN collect([n.id, n.location]) AS found
"""


@cache
def organization_holders(prop: str) -> str:
    """For $rows of {value, id}: organizations other than `id` whose `prop` is `value`; one record, `found`, a list
    of [value, other id]."""
    return f"""
UNWIND $rows AS row
MATCH (n:Organization {{{_key(prop)}: row.value}})
WHERE n.id <> row.id
RETURN collect([row.value, n.id]) AS found
"""


# --- Comparing with the graph ----------------------------------------------------------------------------------------


@cache
def changed_nodes(label: str, outgoing: tuple[str, ...], incoming: tuple[str, ...]) -> str:
    """Of $rows ({id, labels, props, rels}), the ids of the nodes whose labels, properties or owned relationships (of
    the types given, compared as a multiset) differ from the row: one record, `ids`. A relationship is written
    [type + '>' + other id, properties] when it leaves the node, [type + '<' + other id, properties] when it enters."""
    parts = ["[]"]
    if outgoing:
        parts.append(f"[(n)-[r:{_types(outgoing)}]->(m) | [type(r) + '>' + m.id, properties(r)]]")
    if incoming:
        parts.append(f"[(n)<-[r:{_types(incoming)}]-(m) | [type(r) + '<' + m.id, properties(r)]]")
    return f"""
UNWIND $rows AS row
MATCH (n:{_label(label)} {{id: row.id}})
WITH row, n, {" + ".join(parts)} AS rels
WITH n, coalesce(
       properties(n) = row.props
       AND size(labels(n)) = size(row.labels) AND all(l IN row.labels WHERE l IN labels(n))
       AND size(rels) = size(row.rels)
       AND all(x IN row.rels WHERE size([y IN rels WHERE y = x]) = size([y IN row.rels WHERE y = x])),
       false) AS same
WHERE NOT same
RETURN collect(n.id) AS ids
"""


@cache
def compare_edges(rel_type: str, start: str, end: str, discriminators: tuple[str, ...]) -> str:
    """For $rows ({index, start, end, props}) whose edge exists: whether its properties are exactly row.props; one
    record, `found`, a list of [index, same]."""
    keys = "".join(f" AND r.{_key(k)} = row.props.{_key(k)}" for k in discriminators)
    return f"""
UNWIND $rows AS row
MATCH (a:{_label(start)} {{id: row.start}})
WITH row, [(a)-[r:{_type(rel_type)}]->(b:{_label(end)}) WHERE b.id = row.end{keys} | properties(r)] AS found
WHERE size(found) > 0
RETURN collect([row.index, any(p IN found WHERE p = row.props)]) AS found
"""


# --- Writing ---------------------------------------------------------------------------------------------------------


@cache
def merge_nodes(label: str, extra_label: str | None = None) -> str:
    """Create or replace the nodes of $rows ({id, props}): all properties become exactly row.props."""
    add = f", n:{_label(extra_label)}" if extra_label else ""
    return f"""
UNWIND $rows AS row
MERGE (n:{_label(label)} {{id: row.id}})
SET n = row.props{add}
"""


@cache
def create_nodes(label: str, extra_label: str | None = None) -> str:
    """Create the nodes of $rows ({id, props}) that comparison found absent: no MERGE (no lock-taking seek per row,
    no Eager); the uniqueness constraint on the key label still refuses a node that appeared meanwhile."""
    labels = _label(label) + (f":{_label(extra_label)}" if extra_label else "")
    return f"""
UNWIND $rows AS row
CREATE (n:{labels})
SET n = row.props
"""


# Before updated organizations are written, their unique values are taken off, so that a load may move a slug,
# SIREN, SIRET or RNA from one organization to another (the constraints are checked as each row is written).
RELEASE_UNIQUE_VALUES = """
UNWIND $ids AS id
MATCH (n:Organization {id: id})
REMOVE n.slug, n.siren, n.siret, n.rna
"""


@cache
def delete_owned(label: str, rel_types: tuple[str, ...], outgoing: bool) -> str:
    """Remove the relationships of those types that the nodes $ids own, before they are written again."""
    pattern = f"-[r:{_types(rel_types)}]->()" if outgoing else f"<-[r:{_types(rel_types)}]-()"
    return f"""
UNWIND $ids AS id
MATCH (n:{_label(label)} {{id: id}}){pattern}
DELETE r
"""


@cache
def create_owned(label: str, rel_type: str, outgoing: bool, other: str) -> str:
    """Create the owned relationships of $rows ({id, other, props}) from (or to) freshly written nodes."""
    arrow = f"-[r:{_type(rel_type)}]->" if outgoing else f"<-[r:{_type(rel_type)}]-"
    return f"""
UNWIND $rows AS row
MATCH (n:{_label(label)} {{id: row.id}})
MATCH (m:{_label(other)} {{id: row.other}})
CREATE (n){arrow}(m)
SET r = row.props
"""


@cache
def merge_edges(rel_type: str, start: str, end: str, discriminators: tuple[str, ...]) -> str:
    """Create or replace the edges of $rows ({start, end, props}), one per (start, end, discriminators)."""
    keys = ", ".join(f"{_key(k)}: row.props.{_key(k)}" for k in discriminators)
    return f"""
UNWIND $rows AS row
MATCH (a:{_label(start)} {{id: row.start}})
MATCH (b:{_label(end)} {{id: row.end}})
MERGE (a)-[r:{_type(rel_type)}{" {" + keys + "}" if keys else ""}]->(b)
SET r = row.props
"""


@cache
def create_edges(rel_type: str, start: str, end: str) -> str:
    """Create the edges of $rows ({start, end, props}) that comparison found absent (an end created by this load,
    or no edge with that key): no MERGE, so no expansion over the relationships of dense nodes (a federation)."""
    return f"""
UNWIND $rows AS row
MATCH (a:{_label(start)} {{id: row.start}})
MATCH (b:{_label(end)} {{id: row.end}})
CREATE (a)-[r:{_type(rel_type)}]->(b)
SET r = row.props
"""
