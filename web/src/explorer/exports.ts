// Download links to the server's export endpoints (/export/…), which take the same arguments as the GraphQL fields.

import { h } from "./dom";

export function exportLinks(links: [string, string][]): HTMLElement[] {
  return links.map(([name, url]) => h("a", { class: "button download", href: url, download: "" }, `Télécharger ${name}`));
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(name, String(value));
  }
  return search.toString();
}
