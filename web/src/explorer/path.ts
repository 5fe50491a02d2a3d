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

type End = "de" | "a";

/** A search field choosing one end of the path (`end`), the other staying what the URL says. */
function picker(end: End, route: Route): HTMLElement {
  const hits = h("ul", { class: "results", id: `choix-${end}` });
  const title = end === "de" ? "Départ du chemin" : "Arrivée du chemin";
  const input = h("input", { type: "search", "aria-label": title, "aria-controls": `choix-${end}`,
    placeholder: end === "de" ? "De… (nom d'un acteur)" : "Vers… (nom d'un acteur)" });
  input.addEventListener("input", debounce(async () => {
    const text = input.value.trim();
    clear(hits);
    if (!/[\p{L}\p{N}]/u.test(text)) return;
    const data = await gql<{ search: { node: { id: string; name?: string; title?: string } }[] }>(PICK, { text });
    for (const hit of data.search) {
      hits.append(h("li", {}, h("a", { href: href("chemin", "", { ...Object.fromEntries(route.params),
        [end]: hit.node.id }) }, hit.node.name ?? hit.node.title ?? hit.node.id)));
    }
  }, 200));
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      hits.querySelector("a")?.focus();
    }
  });
  return h("div", { class: "picker" }, h("h3", {}, title), input, hits);
}

function pickers(route: Route): HTMLElement {
  return section("Choisir les extrémités", h("div", { class: "pickers" }, picker("de", route), picker("a", route)));
}

export async function renderPath(main: HTMLElement, route: Route): Promise<void> {
  const from = route.params.get("de");
  const to = route.params.get("a");
  clear(main);
  main.append(h("h1", {}, "Chemin entre deux acteurs"));
  if (!from || !to) {
    main.append(status(from ? "Choisissez l'arrivée du chemin." : to ? "Choisissez son départ."
      : "Choisissez les deux acteurs que relie le chemin."), pickers(route));
    return;
  }
  const { path } = await gql<{ path: { length: number; nodes: NetNode[]; edges: NetEdge[] } | null }>(PATH,
    { from, to });
  if (!path) {
    main.append(status("Aucun chemin de 6 relations au plus ne les relie."), pickers(route));
    return;
  }
  const info = await details(path.nodes.map((n) => n.id));
  const names = new Map(path.nodes.map((n) => [n.id, n.label ?? n.id]));
  const canvas = h("div", { class: "graph small", role: "img", "aria-label": `Chemin de ${path.length} relations` });
  const args = query({ fromId: from, toId: to, maxLength: 6 });
  document.title = `Chemin de ${names.get(from) ?? from} à ${names.get(to) ?? to} · graphdir`;
  main.append(h("p", { class: "summary" }, `${path.length} relation${path.length > 1 ? "s" : ""} :`),
    h("ol", { class: "facts nodes" }, ...path.nodes.map((node) => h("li", {}, nodeLink(node, info.get(node.id))))),
    h("p", { class: "actions" }, ...exportLinks([["GEXF", `/export/path.gexf?${args}`],
      ["GraphML", `/export/path.graphml?${args}`], ["nœuds (CSV)", `/export/path.nodes.csv?${args}`],
      ["relations (CSV)", `/export/path.edges.csv?${args}`]])),
    canvas, section("Relations et leurs sources", edgeList(path.edges, names)), pickers(route));
  draw(canvas, path.nodes, path.edges, info, (node) => go(href("reseau", "", { centre: node })));
}
