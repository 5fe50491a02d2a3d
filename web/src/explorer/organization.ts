// An organization's page: identity, identifiers, place, federations and members, partners, conventions, people,
// figures; each fact with its source and the source's words.

import { gql, SOURCE_FIELDS, type GeoPoint, type SourceRef } from "./api";
import { clear, h, section, status } from "./dom";
import { exportLinks } from "./exports";
import { FAMILIES, KINDS, LEVELS, PARTNERSHIPS, label } from "./labels";
import { href, type Route } from "./router";

const FACT = `since until excerpt inferred note source { ${SOURCE_FIELDS} }`;
const ORG = "id name acronym slug kind family";
const ORGANIZATION = `query Organisation($slug: String!) {
  organization(slug: $slug) {
    ${ORG} legalForm siren siret rna website foundedOn foundedOnInferred foundedOnNote description address
    location { latitude longitude approximate }
    sites(first: 1) { location { latitude longitude approximate } }
    commune { code name parents { code name level } }
    coverage { territory { code name level } since until }
    memberOf(first: 50) { totalCount edges { role node { ${ORG} } ${FACT} } }
    members(first: 50) { totalCount edges { role node { ${ORG} } ${FACT} } }
    partners(first: 50) { totalCount edges { kind direction node { ${ORG} } ${FACT} } }
    conventions(first: 20) { totalCount edges { node {
      id title kind status signedOn place objectives
      parties { role organization { ${ORG} } }
      sources { ${SOURCE_FIELDS} }
    } } }
    people { title portfolio person { id name } ${FACT} }
    figures { id measure value unit year approximate scope territory { name } source { ${SOURCE_FIELDS} } }
    statements { kind text sources { ${SOURCE_FIELDS} } }
    sources { ${SOURCE_FIELDS} }
  }
}`;

interface Org { id: string; name: string; acronym: string | null; slug: string; kind: string; family: string | null }
interface Fact { since: string | null; until: string | null; excerpt: string | null; inferred: boolean;
  note: string | null; source: SourceRef | null }
interface Territory { code: string; name: string; level: string }
interface Organization extends Org {
  legalForm: string | null; siren: string | null; siret: string | null; rna: string | null; website: string | null;
  foundedOn: string | null; foundedOnInferred: boolean; foundedOnNote: string | null; description: string | null;
  address: string | null; location: GeoPoint | null; sites: { location: GeoPoint | null }[];
  commune: (Territory & { parents: Territory[] }) | null;
  coverage: { territory: Territory; since: string | null; until: string | null }[];
  memberOf: { totalCount: number; edges: (Fact & { role: string | null; node: Org })[] };
  members: { totalCount: number; edges: (Fact & { role: string | null; node: Org })[] };
  partners: { totalCount: number; edges: (Fact & { kind: string; direction: string; node: Org })[] };
  conventions: { totalCount: number; edges: { node: {
    id: string; title: string; kind: string | null; status: string | null; signedOn: string | null;
    place: string | null; objectives: string[]; parties: { role: string | null; organization: Org }[];
    sources: SourceRef[] } }[] };
  people: (Fact & { title: string | null; portfolio: string | null; person: { id: string; name: string } })[];
  figures: { id: string; measure: string; value: number; unit: string | null; year: string | null;
    approximate: boolean; scope: string | null; territory: { name: string } | null; source: SourceRef | null }[];
  statements: { kind: string; text: string; sources: SourceRef[] }[];
  sources: SourceRef[];
}

export function sourceView(source: SourceRef | null, excerpt?: string | null): HTMLElement | null {
  const words = excerpt ?? source?.excerpt;
  if (!source && !words) return null;
  const title = source?.title ?? source?.document ?? "document";
  return h("details", { class: "source" }, h("summary", {}, "Source"),
    words ? h("blockquote", {}, words) : null,
    h("p", { class: "muted" }, "— ", source?.url ? h("a", { href: source.url, rel: "noreferrer" }, title) : title,
      source?.publishedOn ? `, ${source.publishedOn}` : ""));
}

export function orgLink(org: Org): HTMLAnchorElement {
  return h("a", { href: href("organisation", org.slug) }, org.acronym && org.acronym !== org.name
    ? `${org.name} (${org.acronym})` : org.name);
}

function period(fact: { since: string | null; until: string | null }): string {
  if (fact.since && fact.until) return ` (${fact.since} – ${fact.until})`;
  if (fact.since) return ` (depuis ${fact.since})`;
  return fact.until ? ` (jusqu'en ${fact.until})` : "";
}

function factItem(fact: Fact, ...content: (Node | string | null)[]): HTMLLIElement {
  return h("li", {}, ...content, period(fact), fact.inferred ? h("span", { class: "muted" }, ` déduit${fact.note
    ? ` : ${fact.note}` : ""}`) : null, sourceView(fact.source, fact.excerpt));
}

function list<T>(title: string, items: T[], item: (value: T) => HTMLElement, total = items.length): HTMLElement {
  if (!items.length) return section(title, status("Aucun élément connu."));
  const more = total > items.length ? h("p", { class: "muted" }, `${items.length} sur ${total}.`) : null;
  return section(`${title} (${total})`, h("ul", { class: "facts" }, ...items.map(item)), more);
}

function identity(org: Organization): HTMLElement {
  const rows: [string, string | Node | null][] = [
    ["Type", label(KINDS, org.kind)], ["Famille", label(FAMILIES, org.family)], ["Forme juridique", org.legalForm],
    ["SIREN", org.siren], ["SIRET", org.siret], ["RNA", org.rna],
    ["Fondation", org.foundedOn ? `${org.foundedOn}${org.foundedOnInferred ? ` (déduit${org.foundedOnNote
      ? ` : ${org.foundedOnNote}` : ""})` : ""}` : null],
    ["Site", org.website ? h("a", { href: org.website, rel: "noreferrer" }, org.website) : null],
  ];
  return section("Identité", h("dl", {}, ...rows.filter(([, v]) => v).flatMap(([k, v]) => [h("dt", {}, k),
    h("dd", {}, v as Node | string)])), org.description ? h("p", {}, org.description) : null);
}

function place(org: Organization): HTMLElement {
  const commune = org.commune;
  const where = commune ? h("p", {}, h("a", { href: href("territoire", commune.code, { niveau: "COMMUNE" }) },
    commune.name), ...commune.parents.map((p) => [" · ", h("a", { href: href("territoire", p.code, { niveau: p.level }) },
    p.name)]).flat()) : null;
  const covers = org.coverage.length ? h("p", {}, "Couvre : ", ...org.coverage.map((c, i) => [i ? ", " : "",
    h("a", { href: href("territoire", c.territory.code, { niveau: c.territory.level }) },
      `${c.territory.name} (${label(LEVELS, c.territory.level)})`), period(c)]).flat()) : null;
  const point = org.location ? h("p", { class: "muted" }, `${org.location.latitude.toFixed(5)}, `
    + `${org.location.longitude.toFixed(5)}${org.location.approximate ? " (centre de la commune)" : ""}`) : null;
  return section("Où", org.address ? h("p", {}, org.address) : null, where, covers, point,
    !where && !covers && !org.address ? status("Lieu inconnu.") : null);
}

/** Its neighbours on the map: around it when it (or a site of it) is located, else around its commune, else the
 * map of the territory it covers. */
function neighbours(org: Organization): HTMLAnchorElement | null {
  const located = org.location || org.sites.some((site) => site.location);
  const covered = org.coverage[0]?.territory;
  const link = located ? href("carte", "", { organisation: org.id, rayon: 30 })
    : org.commune ? href("carte", "", { commune: org.commune.code, rayon: 30 })
    : covered ? href("territoire", covered.code, { niveau: covered.level }) : null;
  return link ? h("a", { class: "button", href: link }, located || org.commune ? "Voir ses voisins sur la carte"
    : "Voir son territoire sur la carte") : null;
}

export async function renderOrganization(main: HTMLElement, route: Route): Promise<void> {
  const data = await gql<{ organization: Organization | null }>(ORGANIZATION, { slug: route.arg });
  const org = data.organization;
  clear(main);
  if (!org) {
    main.append(h("h1", {}, "Organisation introuvable"), status(`Aucune organisation n'a l'identifiant « ${route.arg} ».`,
      "error"));
    return;
  }
  document.title = `${org.name} · graphdir`;
  const nav = h("p", { class: "actions" },
    h("a", { class: "button", href: href("reseau", "", { centre: org.id }) }, "Voir son réseau"),
    neighbours(org),
    h("a", { class: "button", href: href("chemin", "", { de: org.id }) }, "Chemin vers un autre acteur"),
    ...exportLinks([["JSON-LD", `/export/organizations/${encodeURIComponent(org.slug)}.jsonld`]]));
  main.append(
    h("h1", {}, org.name, org.acronym && org.acronym !== org.name ? h("span", { class: "muted" }, ` ${org.acronym}`) : null),
    nav, identity(org), place(org),
    list("Membre de", org.memberOf.edges, (e) => factItem(e, orgLink(e.node), e.role ? ` — ${e.role}` : null),
      org.memberOf.totalCount),
    list("Membres", org.members.edges, (e) => factItem(e, orgLink(e.node), e.role ? ` — ${e.role}` : null),
      org.members.totalCount),
    list("Partenaires", org.partners.edges, (e) => factItem(e, `${label(PARTNERSHIPS, e.kind)} ${e.direction === "OUTGOING"
      ? "vers" : "de la part de"} `, orgLink(e.node)), org.partners.totalCount),
    list("Conventions", org.conventions.edges.map((e) => e.node), (c) => h("li", { class: "convention" },
      h("a", { href: href("reseau", "", { centre: c.id }) }, c.title),
      c.signedOn ? ` — signée le ${c.signedOn}` : "", c.place ? `, ${c.place}` : "",
      h("p", {}, "Parties : ", ...c.parties.map((p, i) => [i ? ", " : "", orgLink(p.organization),
        p.role ? ` (${p.role})` : ""]).flat()),
      c.objectives.length ? h("ol", {}, ...c.objectives.map((o) => h("li", {}, o))) : null,
      ...c.sources.map((s) => sourceView(s))), org.conventions.totalCount),
    list("Personnes", org.people, (r) => factItem(r, h("a", { href: href("reseau", "", { centre: r.person.id }) },
      r.person.name), r.title ? ` — ${r.title}` : "", r.portfolio ? ` (${r.portfolio})` : "")),
    list("Chiffres", org.figures, (f) => h("li", {}, h("strong", {}, `${f.approximate ? "près de " : ""}`
      + `${f.value.toLocaleString("fr-FR")}${f.unit === "percent" ? " %" : ""}`), ` ${f.scope ?? f.measure}`,
      f.territory ? ` — ${f.territory.name}` : "", f.year ? ` (${f.year})` : "", sourceView(f.source))),
    list("Missions et principes", org.statements, (s) => h("li", {}, s.text, ...s.sources.map((src) => sourceView(src)))),
    list("Sources", org.sources, (s) => h("li", {}, sourceView(s) ?? "")),
  );
}
