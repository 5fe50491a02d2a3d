// The network map: the ego network of a node (the API's `network` field) drawn with sigma.js over graphology, the
// same nodes and edges listed below it (with the evidence of each edge) for the keyboard and for small screens.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Sigma from "sigma";

import { gql, SOURCE_FIELDS, type SourceRef } from "./api";
import { colourBy, colourOf, legendEntries, type ColourBy } from "./colours";
import { append, clear, h, section, status } from "./dom";
import { exportLinks, query } from "./exports";
import { KINDS, NODE_TYPES, RELATIONS, label } from "./labels";
import { sourceView } from "./organization";
import { go, href, type Route } from "./router";

const NETWORK = `query Reseau($id: ID!, $depth: Int, $types: [NetworkRelation!], $on: Date, $limit: Int) {
  network(centerId: $id, depth: $depth, relationTypes: $types, on: $on, limit: $limit) {
    truncated
    center { id label type }
    nodes { id type label depth }
    edges { id type source target since until excerpt inferred sourceDocument { ${SOURCE_FIELDS} } }
  }
}`;
// The API's nodes field takes at most 100 ids a time.
const DETAILS = `query Details($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on Organization { slug kind family } ... on Territory { code level } }
}`;
const CHUNK = 100;
const MIN_YEAR = 1990;

export interface NetNode { id: string; type: string; label: string | null; depth: number }
export interface NetEdge { id: string; type: string; source: string; target: string; since: string | null;
  until: string | null; excerpt: string | null; inferred: boolean; sourceDocument: SourceRef | null }
interface Details { id: string; slug?: string; kind?: string; family?: string | null; code?: string; level?: string }

export async function details(ids: string[]): Promise<Map<string, Details>> {
  const found = new Map<string, Details>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const data = await gql<{ nodes: (Details | null)[] }>(DETAILS, { ids: ids.slice(start, start + CHUNK) });
    for (const node of data.nodes) if (node) found.set(node.id, node);
  }
  return found;
}

function webglAvailable(): boolean {
  try {
    return !!document.createElement("canvas").getContext("webgl");
  } catch {
    return false;
  }
}

export function draw(container: HTMLElement, nodes: NetNode[], edges: NetEdge[], info: Map<string, Details>,
  onClick: (id: string) => void, by: ColourBy = "famille"): Sigma | null {
  if (!webglAvailable()) {
    container.append(status("Ce navigateur ne dessine pas le graphe (WebGL indisponible) : la liste ci-dessous le donne."));
    return null;
  }
  const graph = new Graph({ multi: true, type: "directed" });
  // Nodes start on circles by depth (several roots, as in a territory's network, on the first circle).
  const roots = nodes.filter((node) => node.depth === 0).length;
  nodes.forEach((node, index) => {
    const angle = (2 * Math.PI * index) / Math.max(nodes.length, 1);
    const radius = node.depth + (roots > 1 ? 1 : 0);
    graph.addNode(node.id, {
      label: node.label ?? node.id, size: node.depth === 0 && roots === 1 ? 14 : 8 - Math.min(node.depth, 3),
      color: colourOf(node.type, info.get(node.id), by), x: radius * Math.cos(angle), y: radius * Math.sin(angle),
    });
  });
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) {
      graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, { label: label(RELATIONS, edge.type), size: 1.5,
        color: "#afb8c1", type: "arrow" });
    }
  }
  if (nodes.length > 2) forceAtlas2.assign(graph, { iterations: 150, settings: forceAtlas2.inferSettings(graph) });
  const renderer = new Sigma(graph, container, { renderEdgeLabels: nodes.length <= 12, labelRenderedSizeThreshold: 4 });
  renderer.on("clickNode", ({ node }) => onClick(node));
  return renderer;
}

/** The settings of a network view (depth when `withDepth`, relation types, as-of year, colours), which `target`
 * turns into the view's URL. */
export function controls(route: Route, target: (params: Record<string, string | null>) => string,
  withDepth = true): HTMLFormElement {
  const depth = route.params.get("profondeur") ?? "1";
  const types = (route.params.get("types") ?? "").split(",").filter(Boolean);
  const on = route.params.get("date") ?? "";
  const by = colourBy(route.params.get("couleurs"));
  const year = on ? Number(on.slice(0, 4)) : new Date().getFullYear() + 1;
  const yearLabel = h("output", { id: "annee" }, on ? `au ${on}` : "toutes dates");
  const form = h("form", { class: "controls", "aria-label": "Réglages du réseau" },
    withDepth ? h("label", {}, "Profondeur ", h("select", { name: "profondeur" },
      ...[1, 2, 3].map((d) => h("option", { value: d, selected: String(d) === depth }, String(d))))) : null,
    h("fieldset", {}, h("legend", {}, "Relations (aucune cochée : toutes)"),
      ...Object.entries(RELATIONS).map(([type, name]) => h("label", {},
        h("input", { type: "checkbox", name: "types", value: type, checked: types.includes(type) }), ` ${name}`))),
    h("label", {}, "Date ", h("input", {
      type: "range", name: "annee", min: MIN_YEAR, max: new Date().getFullYear() + 1, value: year,
      "aria-describedby": "annee", "aria-valuetext": on ? `au ${on}` : "toutes dates",
    }), " ", yearLabel),
    h("label", {}, "Couleurs ", h("select", { name: "couleurs" },
      h("option", { value: "famille", selected: by === "famille" }, "par famille"),
      h("option", { value: "type", selected: by === "type" }, "par type d'organisation"))),
    h("button", { type: "submit" }, "Afficher"));
  const slider = form.querySelector<HTMLInputElement>("input[name=annee]")!;
  slider.addEventListener("input", () => {
    const text = Number(slider.value) > new Date().getFullYear() ? "toutes dates" : `au ${slider.value}-12-31`;
    yearLabel.textContent = text;
    slider.setAttribute("aria-valuetext", text);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const chosen = Number(slider.value);
    go(target({
      profondeur: withDepth ? String(data.get("profondeur")) : null, types: data.getAll("types").join(","),
      date: chosen > new Date().getFullYear() ? null : `${chosen}-12-31`, couleurs: String(data.get("couleurs")),
    }));
  });
  return form;
}

export function legend(by: ColourBy): HTMLElement {
  const swatch = (colour: string, text: string) => {
    const mark = h("span", { class: "swatch", "aria-hidden": "true" });
    mark.style.backgroundColor = colour; // through the CSSOM, which the page's policy allows (a style attribute it would not)
    return h("li", {}, mark, text);
  };
  return h("ul", { class: "legend", "aria-label": "Légende" }, ...legendEntries(by).map(([c, t]) => swatch(c, t)));
}

export function nodeLink(node: NetNode, info: Details | undefined): HTMLAnchorElement {
  const name = node.label ?? node.id;
  if (node.type === "Organization" && info?.slug) return h("a", { href: href("organisation", info.slug) }, name);
  if (node.type === "Territory" && info?.code) return h("a", { href: href("territoire", info.code, { niveau: info.level }) }, name);
  return h("a", { href: href("reseau", "", { centre: node.id }) }, name);
}

export function edgeList(edges: NetEdge[], names: Map<string, string>): HTMLElement {
  return h("ul", { class: "facts edges" }, ...edges.map((edge) => h("li", {},
    `${names.get(edge.source) ?? edge.source} — ${label(RELATIONS, edge.type)} — ${names.get(edge.target) ?? edge.target}`,
    edge.since ? ` (depuis ${edge.since})` : "", edge.until ? ` (jusqu'en ${edge.until})` : "",
    sourceView(edge.sourceDocument, edge.excerpt))));
}

/** A node of the list under the map; `where` says where it stands (its distance), `centre` the node a path starts
 * from (none: the node has no path link). */
export function nodeItem(node: NetNode, info: Map<string, Details>, where: string, centre: string | null,
  params: Record<string, string> = {}): HTMLLIElement {
  const kind = info.get(node.id)?.kind;
  const item = h("li", {}, nodeLink(node, info.get(node.id)), h("span", { class: "muted" },
    ` ${label(NODE_TYPES, node.type)}${kind ? ` · ${label(KINDS, kind)}` : ""} · ${where} `));
  if (centre !== node.id) {
    append(item, h("a", { href: href("reseau", "", { ...params, centre: node.id }),
      "aria-label": `Recentrer sur ${node.label ?? node.id}` }, "recentrer"),
    centre && " · ", centre && h("a", { href: href("chemin", "", { de: centre, a: node.id }),
      "aria-label": `Chemin vers ${node.label ?? node.id}` }, "chemin"));
  }
  return item;
}

export async function renderNetwork(main: HTMLElement, route: Route): Promise<void> {
  const id = route.params.get("centre") ?? "";
  const depth = Number(route.params.get("profondeur") ?? "1");
  const types = (route.params.get("types") ?? "").split(",").filter((t) => t in RELATIONS);
  const on = route.params.get("date") || null;
  const args = { id, depth, types: types.length ? types : null, on, limit: 200 };
  const { network } = await gql<{ network: { truncated: boolean; center: NetNode; nodes: NetNode[]; edges: NetEdge[] } }>(
    NETWORK, args);
  const info = await details(network.nodes.map((n) => n.id));
  const names = new Map(network.nodes.map((n) => [n.id, n.label ?? n.id]));
  clear(main);
  document.title = `Réseau de ${network.center.label} · graphdir`;
  const exportArgs = query({ centerId: id, depth, relationTypes: types.join(","), on, limit: 200 });
  const canvas = h("div", { id: "graphe", class: "graph", role: "img",
    "aria-label": `Graphe de ${network.nodes.length} nœuds et ${network.edges.length} relations` });
  const by = colourBy(route.params.get("couleurs"));
  main.append(h("h1", {}, "Réseau de ", nodeLink(network.center, info.get(network.center.id))),
    controls(route, (params) => href("reseau", "", { centre: id, ...params })),
    h("p", { class: "actions" }, ...exportLinks([["GEXF", `/export/network.gexf?${exportArgs}`],
      ["GraphML", `/export/network.graphml?${exportArgs}`], ["nœuds (CSV)", `/export/network.nodes.csv?${exportArgs}`],
      ["relations (CSV)", `/export/network.edges.csv?${exportArgs}`]])),
    h("p", { class: "summary" }, `${network.nodes.length} nœuds, ${network.edges.length} relations`,
      network.truncated ? " — réseau tronqué : les nœuds les moins liés ont été laissés de côté." : "."),
    canvas, legend(by));
  const params = Object.fromEntries(route.params);
  draw(canvas, network.nodes, network.edges, info, (node) => go(href("reseau", "", { ...params, centre: node })), by);
  main.append(
    section("Nœuds", h("ol", { class: "facts nodes" }, ...network.nodes.map((node) => nodeItem(node, info,
      `distance ${node.depth}`, id, params)))),
    section("Relations et leurs sources", edgeList(network.edges, names)));
}
