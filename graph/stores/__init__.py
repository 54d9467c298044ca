"""Stores behind one small interface, chosen from the store address.

A directory path is the embedded Oxigraph store; `bolt://` and `neo4j://` are Neo4j servers;
`http(s)://` is reserved for SPARQL 1.1 endpoints (not supported yet: a clear error says so). Each driver is imported only when its backend is chosen,
so `diplograph --help` never pays for neo4j or pyoxigraph.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from diplograph.errors import StoreError
from diplograph.graph.model import ArticleGraph

DEFAULT_STORE = "./diplograph-data"


@runtime_checkable
class Store(Protocol):
    """What every backend offers; queries in the backend's own language, parameters bound."""

    language: str  # "sparql" or "cypher"

    def write(self, batch: Iterable[ArticleGraph]) -> int:
        """Write articles, each replacing whatever that article wrote before; returns how many."""

    def delete_article(self, article_id: str) -> bool:
        """Remove everything an article contributed; True when there was something to remove."""

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query with bound parameters; rows as plain dicts of Python values."""

    def count(self) -> int:
        """A size measure for idempotence checks: quads (RDF) or nodes + relationships (Neo4j)."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def resolve_address(address: str | None) -> str:
    """The store address to use: the argument, else $DIPLOGRAPH_STORE, else ./diplograph-data."""
    return address or os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE


def open_store(address: str | None = None, **options: Any) -> Store:
    """Open the store an address names.

    >>> import tempfile
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     store.count()
    0
    """
    address = resolve_address(address)
    if address.startswith(("bolt://", "bolt+s://", "neo4j://", "neo4j+s://")):
        from diplograph.graph.stores.neo4j_store import Neo4jStore

        return Neo4jStore(address, **options)
    if address.startswith(("http://", "https://")):
        raise StoreError(
            f"remote SPARQL endpoints ({address}) are not supported yet; use a directory (the "
            "embedded store) or bolt://host:port (Neo4j), or load an export "
            "(diplograph export --format trig) into your endpoint")
    from diplograph.graph.stores.oxigraph_store import OxigraphStore

    return OxigraphStore(address, **options)
