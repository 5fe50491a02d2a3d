// The path between two actors (the API's `path` field), each edge with the words of its source.

import { gql, SOURCE_FIELDS } from "./api";
import { clear, debounce, h, section, status } from "./dom";
import { exportLinks, query } from "./exports";
import { details, draw, edgeList, nodeLink, type NetEdge, type NetNode } from "./network";
import { go, href, type Route } from "./router";

const PATH = `query Chemin($from: ID!, $to: ID!) {
  path(fromId: $from, toId: $to, maxLength: 6) {
    length
    nodes { id type label depth }
    edges { id type source target since until excerpt inferred sourceDocument { ${SOURCE_FIELDS} } }
  }
}`;
const PICK = `query Choix($text: String!) { search(text: $text, first: 10) { node { __typename id
  ... on Organization { name } ... on Person { name } ... on Territory { name } ... on Convention { title }
  ... on Event { title } } } }`;

function picker(from: string): HTMLElement {
  const hits = h("ul", { class: "results" });
  const input = h("input", { type: "search", "aria-label": "Chercher l'autre extrémité du chemin",
    placeholder: "Vers… (nom d'un acteur)" });
  input.addEventListener("input", debounce(async () => {
    const text = input.value.trim();
    clear(hits);
    if (!/[\p{L}\p{N}]/u.test(text)) return;
    const data = await gql<{ search: { node: { id: string; name?: string; title?: string } }[] }>(PICK, { text });
    for (const hit of data.search) {
      hits.append(h("li", {}, h("a", { href: href("chemin", "", { de: from, a: hit.node.id }) },
        hit.node.name ?? hit.node.title ?? hit.node.id)));
    }
  }, 200));
  return section("Choisir l'autre extrémité", input, hits);
}

export async function renderPath(main: HTMLElement, route: Route): Promise<void> {
  const from = route.params.get("de") ?? "";
  const to = route.params.get("a");
  clear(main);
  main.append(h("h1", {}, "Chemin entre deux acteurs"));
  if (!to) {
    main.append(picker(from));
    return;
  }
  const { path } = await gql<{ path: { length: number; nodes: NetNode[]; edges: NetEdge[] } | null }>(PATH,
    { from, to });
  if (!path) {
    main.append(status("Aucun chemin de 6 relations au plus ne les relie."), picker(from));
    return;
  }
  const info = await details(path.nodes.map((n) => n.id));
  const names = new Map(path.nodes.map((n) => [n.id, n.label ?? n.id]));
  const canvas = h("div", { class: "graph small", role: "img", "aria-label": `Chemin de ${path.length} relations` });
  const args = query({ fromId: from, toId: to, maxLength: 6 });
  main.append(h("p", { class: "summary" }, `${path.length} relation${path.length > 1 ? "s" : ""} :`),
    h("ol", { class: "facts nodes" }, ...path.nodes.map((node) => h("li", {}, nodeLink(node, info.get(node.id))))),
    h("p", { class: "actions" }, ...exportLinks([["GEXF", `/export/path.gexf?${args}`],
      ["GraphML", `/export/path.graphml?${args}`]])),
    canvas, section("Relations et leurs sources", edgeList(path.edges, names)), picker(from));
  draw(canvas, path.nodes, path.edges, info, (node) => go(href("reseau", "", { centre: node })));
}
