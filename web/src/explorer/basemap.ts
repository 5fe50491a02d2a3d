// A Leaflet map over the tile server the deployment configured (read from the page), or over a plain base layer.

import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";

import L from "./leaflet-global";
import "leaflet.markercluster";

import { h } from "./dom";

// Metropolitan France, when there is nothing to fit.
const FRANCE: L.LatLngBoundsExpression = [[41.3, -5.2], [51.1, 9.6]];

function tileSettings(): { url: string; attribution: string } {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="graphdir-tiles"]')?.content ?? "";
  const [url = "", attribution = ""] = meta.split("\n");
  return { url: url.trim(), attribution: attribution.trim() };
}

/** A map showing `bounds` (France if none): set once, before markers, so that clusters are drawn once. */
export function baseMap(container: HTMLElement, bounds?: L.LatLngBoundsExpression): L.Map {
  const map = L.map(container, { keyboard: true, scrollWheelZoom: false, maxZoom: 18 })
    .fitBounds(bounds ?? FRANCE, { animate: false, padding: [20, 20] });
  const tiles = tileSettings();
  if (tiles.url) {
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
  } else {
    container.classList.add("plain");
    map.attributionControl.addAttribution("fond neutre (aucun serveur de tuiles configuré)");
  }
  return map;
}

export function clusters(): L.MarkerClusterGroup {
  return L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, animate: false });
}

export function marker(lat: number, lon: number, text: string, link: string, kind = "org"): L.Marker {
  const icon = L.divIcon({ className: `pin ${kind}`, html: "", iconSize: [16, 16] });
  const popup = h("div", {}, h("a", { href: link }, text));
  return L.marker([lat, lon], { icon, title: text, alt: text, keyboard: true }).bindPopup(popup);
}

export function countMarker(lat: number, lon: number, count: number, text: string, link: string): L.Marker {
  const icon = L.divIcon({ className: `pin count${count ? "" : " zero"}`, html: String(count), iconSize: [26, 26] });
  const popup = h("div", {}, h("a", { href: link }, `${text} : ${count} organisation${count > 1 ? "s" : ""}`));
  return L.marker([lat, lon], { icon, title: `${text} (${count})`, alt: text, keyboard: true }).bindPopup(popup);
}

export { L };
