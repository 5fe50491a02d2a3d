"""An ExportGraph as GEXF 1.3, GraphML and CSV node and edge tables (Gephi's spreadsheet import)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from graphdir.api.exports.graph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, NUMERIC, ExportGraph
from graphdir.api.exports.tables import table

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_TYPES = {"integer": "int", "double": "double", "boolean": "boolean"}


def _text(value: str | int | float | bool | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def gexf(graph: ExportGraph) -> bytes:
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta")
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "graphdir"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = graph.title + (" (tronqué)" if graph.truncated else "")
    body = ET.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed", "mode": "static"})
    for cls, names in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(body, f"{{{GEXF_NS}}}attributes", {"class": cls})
        for name in names:
            ET.SubElement(declared, f"{{{GEXF_NS}}}attribute",
                          {"id": name, "title": name, "type": NUMERIC.get(name, "string")})
    nodes = ET.SubElement(body, f"{{{GEXF_NS}}}nodes")
    for node in graph.nodes:
        element = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": node.id, "label": node.label})
        _attvalues(element, node.attributes)
        latitude, longitude = node.attributes.get("latitude"), node.attributes.get("longitude")
        if latitude is not None and longitude is not None:  # Gephi's layout plane: x east, y north
            ET.SubElement(element, f"{{{VIZ_NS}}}position", {"x": _text(longitude), "y": _text(latitude), "z": "0"})
    edges = ET.SubElement(body, f"{{{GEXF_NS}}}edges")
    for edge in graph.edges:
        element = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", {"id": edge.id, "source": edge.source,
                                                             "target": edge.target,
                                                             "label": _text(edge.attributes.get("relation"))})
        _attvalues(element, edge.attributes)
    return _xml(root)


def _attvalues(element: ET.Element, attributes: dict[str, str | int | float | bool | None]) -> None:
    values = ET.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for name, value in attributes.items():
        if value is not None:
            ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": _text(value)})


def graphml(graph: ExportGraph) -> bytes:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    declared = [("node", "label", "string")] + [("node", n, _GRAPHML_TYPES.get(NUMERIC.get(n, ""), "string"))
                                                for n in NODE_ATTRIBUTES]
    declared += [("edge", n, _GRAPHML_TYPES.get(NUMERIC.get(n, ""), "string")) for n in EDGE_ATTRIBUTES]
    keys = {}
    for index, (domain, name, kind) in enumerate(declared):
        keys[(domain, name)] = key = f"{domain[0]}{index}"
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": key, "for": domain, "attr.name": name, "attr.type": kind})
    body = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": graph.title, "edgedefault": "directed"})
    for node in graph.nodes:
        element = ET.SubElement(body, f"{{{GRAPHML_NS}}}node", {"id": node.id})
        for name, value in {"label": node.label, **node.attributes}.items():
            if value is not None:
                ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": keys[("node", name)]}).text = _text(value)
    for edge in graph.edges:
        element = ET.SubElement(body, f"{{{GRAPHML_NS}}}edge", {"id": edge.id, "source": edge.source,
                                                               "target": edge.target})
        for name, value in edge.attributes.items():
            if value is not None:
                ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": keys[("edge", name)]}).text = _text(value)
    return _xml(root)


def nodes_csv(graph: ExportGraph, delimiter: str = ",") -> bytes:
    """Gephi's node table: Id, Label, then the attributes."""
    return table(["Id", "Label", *NODE_ATTRIBUTES],
                [[n.id, n.label, *(_text(n.attributes.get(a)) for a in NODE_ATTRIBUTES)] for n in graph.nodes],
                delimiter)


def edges_csv(graph: ExportGraph, delimiter: str = ",") -> bytes:
    """Gephi's edge table: Source, Target, Type (directed), Id, Label, then the attributes."""
    return table(["Source", "Target", "Type", "Id", "Label", *EDGE_ATTRIBUTES],
                [[e.source, e.target, "Directed", e.id, _text(e.attributes.get("relation")),
                  *(_text(e.attributes.get(a)) for a in EDGE_ATTRIBUTES)] for e in graph.edges], delimiter)
