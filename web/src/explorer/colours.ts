// One colour per node type, and per ESS family for organizations (the legend of the network map).

export const TYPE_COLOURS: Record<string, string> = {
  Organization: "#1f6feb", Person: "#8250df", Territory: "#6e7781", Convention: "#bf3989", Event: "#bc4c00",
};

export const FAMILY_COLOURS: Record<string, string> = {
  ASSOCIATION: "#1a7f37", COOPERATIVE: "#0969da", MUTUAL: "#9a6700", FOUNDATION: "#cf222e", ESS_COMPANY: "#116329",
  MIXED: "#0550ae",
};

export function colourOf(type: string, family: string | null | undefined): string {
  return (type === "Organization" && family && FAMILY_COLOURS[family]) || TYPE_COLOURS[type] || "#57606a";
}
