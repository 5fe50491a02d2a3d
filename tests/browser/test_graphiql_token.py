"""Issue 14, item 6: GraphiQL sends a token from its Headers tab, and a first edit made there is written."""

from __future__ import annotations

import json
from typing import Any

from tests.api.editing import Tokens, tokens  # noqa: F401
from tests.browser.test_explorer import open_page

MUTATION = """mutation {
  createOrganization(input: {name: "Test API Edit GraphiQL", kind: ENTERPRISE, commune: "03095",
    source: {title: "Statuts", url: "https://example.org/statuts.pdf"}}) {
    organization { name version } userErrors { field code }
  }
}"""
# CodeMirror 5 editors keep their instance on their element: setting the text through it avoids the bracket
# completion that typing would trigger.
SET_EDITOR = """([selector, text]) => { document.querySelector(selector).CodeMirror.setValue(text); }"""


async def response_text(page: Any) -> str:
    text: str = await page.locator(".graphiql-response .CodeMirror").evaluate(
        "(element) => element.CodeMirror.getValue()")
    return text


async def test_graphiql_sends_the_token_of_its_headers_tab(browser: Any, server: str,
                                                           tokens: Tokens) -> None:  # noqa: F811
    page, watch = await open_page(browser, server)
    await page.goto(f"{server}/graphql")
    await page.locator(".graphiql-query-editor .CodeMirror").wait_for()
    await page.evaluate(SET_EDITOR, [".graphiql-query-editor .CodeMirror", MUTATION])

    await page.locator(".graphiql-execute-button").click()
    await page.wait_for_function("() => document.querySelector('.graphiql-response .CodeMirror')"
                                 ".CodeMirror.getValue().includes('UNAUTHENTICATED')")

    await page.locator(".graphiql-editor-tools button", has_text="Headers").click()
    await page.evaluate(SET_EDITOR, [".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror",
                                     json.dumps({"Authorization": f"Bearer {tokens.editor}"})])
    await page.locator(".graphiql-execute-button").click()
    await page.wait_for_function("() => document.querySelector('.graphiql-response .CodeMirror')"
                                 ".CodeMirror.getValue().includes('userErrors')")
    answer = json.loads(await response_text(page))
    assert answer["data"]["createOrganization"] == {
        "organization": {"name": "Test API Edit GraphiQL", "version": 1}, "userErrors": []}
    watch.check()
