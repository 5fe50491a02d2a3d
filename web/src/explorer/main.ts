// The explorer: a header with the search field, and the view the URL names.

import "./explorer.css";

import { ApiError } from "./api";
import { clear, h, status } from "./dom";
import { renderNear, renderTerritory } from "./geomap";
import { renderNetwork } from "./network";
import { renderOrganization } from "./organization";
import { renderPath } from "./path";
import { current, href, type Route } from "./router";
import { renderSearch, searchForm } from "./search";
import { renderTerritoryNetwork } from "./territory-network";

const VIEWS: Record<string, (main: HTMLElement, route: Route) => Promise<void>> = {
  "": renderHome, recherche: renderSearch, organisation: renderOrganization, reseau: renderNetwork, chemin: renderPath,
  carte: renderNear, territoire: renderTerritory, "reseau-territoire": renderTerritoryNetwork,
};

async function renderHome(main: HTMLElement): Promise<void> {
  clear(main);
  main.append(h("h1", {}, "Explorer l'économie sociale et solidaire"),
    h("p", {}, "Cherchez une organisation, une personne, un territoire ou une convention ; suivez ses liens sur le "
      + "réseau ; voyez qui est autour d'un lieu."),
    h("ul", { class: "facts" },
      h("li", {}, h("a", { href: href("organisation", "cres-auvergne") }, "La CRES Auvergne")),
      h("li", {}, h("a", { href: href("carte", "", { commune: "03095", rayon: 20 }) }, "Autour de Cusset")),
      h("li", {}, h("a", { href: href("territoire", "84", { niveau: "REGION" }) }, "La région Auvergne-Rhône-Alpes")),
      h("li", {}, h("a", { href: href("reseau-territoire", "83", { niveau: "REGION" }) },
        "Le réseau dans l'ancienne région Auvergne")),
      h("li", {}, h("a", { href: href("chemin") }, "Le chemin entre deux acteurs"))));
}

function layout(): HTMLElement {
  const main = h("main", { id: "contenu", tabindex: "-1" });
  const app = document.getElementById("app")!;
  clear(app);
  app.append(
    h("a", { class: "skip", href: "#contenu" }, "Aller au contenu"),
    h("header", {}, h("a", { class: "brand", href: "#/" }, "graphdir"), searchForm(),
      h("nav", { "aria-label": "Vues" }, h("a", { href: href("carte", "", { commune: "03095", rayon: 20 }) }, "Carte"),
        h("a", { href: href("territoire", "84", { niveau: "REGION" }) }, "Territoires"),
        h("a", { href: href("chemin") }, "Chemin"),
        h("a", { href: "/graphql" }, "GraphiQL"))),
    main);
  // The skip link targets the main element without changing the route.
  app.querySelector<HTMLAnchorElement>(".skip")!.addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
  });
  return main;
}

async function show(main: HTMLElement): Promise<void> {
  const route = current();
  const view = VIEWS[route.view];
  main.setAttribute("aria-busy", "true");
  try {
    if (!view) {
      clear(main);
      main.append(h("h1", {}, "Page introuvable"), status("Cette adresse ne correspond à aucune vue.", "error"));
    } else {
      await view(main, route);
    }
  } catch (error) {
    clear(main);
    main.append(h("h1", {}, "Erreur"), status(error instanceof ApiError ? error.message
      : "Le serveur n'a pas pu répondre.", "error"));
    if (!(error instanceof ApiError)) console.warn(error);
  } finally {
    main.setAttribute("aria-busy", "false");
  }
}

const main = layout();
let previous = "";
window.addEventListener("hashchange", () => {
  const route = current();
  const focusMain = route.view !== "recherche" || previous !== "recherche";
  previous = route.view;
  void show(main).then(() => { if (focusMain && route.view !== "recherche") main.focus({ preventScroll: false }); });
});
previous = current().view;
void show(main);
