// GraphiQL over this server's /graphql, bundled with React so that the page needs no other host. Its Headers tab
// sends `{"Authorization": "Bearer <token>"}` with every request (same origin: the page's policy allows it); the
// headers are kept in this browser only when "Persist headers" is turned on in GraphiQL's settings.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import "./graphiql-page.css";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

const fetcher = createGraphiQLFetcher({ url: new URL("/graphql", window.location.href).toString() });
const root = document.getElementById("graphiql");
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      defaultEditorToolsVisibility: "variables",
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      showPersistHeadersSettings: true,
    }),
  );
}
