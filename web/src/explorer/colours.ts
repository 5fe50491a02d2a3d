// The colours of the network maps: one per node type, and for organizations one per ESS family or per kind, as the
// reader chooses (the `couleurs` parameter of the URL); the legend shows the colours in use.

import { FAMILIES, KINDS, NODE_TYPES, label } from "./labels";

export type ColourBy = "famille" | "type";

export const TYPE_COLOURS: Record<string, string> = {
  Organization: "#1f6feb", Person: "#8250df", Territory: "#6e7781", Convention: "#bf3989", Event: "#bc4c00",
};

export const FAMILY_COLOURS: Record<string, string> = {
  ASSOCIATION: "#1a7f37", COOPERATIVE: "#0969da", MUTUAL: "#9a6700", FOUNDATION: "#cf222e", ESS_COMPANY: "#116329",
  MIXED: "#0550ae",
};

export const KIND_COLOURS: Record<string, string> = {
  REGIONAL_CHAMBER: "#0550ae", NATIONAL_CHAMBER: "#033d8b", FEDERATION: "#1a7f37", NETWORK: "#4ac26b",
  EMPLOYERS_UNION: "#9a6700", ENTERPRISE: "#0969da", STATE_SERVICE: "#cf222e", REGIONAL_COUNCIL: "#a40e26",
  DEPARTMENTAL_COUNCIL: "#d1242f", INTERCOMMUNALITY: "#953800", MUNICIPALITY: "#bc4c00", PAYS: "#7d4e00",
  OTHER: "#57606a",
};

export function colourBy(value: string | null): ColourBy {
  return value === "type" ? "type" : "famille";
}

export function colourOf(type: string, organization: { family?: string | null; kind?: string } | undefined,
  by: ColourBy = "famille"): string {
  if (type === "Organization" && organization) {
    const colour = by === "type" ? KIND_COLOURS[organization.kind ?? ""] : FAMILY_COLOURS[organization.family ?? ""];
    if (colour) return colour;
  }
  return TYPE_COLOURS[type] || "#57606a";
}

/** The legend's entries: the other node types, then the families or kinds of organizations. */
export function legendEntries(by: ColourBy): [string, string][] {
  const others = Object.entries(TYPE_COLOURS).filter(([t]) => t !== "Organization")
    .map(([t, c]): [string, string] => [c, label(NODE_TYPES, t)]);
  const organizations = by === "type"
    ? Object.entries(KIND_COLOURS).map(([k, c]): [string, string] => [c, label(KINDS, k)])
    : Object.entries(FAMILY_COLOURS).map(([f, c]): [string, string] => [c, label(FAMILIES, f)]);
  return [...organizations, [TYPE_COLOURS.Organization, "Organisation (autre)"], ...others];
}
