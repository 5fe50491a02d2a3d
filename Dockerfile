# The graphdir API. Neo4j runs in its own container (docker-compose.yml).
# The explorer's and GraphiQL's pages, bundled from the npm packages web/package-lock.json pins.
FROM node:20-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/build.mjs ./
COPY web/src ./src
RUN node build.mjs

FROM python:3.11-slim
# A regular (not editable) install: the schema it applies and the bundled pages are package data. The sources are
# not kept.
COPY pyproject.toml README.md /src/
COPY graphdir /src/graphdir
COPY --from=web /src/graphdir/web/dist /src/graphdir/web/dist
RUN pip install --no-cache-dir /src && rm -rf /src
WORKDIR /app
COPY seeds ./seeds
EXPOSE 8000
# Load the seeds (idempotent: a second start changes nothing), then serve.
CMD ["sh", "-c", "graphdir schema apply && graphdir load --quiet seeds && graphdir serve"]
