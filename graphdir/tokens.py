"""`graphdir token create|list|revoke`: the API tokens admins hand out (graphdir.domain.accounts)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from graphdir.config import Settings
from graphdir.db.driver import connect
from graphdir.db.reader import Reader
from graphdir.db.writer import Writer
from graphdir.domain.accounts.records import TokenRecord
from graphdir.domain.accounts.service import AccountService
from graphdir.domain.common.errors import InvalidArgument
from graphdir.vocabulary import AccountRole, values

EXIT_USAGE = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    token = sub.add_parser("token", help="create, list or revoke API tokens",
                           description="API tokens are sent as `Authorization: Bearer <token>`. A token is shown "
                           "once, when created, and stored only as its SHA-256.")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a token and print it (once)")
    create.add_argument("--name", required=True, help="who or what holds it (unique), named in the history")
    create.add_argument("--role", required=True, choices=values(AccountRole))
    create.add_argument("--territory", action="append", default=[], metavar="ID",
                        help="with --role editor: a territory (graph id, e.g. region:84) it may edit inside; "
                        "repeat for several (none: anywhere)")
    actions.add_parser("list", help="list tokens (never their secrets)")
    revoke = actions.add_parser("revoke", help="revoke a token at once")
    revoke.add_argument("token", help="its id (tok-…) or name")
    return token


def run_token(settings: Settings, args: argparse.Namespace) -> int:
    return asyncio.run(_run(settings, args))


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    driver = await connect(settings)
    try:
        service = AccountService(Reader(driver, settings.neo4j_database),
                                 Writer(driver, settings.neo4j_database))
        if args.action == "create":
            try:
                issued = await service.issue(args.name, args.role, args.territory)
            except InvalidArgument as exc:
                print(f"graphdir: --{exc.argument}: {exc}", file=sys.stderr)
                return EXIT_USAGE
            print(_line(issued.record))
            print(issued.secret)
            print("(shown once: only its hash is kept)", file=sys.stderr)
        elif args.action == "list":
            for record in await service.all():
                print(_line(record))
        else:
            revoked = await service.revoke(args.token)
            if revoked is None:
                print(f"graphdir: no token {args.token!r}", file=sys.stderr)
                return 1
            print(_line(revoked))
    finally:
        await driver.close()
    return 0


def _line(record: TokenRecord) -> str:
    principal = record.principal
    scope = f" territories={','.join(principal.territories)}" if principal.territories else ""
    state = f" revoked {record.revoked_at:%Y-%m-%d %H:%M}" if record.revoked_at else ""
    return (f"{principal.id} name={principal.name!r} role={principal.role.value}{scope} "
            f"created {record.created_at:%Y-%m-%d %H:%M}{state}")
