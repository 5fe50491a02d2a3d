"""The `graphdir` command: serve the API, run the local Neo4j, apply the schema, load data."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from neo4j import AsyncDriver

from graphdir.config import ConfigError, Settings, parse_workers
from graphdir.db.driver import DatabaseUnavailable, connect
from graphdir.db.local import LocalInstance, LocalServerError

EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3
T = TypeVar("T")


def _workers(raw: str) -> int:
    try:
        return parse_workers(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from graphdir import logs
    from graphdir.app import create_app
    from graphdir.db import schema as db_schema
    from graphdir.server import UVICORN_OPTIONS

    settings = Settings.from_env()
    settings = replace(settings, host=args.host or settings.host, port=args.port or settings.port,
                       workers=args.workers or settings.workers)
    logs.configure(settings.log_level, settings.log_format, settings.workers)
    log = logging.getLogger("graphdir.cli")
    # Fail fast with one line rather than serving a directory that cannot read its graph; apply the schema here,
    # once, rather than in every worker.
    try:
        report = asyncio.run(_with_driver(settings, lambda driver: db_schema.apply(driver, settings.neo4j_database)))
    except DatabaseUnavailable as exc:
        log.error(str(exc))  # in the format asked for, as every line `serve` writes
        return EXIT_UNAVAILABLE
    log.info(str(report))
    options: dict[str, Any] = {"host": settings.host, "port": settings.port, "log_config": None,
                               "access_log": False, "loop": "uvloop", **UVICORN_OPTIONS}
    if settings.workers > 1:
        # Each worker process builds its application, and opens its driver, from the environment: the options given
        # on the command line go there too.
        os.environ.update(GRAPHDIR_HOST=settings.host, GRAPHDIR_PORT=str(settings.port),
                          GRAPHDIR_WORKERS=str(settings.workers))
        uvicorn.run("graphdir.app:app_from_env", factory=True, workers=settings.workers, **options)
        return 0
    config = uvicorn.Config(create_app(settings), **options)
    # Bound before the application starts (as the supervisor of several workers does), so that it says "ready" only
    # once the address is its own.
    sock = config.bind_socket()
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    if not server.started:
        return EXIT_UNAVAILABLE
    return 0


async def _with_driver(settings: Settings, work: Callable[[AsyncDriver], Awaitable[T]]) -> T:
    driver = await connect(settings)
    try:
        return await work(driver)
    finally:
        await driver.close()


def cmd_db(args: argparse.Namespace) -> int:
    server = LocalInstance(args.instance)
    if args.action == "start":
        print(server.start())
    elif args.action == "stop":
        print(server.stop())
    elif args.action == "status":
        print(server.status())
        return 0 if server.pid() is not None else 1
    elif args.action == "env":
        print(f"NEO4J_URI={server.uri}\nNEO4J_USER=neo4j\nNEO4J_PASSWORD={server.read_password() or ''}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.action == "export":
        from graphdir.api.schema import schema

        text = schema.as_str() + "\n"
        if args.output == "-":
            sys.stdout.write(text)
        else:
            Path(args.output).write_text(text)
            print(f"wrote {args.output}")
        return 0
    from graphdir.db import schema as db_schema

    settings = Settings.from_env()
    if args.action == "rebuild-inside":
        from graphdir.domain.territories.inside_links import rebuild_all

        count = asyncio.run(_with_driver(settings, lambda driver: rebuild_all(driver, settings.neo4j_database)))
        print(f"rewrote the INSIDE links of {count} organizations")
        return 0
    print(asyncio.run(_with_driver(settings, lambda driver: db_schema.apply(driver, settings.neo4j_database))))
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from graphdir.loader.command import run_load

    return run_load(Settings.from_env(), [Path(p) for p in args.paths], dry_run=args.dry_run, progress=not args.quiet)


def cmd_import(args: argparse.Namespace) -> int:
    from graphdir.importers.command import ImportOptions, run_import

    options = ImportOptions(dry_run=args.dry_run, progress=not args.quiet, edition=args.edition, url=args.url,
                            report=Path(args.report) if args.report else None, encoding=args.encoding,
                            mapping=Path(args.mapping) if args.mapping else None,
                            ess_list=Path(args.ess_list) if args.ess_list else None)
    return run_import(Settings.from_env(), args.source, [Path(f) for f in args.files], options)


def cmd_token(args: argparse.Namespace) -> int:
    from graphdir.tokens import run_token

    return run_token(Settings.from_env(), args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graphdir",
        description="GraphQL network directory of the French social and solidarity economy, over Neo4j. "
        "Neo4j is reached through NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE; without NEO4J_URI, "
        "the local server of GRAPHDIR_INSTANCE (default: run) is used.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve /graphql, /healthz and /readyz",
                           description="Serve the GraphQL API (GRAPHDIR_HOST, GRAPHDIR_PORT, GRAPHDIR_GRAPHIQL).")
    serve.add_argument("--host", help="listen address (default GRAPHDIR_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="listen port (default GRAPHDIR_PORT or 8000)")
    serve.add_argument("--workers", type=_workers, help="processes serving requests, one event loop each (default "
                       "GRAPHDIR_WORKERS or 1; as many as the cores Neo4j leaves free)")
    serve.set_defaults(func=cmd_serve)

    db = sub.add_parser("db", help="run the local Neo4j server (machines without Docker)",
                        description="Fetch Neo4j Community with mvn on first use, then start, stop or inspect it. "
                        "Each instance has its own data folder, Bolt port and generated password under "
                        "GRAPHDIR_NEO4J_HOME (default: .neo4j in the current directory).")
    db.add_argument("action", choices=["start", "stop", "status", "env"],
                    help="start (waits until Bolt answers), stop, status (exit 1 when stopped), env (connection)")
    db.add_argument("--instance", default=None, help="instance name: run (default), test or bench")
    db.set_defaults(func=cmd_db)

    sch = sub.add_parser("schema", help="apply the Cypher schema or export the GraphQL SDL",
                         description="apply: create the constraints and indexes of graphdir/db/constraints.cypher "
                         "(idempotent). export: print the GraphQL SDL (to schema/schema.graphql with -o). "
                         "rebuild-inside: rewrite every organization's INSIDE links (containment as data, which "
                         "loads, imports and edits keep up to date) after an upgrade or a neo4j-admin import.")
    sch.add_argument("action", choices=["apply", "export", "rebuild-inside"])
    sch.add_argument("-o", "--output", default="-", help="with export: file to write (default: stdout)")
    sch.set_defaults(func=cmd_schema)

    load = sub.add_parser("load", help="validate and load seed files (YAML, JSON, JSON Lines)",
                          description="Validate every record of the given files and folders, then write them in "
                          "batches, idempotently. Nothing is written if any record is invalid. See seeds/FORMAT.md.")
    load.add_argument("paths", nargs="+", help="files or folders")
    load.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    load.set_defaults(func=cmd_load)

    imp = sub.add_parser("import", help="import an open register (siae: the SIAE list as the ASP exports it; sirene: "
                         "INSEE's StockUniteLegale and StockEtablissement; rna: the register of associations, waldec "
                         "or import format; sheet: a member list with a mapping)",
                         description="Stream the file, place each row in its commune, recognise organizations already "
                         "in the graph (SIREN, SIRET, RNA id), load them through the validating loader (idempotent), "
                         "print a summary. Nothing is written if the file is unreadable as a whole. The territories "
                         "must be loaded first.")
    imp.add_argument("source", choices=["siae", "sirene", "rna", "sheet", "ess-france"])
    imp.add_argument("files", nargs="+", metavar="FILE", help="the file(s): CSV, or a zip of CSV (siae: one file, "
                     "';'-separated UTF-8; sirene: StockUniteLegale, then (optional) StockEtablissement, as INSEE "
                     "publishes them; rna: waldec or import files; sheet: one CSV or XLSX; ess-france: ESS France's "
                     "list of ESS enterprises)")
    imp.add_argument("--ess-list", help="sirene: ESS France's list of ESS enterprises (CSV with a SIREN column): its "
                     "units are ESS too")
    imp.add_argument("--dry-run", action="store_true", help="read, place and validate, write nothing")
    imp.add_argument("--mapping", help="sheet: the YAML file naming the columns (README: Importing open data)")
    imp.add_argument("--encoding", choices=["utf-8", "latin-1", "cp1252", "auto"],
                     help="rna, ess-france: the files' encoding (default auto: UTF-8 or cp1252); sheet: "
                     "overrides the mapping's")
    imp.add_argument("--edition", help="siae, sirene, ess-france: YYYY-MM; rna: YYYY-MM-DD; when the file name does "
                     "not say it")
    imp.add_argument("--url", help="where the dataset is published (kept on its Source)")
    imp.add_argument("--report", help="file for the row details when there are many (default: "
                     "<file name>.import-report.txt in the current folder)")
    imp.add_argument("--quiet", action="store_true", help="no progress line")
    imp.set_defaults(func=cmd_import)

    from graphdir.tokens import add_parser

    add_parser(sub).set_defaults(func=cmd_token)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "instance", "x") is None:
        args.instance = os.environ.get("GRAPHDIR_INSTANCE", "run")
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except (ConfigError, LocalServerError) as exc:
        print(f"graphdir: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DatabaseUnavailable as exc:
        print(f"graphdir: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except KeyboardInterrupt:
        return 130
