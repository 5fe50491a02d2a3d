"""The export endpoints under /export: the answers of `network`, `path`, `organizations` and `partnersNear` as files,
with the fields' argument names, defaults and limits, read through the domain services.

- /export/network.{gexf,graphml,nodes.csv,edges.csv}?centerId=…&depth=…&relationTypes=A,B&on=…&limit=…
- /export/territory-network.{gexf,graphml,nodes.csv,edges.csv}?code=…&level=…&relationTypes=…&on=…&limit=…
- /export/path.{gexf,graphml,nodes.csv,edges.csv}?fromId=…&toId=…&maxLength=…&relationTypes=…
- /export/organizations.csv?kinds=…&families=…&territoryCode=…&territoryLevel=…&text=…&first=…&after=…
- /export/partners-near.csv?communeCode=…|latitude=…&longitude=…|organizationId=…&radiusKm=…&kinds=…&first=…
- /export/organizations/{slug}.jsonld

CSV is UTF-8 with a byte-order mark, comma-separated unless `delimiter=semicolon`. A list export is one page, as
the field answers it (`first` up to 100): the next page's URL is in the `Link` header (rel="next").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from neo4j import AsyncDriver
from neo4j.exceptions import ServiceUnavailable
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from graphdir.api.exports import arguments as args
from graphdir.api.exports.graph import ExportGraph, network_graph, path_graph, territory_graph
from graphdir.api.exports.graph_files import edges_csv, gexf, graphml, nodes_csv
from graphdir.api.exports.jsonld import MEDIA_TYPE, organization_jsonld
from graphdir.api.exports.tables import delimiter_of, near_csv, organizations_csv
from graphdir.api.organizations.loaders import organization_order
from graphdir.api.partners.types import NEAR_ORDER
from graphdir.api.relay import cursors, page_request
from graphdir.config import Settings
from graphdir.db.reader import Reader
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.common.paging import PageRequest
from graphdir.domain.network.service import DEFAULT_DEPTH, DEFAULT_LIMIT, DEFAULT_PATH
from graphdir.domain.organizations.service import OrganizationService
from graphdir.domain.partners.service import PartnersService

GRAPH_FORMATS: dict[str, tuple[str, Callable[[ExportGraph, str], bytes]]] = {
    "gexf": ("application/gexf+xml", lambda graph, _: gexf(graph)),
    "graphml": ("application/graphml+xml", lambda graph, _: graphml(graph)),
    "nodes.csv": ("text/csv; charset=utf-8", nodes_csv),
    "edges.csv": ("text/csv; charset=utf-8", edges_csv),
}
CSV = "text/csv; charset=utf-8"
# The memberships a JSON-LD document lists, each way.
JSONLD_MEMBERSHIPS = 100


def _error(status: int, message: str, argument: str | None = None) -> JSONResponse:
    extensions: dict[str, Any] = {"code": "BAD_USER_INPUT" if status == 400 else "NOT_FOUND"}
    if argument:
        extensions["argument"] = argument
    return JSONResponse({"errors": [{"message": message, "extensions": extensions}]}, status_code=status)


def _file(body: bytes, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


def _graph_format(request: Request) -> tuple[str, Callable[[ExportGraph, str], bytes]]:
    fmt = request.path_params["fmt"]
    if fmt not in GRAPH_FORMATS:
        raise InvalidArgument("format", f"must be one of {', '.join(GRAPH_FORMATS)}")
    return GRAPH_FORMATS[fmt]


def _next_link(request: Request, cursor: str | None) -> dict[str, str]:
    if cursor is None:
        return {}
    return {"link": f'<{request.url.include_query_params(after=cursor)}>; rel="next"'}


def export_routes(driver: Callable[[], AsyncDriver], settings: Settings) -> list[BaseRoute]:
    def reader() -> Reader:
        return Reader(driver(), settings.neo4j_database, settings.request_timeout)

    def handler(work: Callable[[Request, Reader], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            try:
                response: Response = await work(request, reader())
                return response
            except InvalidArgument as exc:
                return _error(400, str(exc), exc.argument)
            except ServiceUnavailable:
                return JSONResponse({"errors": [{"message": "the database is unavailable",
                                                 "extensions": {"code": "SERVICE_UNAVAILABLE"}}]},
                                    status_code=503, headers={"retry-after": "5"})
        return endpoint

    async def network(request: Request, db: Reader) -> Response:
        media_type, write = _graph_format(request)
        params = request.query_params
        center_type, center_id = args.node_id(params, "centerId")
        graph = await network_graph(db, center_type, center_id, depth=args.integer(params, "depth", DEFAULT_DEPTH),
                                    relations=args.relations(params), on=args.day(params, "on"),
                                    limit=args.integer(params, "limit", DEFAULT_LIMIT))
        delimiter = delimiter_of(params.get("delimiter"))
        return _file(write(graph, delimiter), media_type, f"network.{request.path_params['fmt']}")

    async def territory_network(request: Request, db: Reader) -> Response:
        media_type, write = _graph_format(request)
        params = request.query_params
        graph = await territory_graph(db, args.required(params, "code"), args.level(params, "level"),
                                      relations=args.relations(params), on=args.day(params, "on"),
                                      limit=args.integer(params, "limit", DEFAULT_LIMIT))
        if graph is None:
            return _error(404, "no territory has this code (and level)")
        delimiter = delimiter_of(params.get("delimiter"))
        return _file(write(graph, delimiter), media_type, f"territory-network.{request.path_params['fmt']}")

    async def path(request: Request, db: Reader) -> Response:
        media_type, write = _graph_format(request)
        params = request.query_params
        graph = await path_graph(db, args.node_id(params, "fromId"), args.node_id(params, "toId"),
                                 max_length=args.integer(params, "maxLength", DEFAULT_PATH),
                                 relations=args.relations(params))
        if graph is None:
            return _error(404, "no path joins these nodes within maxLength")
        delimiter = delimiter_of(params.get("delimiter"))
        return _file(write(graph, delimiter), media_type, f"path.{request.path_params['fmt']}")

    async def organizations(request: Request, db: Reader) -> Response:
        params = request.query_params
        delimiter = delimiter_of(params.get("delimiter"))
        order = "NAME"
        page_order = organization_order(order)
        page: PageRequest = page_request(args.optional_integer(params, "first"), args.text(params, "after"),
                                         order=page_order, arity=2)
        service = OrganizationService(db)
        criteria = await service.criteria(kinds=args.kinds(params), families=args.families(params),
                                          territory_code=args.text(params, "territoryCode"),
                                          territory_level=args.level(params, "territoryLevel"),
                                          text=args.text(params, "text"), on=args.day(params, "on"))
        found = await service.page(criteria, order, page)
        last = cursors(found, page_order)[-1] if found.has_next and found.rows else None
        response = _file(organizations_csv(found.rows, delimiter), CSV, "organizations.csv")
        response.headers.update(_next_link(request, last))
        return response

    async def partners_near(request: Request, db: Reader) -> Response:
        params = request.query_params
        delimiter = delimiter_of(params.get("delimiter"))
        radius = args.number(params, "radiusKm")
        if radius is None:
            raise InvalidArgument("radiusKm", "is required")
        page = page_request(args.optional_integer(params, "first"), args.text(params, "after"), order=NEAR_ORDER,
                            arity=3)
        service = OrganizationService(db)
        criteria = await service.criteria(kinds=args.kinds(params), families=args.families(params),
                                          territory_code=args.text(params, "territoryCode"),
                                          territory_level=args.level(params, "territoryLevel"))
        found = await PartnersService(db).near(args.origin(params), radius, criteria, page)
        last = cursors(found.page, NEAR_ORDER)[-1] if found.page.has_next and found.page.rows else None
        response = _file(near_csv(found.page.rows, delimiter), CSV, "partners-near.csv")
        response.headers.update(_next_link(request, last))
        return response

    async def organization(request: Request, db: Reader) -> Response:
        slug = request.path_params["slug"]
        service = OrganizationService(db)
        org = await service.by_slug(slug)
        if org is None:
            return _error(404, f"no organization has the slug {slug!r}")
        memberships = PageRequest(size=JSONLD_MEMBERSHIPS)
        member_of = (await service.member_of([org.id], None, memberships)).get(org.id)
        members = (await service.members([org.id], None, memberships)).get(org.id)
        base = str(request.base_url).rstrip("/")
        document = organization_jsonld(org, member_of.rows if member_of else [], members.rows if members else [], base)
        return Response(json.dumps(document, ensure_ascii=False, indent=2), media_type=MEDIA_TYPE)

    return [
        Route("/export/network.{fmt}", handler(network), methods=["GET"]),
        Route("/export/territory-network.{fmt}", handler(territory_network), methods=["GET"]),
        Route("/export/path.{fmt}", handler(path), methods=["GET"]),
        Route("/export/organizations.csv", handler(organizations), methods=["GET"]),
        Route("/export/partners-near.csv", handler(partners_near), methods=["GET"]),
        Route("/export/organizations/{slug}.jsonld", handler(organization), methods=["GET"]),
    ]
