// Search as you type over organizations, people, territories, conventions and events (the API's `search` field).

import { gql } from "./api";
import { clear, debounce, h, status } from "./dom";
import { exportLinks, query } from "./exports";
import { FAMILIES, KINDS, LEVELS, NODE_TYPES, SEARCH_KINDS, label } from "./labels";
import { go, href, type Route } from "./router";

const SEARCH = `query Recherche($text: String!, $kinds: [SearchKind!], $organizationKinds: [OrganizationKind!],
    $families: [OrganizationFamily!]) {
  search(text: $text, kinds: $kinds, organizationKinds: $organizationKinds, families: $families, first: 30) {
    score
    node {
      __typename id
      ... on Organization { name acronym slug kind family commune { name } }
      ... on Person { name }
      ... on Territory { name code level }
      ... on Convention { title signedOn }
      ... on Event { title startsAt }
    }
  }
}`;

interface Hit {
  score: number;
  node: {
    __typename: string; id: string; name?: string; acronym?: string | null; slug?: string; kind?: string;
    family?: string | null; commune?: { name: string } | null; code?: string; level?: string; title?: string;
    signedOn?: string | null; startsAt?: string | null;
  };
}

export function hitLink(node: Hit["node"]): string {
  switch (node.__typename) {
    case "Organization": return href("organisation", node.slug);
    case "Territory": return href("territoire", node.code, { niveau: node.level });
    default: return href("reseau", "", { centre: node.id });
  }
}

function hitText(node: Hit["node"]): [string, string] {
  const name = node.name ?? node.title ?? node.id;
  const details = node.__typename === "Organization"
    ? [label(KINDS, node.kind), label(FAMILIES, node.family), node.commune?.name]
    : node.__typename === "Territory" ? [label(LEVELS, node.level), node.code]
    : [label(NODE_TYPES, node.__typename), node.signedOn ?? node.startsAt];
  return [node.acronym && node.acronym !== name ? `${name} (${node.acronym})` : name,
    details.filter(Boolean).join(" · ")];
}

/** The search form of the header: typing updates the URL, which renders the results. */
export function searchForm(): HTMLFormElement {
  const input = h("input", {
    id: "recherche", type: "search", name: "q", autocomplete: "off", placeholder: "Rechercher : CRES, Cusset, convention…",
    "aria-label": "Rechercher dans l'annuaire",
  });
  const form = h("form", { role: "search", class: "search" }, input);
  const show = (replace: boolean) => {
    const route = location.hash.startsWith("#/recherche") ? new URLSearchParams(location.hash.split("?")[1] ?? "")
      : new URLSearchParams();
    go(href("recherche", "", { q: input.value.trim(), types: route.get("types"), categorie: route.get("categorie"),
      famille: route.get("famille") }), replace);
  };
  input.addEventListener("input", debounce(() => show(location.hash.startsWith("#/recherche")), 200));
  form.addEventListener("submit", (event) => { event.preventDefault(); show(false); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      document.querySelector<HTMLAnchorElement>("#resultats a")?.focus();
    }
  });
  return form;
}

let latest = 0;

export async function renderSearch(main: HTMLElement, route: Route): Promise<void> {
  const text = route.params.get("q") ?? "";
  const input = document.getElementById("recherche") as HTMLInputElement | null;
  if (input && document.activeElement !== input) input.value = text;
  const chosenKinds = (route.params.get("types") ?? "").split(",").filter((k) => k in SEARCH_KINDS);
  // An organization's kind or family narrows the search to organizations.
  const category = route.params.get("categorie") ?? "";
  const family = route.params.get("famille") ?? "";
  const organizationKind = category in KINDS ? category : "";
  const organizationFamily = family in FAMILIES ? family : "";
  const kinds = organizationKind || organizationFamily ? ["ORGANIZATION"] : chosenKinds;
  const state = { q: text, types: chosenKinds.join(","), categorie: organizationKind, famille: organizationFamily };
  const choice = (name: "categorie" | "famille", title: string, table: Record<string, string>, chosen: string,
    all: string) => h("label", {}, `${title} `, h("select", {
    name,
    onchange: (event: Event) => go(href("recherche", "", { ...state, [name]: (event.target as HTMLSelectElement).value }),
      true),
  }, h("option", { value: "" }, all), ...Object.entries(table).map(([value, name]) =>
    h("option", { value, selected: value === chosen }, name))));
  const filters = h("fieldset", { class: "filters" }, h("legend", {}, "Filtres"),
    ...Object.entries(SEARCH_KINDS).map(([kind, name]) => h("label", {},
      h("input", {
        type: "checkbox", value: kind, checked: kinds.includes(kind),
        onchange: (event: Event) => {
          const box = event.target as HTMLInputElement;
          const next = box.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind);
          const organizations = next.includes("ORGANIZATION") || !next.length;
          go(href("recherche", "", { ...state, types: next.join(","), categorie: organizations ? organizationKind : "",
            famille: organizations ? organizationFamily : "" }), true);
        },
      }), ` ${name}`)),
    choice("categorie", "Type d'organisation", KINDS, organizationKind, "tous"),
    choice("famille", "Famille", FAMILIES, organizationFamily, "toutes"));
  const download = !kinds.length || kinds.includes("ORGANIZATION") ? h("p", { class: "actions" },
    ...exportLinks([["les organisations (CSV)", `/export/organizations.csv?${query({ text,
      kinds: organizationKind, families: organizationFamily, first: 100 })}`]])) : null;
  const results = h("ol", { id: "resultats", class: "results" });
  clear(main);
  main.append(h("h1", {}, text ? `Résultats pour « ${text} »` : "Rechercher"), filters, results);
  const hasText = /[\p{L}\p{N}]/u.test(text);
  if (hasText && download) results.before(download);
  if (!hasText) {
    results.replaceWith(status("Tapez un nom, un sigle, une commune ou un titre."));
    return;
  }
  const ticket = ++latest;
  const data = await gql<{ search: Hit[] }>(SEARCH, { text, kinds: kinds.length ? kinds : null,
    organizationKinds: organizationKind ? [organizationKind] : null,
    families: organizationFamily ? [organizationFamily] : null });
  if (ticket !== latest) return; // a later keystroke's answer wins
  const hits = data.search;
  if (!hits.length) {
    results.replaceWith(status("Aucun résultat."));
    return;
  }
  for (const hit of hits) {
    const [name, details] = hitText(hit.node);
    results.append(h("li", {}, h("a", { href: hitLink(hit.node) }, name), h("span", { class: "muted" }, ` ${details}`)));
  }
  results.addEventListener("keydown", (event) => {
    const links = [...results.querySelectorAll("a")];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "ArrowDown" && index < links.length - 1) { event.preventDefault(); links[index + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (index > 0 ? links[index - 1] : input)?.focus(); }
  });
}
