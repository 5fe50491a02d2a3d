// leaflet.markercluster extends the global `L`: this module sets it, and is imported before the plugin.
import L from "leaflet";

(window as unknown as { L: typeof L }).L = L;
export default L;
