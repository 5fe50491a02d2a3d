# The graphdir API. Neo4j runs in its own container (docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphdir ./graphdir
COPY schema ./schema
COPY seeds ./seeds
RUN pip install --no-cache-dir -e .
EXPOSE 8000
# Load the seeds (idempotent: a second start changes nothing), then serve.
CMD ["sh", "-c", "graphdir schema apply && graphdir load --quiet seeds && graphdir serve"]
