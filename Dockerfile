# The graphdir API. Neo4j runs in its own container (docker-compose.yml).
FROM python:3.11-slim
# A regular (not editable) install: the schema it applies is package data. The sources are not kept.
COPY pyproject.toml README.md /src/
COPY graphdir /src/graphdir
RUN pip install --no-cache-dir /src && rm -rf /src
WORKDIR /app
COPY seeds ./seeds
EXPOSE 8000
# Load the seeds (idempotent: a second start changes nothing), then serve.
CMD ["sh", "-c", "graphdir schema apply && graphdir load --quiet seeds && graphdir serve"]
