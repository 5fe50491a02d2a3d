// The network inside a territory (the API's `territoryNetwork`): the organizations inside it, what they are linked to,
// and the relationships among them, drawn and listed as the network around a node is.

import { gql, SOURCE_FIELDS } from "./api";
import { colourBy } from "./colours";
import { clear, h, section, status } from "./dom";
import { exportLinks, query } from "./exports";
import { LEVELS, RELATIONS, label } from "./labels";
import { controls, details, draw, edgeList, legend, nodeItem, type NetEdge, type NetNode } from "./network";
import { go, href, type Route } from "./router";

const LIMIT = 200;
const TERRITORY_NETWORK = `query ReseauDuTerritoire($code: String!, $level: TerritoryLevel, $types: [NetworkRelation!],
    $on: Date, $limit: Int) {
  territoryNetwork(code: $code, level: $level, relationTypes: $types, on: $on, limit: $limit) {
    territory { code name level }
    truncated organizationCount
    nodes { id type label depth }
    edges { id type source target since until excerpt inferred sourceDocument { ${SOURCE_FIELDS} } }
  }
}`;

interface TerritoryNetwork {
  territory: { code: string; name: string; level: string };
  truncated: boolean; organizationCount: number; nodes: NetNode[]; edges: NetEdge[];
}

export async function renderTerritoryNetwork(main: HTMLElement, route: Route): Promise<void> {
  const level = route.params.get("niveau") || null;
  const types = (route.params.get("types") ?? "").split(",").filter((t) => t in RELATIONS);
  const on = route.params.get("date") || null;
  const { territoryNetwork: network } = await gql<{ territoryNetwork: TerritoryNetwork | null }>(TERRITORY_NETWORK,
    { code: route.arg, level, types: types.length ? types : null, on, limit: LIMIT });
  clear(main);
  if (!network) {
    main.append(h("h1", {}, "Territoire introuvable"), status(`Aucun territoire n'a le code « ${route.arg} ».`, "error"));
    return;
  }
  const { territory } = network;
  document.title = `Réseau dans ${territory.name} · graphdir`;
  const info = await details(network.nodes.map((n) => n.id));
  const names = new Map(network.nodes.map((n) => [n.id, n.label ?? n.id]));
  const by = colourBy(route.params.get("couleurs"));
  const shown = network.nodes.filter((n) => n.depth === 0).length;
  const args = query({ code: territory.code, level: territory.level, relationTypes: types.join(","), on, limit: LIMIT });
  const canvas = h("div", { id: "graphe", class: "graph", role: "img",
    "aria-label": `Graphe de ${network.nodes.length} nœuds et ${network.edges.length} relations` });
  main.append(
    h("h1", {}, "Réseau dans ", h("a", { href: href("territoire", territory.code, { niveau: territory.level }) },
      territory.name), h("span", { class: "muted" }, ` ${label(LEVELS, territory.level)} ${territory.code}`)),
    controls(route, (params) => href("reseau-territoire", territory.code, { niveau: territory.level, ...params }),
      false),
    h("p", { class: "actions" }, ...exportLinks([["GEXF", `/export/territory-network.gexf?${args}`],
      ["GraphML", `/export/territory-network.graphml?${args}`],
      ["nœuds (CSV)", `/export/territory-network.nodes.csv?${args}`],
      ["relations (CSV)", `/export/territory-network.edges.csv?${args}`]])),
    h("p", { class: "summary" }, `${shown} organisation${shown > 1 ? "s" : ""} sur ${network.organizationCount} dans `
      + `le territoire, ${network.nodes.length - shown} nœuds liés, ${network.edges.length} relations`,
    network.truncated ? ` — réseau tronqué à ${LIMIT} nœuds : les organisations les moins liées ont été laissées de côté.`
      : "."),
    canvas, legend(by));
  draw(canvas, network.nodes, network.edges, info, (node) => go(href("reseau", "", { centre: node })), by);
  main.append(
    section("Nœuds", h("ol", { class: "facts nodes" }, ...network.nodes.map((node) => nodeItem(node, info,
      node.depth === 0 ? "dans le territoire" : "lié à une organisation du territoire", null)))),
    section("Relations et leurs sources", edgeList(network.edges, names)));
}
