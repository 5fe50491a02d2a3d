// Bundles the explorer and the GraphiQL page into graphdir/web/dist (served by the API, not committed).
// Every script, style sheet, image and font the pages use comes from here: the pages load nothing from elsewhere.
import { build } from "esbuild";
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "graphdir", "web", "dist");
// Built aside, then swapped in: a server running meanwhile never serves half a bundle.
const out = `${dist}.new`;

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
rmSync(`${dist}.old`, { recursive: true, force: true });
try {
  renameSync(dist, `${dist}.old`);
} catch {
  // first build: nothing to move aside
}
renameSync(out, dist);
rmSync(`${dist}.old`, { recursive: true, force: true });
