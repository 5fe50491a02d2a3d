// GraphiQL over this server's /graphql, bundled with React so that the page needs no other host.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import "./graphiql-page.css";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

const fetcher = createGraphiQLFetcher({ url: new URL("/graphql", window.location.href).toString() });
const root = document.getElementById("graphiql");
if (root) createRoot(root).render(createElement(GraphiQL, { fetcher, defaultEditorToolbarTabs: "variables" } as never));
