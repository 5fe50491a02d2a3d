// The geographic map: partners near a commune, a point or an organization (`partnersNear`), and everything inside a
// territory with drill-down région → département → EPCI → commune and counts (`territory`, `partnersIn`).

import { gql, type GeoPoint } from "./api";
import { baseMap, clusters, countMarker, L, marker } from "./basemap";
import { clear, h, section, status } from "./dom";
import { exportLinks, query } from "./exports";
import { FAMILIES, KINDS, LEVELS, label } from "./labels";
import { orgLink } from "./organization";
import { go, href, type Route } from "./router";

const ORG = `id name acronym slug kind family location { latitude longitude approximate }
  commune { name centroid { latitude longitude approximate } }`;
const NEAR = `query Voisins($near: NearInput!, $radius: Float!, $filter: OrganizationFilter) {
  partnersNear(near: $near, radiusKm: $radius, filter: $filter, first: 100) {
    totalCount totalCountIsExact originCommuneCode
    edges { distanceKm approximate sharedTerritories { name level } node { ${ORG} } }
  }
}`;
const CENTRE = `query Centre($code: String!) { territory(code: $code, level: COMMUNE) { name centroid { latitude longitude } } }`;
const TERRITORY = `query Territoire($code: String!, $level: TerritoryLevel, $filter: OrganizationFilter) {
  territory(code: $code, level: $level) {
    code name level centroid { latitude longitude approximate }
    parents { code name level }
    children(first: 100) { totalCount edges { node {
      code name level centroid { latitude longitude approximate } organizations(filter: $filter, first: 0) { totalCount }
    } } }
    organizations(filter: $filter, first: 100) { totalCount edges { node { ${ORG} } } }
  }
}`;

interface Org { id: string; name: string; acronym: string | null; slug: string; kind: string; family: string | null;
  location: GeoPoint | null; commune: { name: string; centroid: GeoPoint | null } | null }

function where(org: Org): GeoPoint | null {
  return org.location ?? org.commune?.centroid ?? null;
}

function filterOf(route: Route): { kinds: string[] | null; families: string[] | null } | null {
  const kinds = route.params.get("types")?.split(",").filter((k) => k in KINDS) ?? [];
  const families = route.params.get("familles")?.split(",").filter((f) => f in FAMILIES) ?? [];
  return kinds.length || families.length ? { kinds: kinds.length ? kinds : null, families: families.length ? families : null }
    : null;
}

function select(name: string, table: Record<string, string>, chosen: string | null, all: string): HTMLSelectElement {
  return h("select", { name }, h("option", { value: "" }, all),
    ...Object.entries(table).map(([value, text]) => h("option", { value, selected: value === chosen }, text)));
}

function nearForm(route: Route): HTMLFormElement {
  const p = route.params;
  const form = h("form", { class: "controls", "aria-label": "Origine et rayon" },
    h("label", {}, "Commune (code INSEE) ", h("input", { name: "commune", value: p.get("commune") ?? "", size: 6,
      inputmode: "numeric", pattern: "[0-9AB]{5}" })),
    h("label", {}, "ou latitude ", h("input", { name: "lat", value: p.get("lat") ?? "", size: 8 })),
    h("label", {}, " longitude ", h("input", { name: "lon", value: p.get("lon") ?? "", size: 8 })),
    h("label", {}, "Rayon (km) ", h("input", { name: "rayon", type: "number", min: 1, max: 200, step: 1,
      value: p.get("rayon") ?? "20" })),
    h("label", {}, "Type ", select("types", KINDS, p.get("types"), "tous")),
    h("label", {}, "Famille ", select("familles", FAMILIES, p.get("familles"), "toutes")),
    h("button", { type: "submit" }, "Chercher"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? "").trim();
    go(href("carte", "", { commune: value("commune"), lat: value("commune") ? null : value("lat"),
      lon: value("commune") ? null : value("lon"), rayon: value("rayon"), types: value("types"),
      familles: value("familles") }));
  });
  return form;
}

export async function renderNear(main: HTMLElement, route: Route): Promise<void> {
  const p = route.params;
  const radius = Math.min(200, Math.max(1, Number(p.get("rayon") ?? "20") || 20));
  const near = p.get("organisation") ? { organizationId: p.get("organisation") }
    : p.get("lat") && p.get("lon") ? { point: { latitude: Number(p.get("lat")), longitude: Number(p.get("lon")) } }
    : { communeCode: p.get("commune") || "03095" };
  clear(main);
  main.append(h("h1", {}, "Carte des voisins"), nearForm(route));
  const filter = filterOf(route);
  const { partnersNear } = await gql<{ partnersNear: { totalCount: number; totalCountIsExact: boolean;
    originCommuneCode: string | null;
    edges: { distanceKm: number; approximate: boolean; sharedTerritories: { name: string; level: string }[];
      node: Org }[] } }>(NEAR, { near, radius, filter });
  const origin = "point" in near && near.point ? { name: "le point choisi", centroid: near.point }
    : partnersNear.originCommuneCode ? (await gql<{ territory: { name: string; centroid: { latitude: number;
      longitude: number } | null } | null }>(CENTRE, { code: partnersNear.originCommuneCode })).territory : null;
  const count = partnersNear.totalCount;
  const args = query({ communeCode: "communeCode" in near ? near.communeCode : null,
    organizationId: "organizationId" in near ? near.organizationId : null,
    latitude: "point" in near ? near.point?.latitude : null, longitude: "point" in near ? near.point?.longitude : null,
    radiusKm: radius, kinds: filter?.kinds?.join(","), families: filter?.families?.join(","), first: 100 });
  // The count stops at 1,000 (a city's radius may hold a hundred thousand): "plus de 1000" then.
  const shown = partnersNear.totalCountIsExact ? `${count}` : `plus de ${count}`;
  main.append(h("p", { class: "summary" }, `${shown} organisation${count > 1 ? "s" : ""} à moins de ${radius} km`
    + `${origin ? ` de ${origin.name}` : ""}, les plus proches d'abord.`),
  h("p", { class: "actions" }, ...exportLinks([["la liste (CSV)", `/export/partners-near.csv?${args}`]])));
  const container = h("div", { id: "carte", class: "map" });
  main.append(container);
  const bounds: [number, number][] = [];
  if (origin?.centroid) {
    const { latitude, longitude } = origin.centroid;
    bounds.push([latitude - radius / 111, longitude - radius / 78], [latitude + radius / 111, longitude + radius / 78]);
  }
  const map = baseMap(container, bounds.length ? bounds : undefined);
  const group = clusters();
  if (origin?.centroid) {
    const { latitude, longitude } = origin.centroid;
    L.circle([latitude, longitude], { radius: radius * 1000, color: "#0969da", weight: 1, fillOpacity: 0.05 }).addTo(map);
    marker(latitude, longitude, `Origine : ${origin.name}`, location.hash, "origin").addTo(map);
  }
  const items = partnersNear.edges.map((edge) => {
    const point = where(edge.node);
    if (point) group.addLayer(marker(point.latitude, point.longitude, edge.node.name, href("organisation", edge.node.slug)));
    return h("li", {}, orgLink(edge.node), ` — ${edge.distanceKm.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} km`,
      edge.approximate ? h("span", { class: "muted" }, " (centre de la commune)") : null,
      edge.sharedTerritories.length ? h("span", { class: "muted" }, ` · ${edge.sharedTerritories.map((t) => t.name)
        .join(", ")}`) : null);
  });
  map.addLayer(group);
  main.append(section("Les plus proches", items.length ? h("ol", { class: "facts" }, ...items)
    : status("Aucune organisation dans ce rayon.")));
}

function territoryFilters(route: Route, territory: { code: string; level: string }): HTMLFormElement {
  const form = h("form", { class: "controls", "aria-label": "Filtres des organisations" },
    h("label", {}, "Type ", select("types", KINDS, route.params.get("types"), "tous")),
    h("label", {}, "Famille ", select("familles", FAMILIES, route.params.get("familles"), "toutes")),
    h("button", { type: "submit" }, "Filtrer"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    go(href("territoire", territory.code, { niveau: territory.level, types: String(data.get("types") ?? ""),
      familles: String(data.get("familles") ?? "") }));
  });
  return form;
}

interface Child { code: string; name: string; level: string; centroid: GeoPoint | null;
  organizations: { totalCount: number } }

export async function renderTerritory(main: HTMLElement, route: Route): Promise<void> {
  const filter = filterOf(route);
  const { territory } = await gql<{ territory: null | { code: string; name: string; level: string;
    centroid: GeoPoint | null; parents: { code: string; name: string; level: string }[];
    children: { totalCount: number; edges: { node: Child }[] };
    organizations: { totalCount: number; edges: { node: Org }[] } } }>(TERRITORY,
    { code: route.arg, level: route.params.get("niveau") || null, filter });
  clear(main);
  if (!territory) {
    main.append(h("h1", {}, "Territoire introuvable"), status(`Aucun territoire n'a le code « ${route.arg} ».`, "error"));
    return;
  }
  document.title = `${territory.name} · graphdir`;
  // The drill-down keeps the filters: the counts are of the organizations they let through.
  const kept = { types: route.params.get("types"), familles: route.params.get("familles") };
  const link = (t: { code: string; name: string; level: string }) =>
    h("a", { href: href("territoire", t.code, { niveau: t.level, ...kept }) }, t.name);
  const crumbs = h("nav", { class: "crumbs", "aria-label": "Territoires englobants" },
    ...[...territory.parents].reverse().flatMap((t) => [link(t), " › "]), territory.name);
  const args = query({ territoryCode: territory.code, territoryLevel: territory.level,
    kinds: filter?.kinds?.join(","), families: filter?.families?.join(","), first: 100 });
  const network = query({ code: territory.code, level: territory.level });
  const orgs = territory.organizations;
  main.append(crumbs, h("h1", {}, `${territory.name} `, h("span", { class: "muted" },
    `${label(LEVELS, territory.level)} ${territory.code}`)),
  h("p", { class: "summary" }, `${orgs.totalCount} organisation${orgs.totalCount > 1 ? "s" : ""} dans ce territoire.`),
  territoryFilters(route, territory),
  h("p", { class: "actions" }, h("a", { class: "button", href: href("carte", "", { commune: territory.level === "COMMUNE"
    ? territory.code : null, lat: territory.level === "COMMUNE" ? null : territory.centroid?.latitude,
  lon: territory.level === "COMMUNE" ? null : territory.centroid?.longitude, rayon: 20 }) }, "Voisins dans un rayon"),
  h("a", { class: "button", href: href("reseau-territoire", territory.code, { niveau: territory.level }) },
    "Réseau dans ce territoire"),
  ...exportLinks([["la liste (CSV)", `/export/organizations.csv?${args}`],
    ["le réseau (GEXF)", `/export/territory-network.gexf?${network}`]])));
  const container = h("div", { id: "carte", class: "map" });
  main.append(container);
  const bounds: [number, number][] = [...territory.children.edges.map((e) => e.node.centroid),
    ...orgs.edges.map((e) => where(e.node))].filter((p): p is GeoPoint => !!p).map((p) => [p.latitude, p.longitude]);
  const centre = territory.centroid;
  const map = baseMap(container, bounds.length > 1 ? bounds : centre
    ? [[centre.latitude - 0.1, centre.longitude - 0.15], [centre.latitude + 0.1, centre.longitude + 0.15]] : undefined);
  const group = clusters();
  // The children with their counts, outside the clusters (whose numbers count organizations): the drill-down.
  for (const { node } of territory.children.edges) {
    if (node.centroid) {
      countMarker(node.centroid.latitude, node.centroid.longitude, node.organizations.totalCount, node.name,
        href("territoire", node.code, { niveau: node.level, ...kept })).addTo(map);
    }
  }
  if (centre && !bounds.length) marker(centre.latitude, centre.longitude, territory.name, location.hash, "origin").addTo(map);
  for (const { node } of orgs.edges) {
    const point = where(node);
    if (point) group.addLayer(marker(point.latitude, point.longitude, node.name, href("organisation", node.slug)));
  }
  map.addLayer(group);
  const children = territory.children.edges.map((e) => e.node).sort((a, b) =>
    b.organizations.totalCount - a.organizations.totalCount || a.name.localeCompare(b.name, "fr"));
  main.append(
    section(`Territoires inclus (${territory.children.totalCount})`, children.length ? h("ul", { class: "facts columns" },
      ...children.map((c) => h("li", {}, link(c), ` — ${c.organizations.totalCount}`))) : status("Aucun.")),
    section(`Organisations (${orgs.totalCount})`, orgs.edges.length ? h("ul", { class: "facts" },
      ...orgs.edges.map((e) => h("li", {}, orgLink(e.node), h("span", { class: "muted" },
        ` ${label(KINDS, e.node.kind)}${e.node.commune ? ` · ${e.node.commune.name}` : ""}`)))) : status("Aucune.")));
}
