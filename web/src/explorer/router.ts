// Hash routing: every view is a URL (#/organisation/cres-auvergne, #/reseau?centre=…) that can be shared and reloaded.

export interface Route {
  view: string;
  arg: string;
  params: URLSearchParams;
}

export function current(): Route {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = hash.split("?", 2);
  const [view = "", ...rest] = path.split("/");
  return { view: decodeURIComponent(view), arg: decodeURIComponent(rest.join("/")), params: new URLSearchParams(query) };
}

export function href(view: string, arg = "", params: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, String(value));
  }
  const path = arg ? `${view}/${encodeURIComponent(arg)}` : view;
  const search = query.toString();
  return `#/${path}${search ? `?${search}` : ""}`;
}

export function go(url: string, replace = false): void {
  if (replace) window.history.replaceState(null, "", url);
  else window.location.hash = url.slice(1);
  if (replace) window.dispatchEvent(new HashChangeEvent("hashchange"));
}
