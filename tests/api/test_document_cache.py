"""The cache of parsed and validated documents (graphdir.api.document_cache): bounded by the size of its texts."""

from __future__ import annotations

from graphql import DocumentNode, GraphQLError, parse

from graphdir.api.document_cache import DocumentCache


def test_a_document_is_parsed_once_and_the_least_recently_used_are_forgotten_past_the_size() -> None:
    cache = DocumentCache(max_text_chars=100, max_document_chars=40)
    parsed: list[str] = []

    def parse_text(text: str) -> DocumentNode:
        parsed.append(text)
        return parse(text)

    first, second, third = ("{ a }" + " " * 35), ("{ b }" + " " * 35), ("{ c }" + " " * 35)
    assert cache.document(first, parse_text) is cache.document(first, parse_text)
    cache.document(second, parse_text)
    cache.document(first, parse_text)  # now the most recently used
    cache.document(third, parse_text)  # 120 characters: `second` goes
    assert parsed == [first, second, third]
    assert first in cache and third in cache and second not in cache
    assert cache.text_chars == 80


def test_a_document_over_the_size_is_parsed_each_time() -> None:
    cache = DocumentCache(max_text_chars=100, max_document_chars=10)
    large = "{ __typename }"
    assert cache.document(large, parse) is not cache.document(large, parse)
    assert len(cache) == 0 and cache.text_chars == 0


def test_validation_is_kept_with_its_document_and_per_set_of_rules() -> None:
    cache = DocumentCache()
    text = "{ a }"
    document = cache.document(text, parse)
    runs: list[int] = []

    def validate() -> list[GraphQLError]:
        runs.append(1)
        return [GraphQLError("no a")]

    assert cache.errors(text, document, (int,), validate) is cache.errors(text, document, (int,), validate)
    cache.errors(text, document, (str,), validate)
    assert len(runs) == 2
    # Another tree of the same text (parsed while the cache had forgotten it) is validated, not given stale errors.
    cache.errors(text, parse(text), (int,), validate)
    assert len(runs) == 3
