"""One cache of parsed documents and their validation, bounded by the size of the texts it holds.

A parsed document keeps every token of its text (graphql-core links them for error locations): about 120 bytes per
character of a dense document (bench/memory.py measured 500 KB for 4,096 characters of one-character tokens), so
counting entries bounds nothing: 512 such entries are 250 MB. This cache holds documents of at most
MAX_DOCUMENT_CHARS characters, MAX_TEXT_CHARS characters in all (its trees then take at most ~60 MB, whatever is
sent), and forgets the least recently used first. The validation errors of a document are kept in its entry, so
the two cannot hold different documents, and so is what extensions derive from the document alone (`derived`): the
visits of a whole document cost about 0.3 ms each, per request, for the same text.

Larger documents are parsed and validated each time (a few milliseconds).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

T = TypeVar("T")

MAX_DOCUMENT_CHARS = 4096
MAX_TEXT_CHARS = 512 * 1024


@dataclass
class _Entry:
    document: DocumentNode
    # Per set of validation rules (the same for every request of a schema).
    errors: dict[tuple[Any, ...], list[GraphQLError]] = field(default_factory=dict)
    # What an extension computed from the document alone, by the extension's name.
    derived: dict[str, Any] = field(default_factory=dict)


class DocumentCache:
    def __init__(self, max_text_chars: int = MAX_TEXT_CHARS, max_document_chars: int = MAX_DOCUMENT_CHARS) -> None:
        self.max_text_chars = max_text_chars
        self.max_document_chars = max_document_chars
        self.text_chars = 0
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, text: object) -> bool:
        return text in self._entries

    def document(self, text: str, parse_text: Callable[[str], DocumentNode]) -> DocumentNode:
        entry = self._entries.get(text)
        if entry is not None:
            self._entries.move_to_end(text)
            return entry.document
        document = parse_text(text)  # a syntax error is raised, never cached
        if len(text) <= self.max_document_chars:
            self._entries[text] = _Entry(document)
            self.text_chars += len(text)
            while self.text_chars > self.max_text_chars:
                evicted, _ = self._entries.popitem(last=False)
                self.text_chars -= len(evicted)
        return document

    def errors(self, text: str, document: DocumentNode, rules: tuple[Any, ...],
               validate: Callable[[], list[GraphQLError]]) -> list[GraphQLError]:
        entry = self._entries.get(text)
        if entry is None or entry.document is not document:  # not cached, or parsed again since
            return validate()
        if rules not in entry.errors:
            entry.errors[rules] = validate()
        return entry.errors[rules]

    def derived(self, text: str | None, document: DocumentNode, name: str, compute: Callable[[DocumentNode], T]) -> T:
        """`compute(document)`, kept with the document's entry under `name` (computed each time when not cached)."""
        entry = self._entries.get(text) if text is not None else None
        if entry is None or entry.document is not document:
            return compute(document)
        if name not in entry.derived:
            entry.derived[name] = compute(document)
        return cast(T, entry.derived[name])


# The process's cache, shared by every request.
documents = DocumentCache()


class CachedDocuments(SchemaExtension):
    """Parsing and validation through `documents` (Strawberry's ParserCache and ValidationCache count entries)."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            options = context.parse_options
            context.graphql_document = documents.document(context.query, lambda text: parse(text, **options))
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.query is not None and document is not None:
            rules = tuple(context.validation_rules)
            context.pre_execution_errors = documents.errors(
                context.query, document, rules,
                lambda: validate_document(context.schema._schema, document, context.validation_rules))
        yield
