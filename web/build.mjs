// Bundles the explorer and the GraphiQL page into graphdir/web/dist (served by the API, not committed).
// Every script, style sheet, image and font the pages use comes from here: the pages load nothing from elsewhere.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "graphdir", "web", "dist");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });
await build({
  entryPoints: { explorer: join(here, "src", "explorer", "main.ts"), graphiql: join(here, "src", "graphiql.tsx") },
  outdir: join(out, "assets"),
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  target: ["es2020"],
  // Leaflet's and GraphiQL's images and fonts, inlined into the CSS (the page's policy allows data: images).
  loader: { ".png": "dataurl", ".svg": "dataurl", ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl" },
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  logLevel: "warning",
});
for (const page of ["explorer.html", "graphiql.html"]) cpSync(join(here, "src", page), join(out, page));
writeFileSync(join(out, ".built"), new Date().toISOString() + "\n");
