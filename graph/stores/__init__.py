"""Stores behind one small interface, chosen from the store address.

A directory path is the embedded Oxigraph store; `bolt://` and `neo4j://` are Neo4j servers;
`http(s)://` is a SPARQL 1.1 server (Fuseki, ``oxigraph serve``, ...). Each backend is a
subpackage holding its own mapping (`oxigraph/`, `neo4j/`, `sparql/`), and its driver is imported
only when it is chosen, so `diplograph --help` never pays for neo4j, pyoxigraph or requests.

This module is the only door: the questions and exports import the `Store` protocol, its typed
values and the functions here, never a backend module.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from diplograph.graph.records import EventRecord
from diplograph.graph.stores.protocol import (
    PARTNER_KINDS,
    MonthCount,
    PartnerCount,
    RollupFilter,
    Store,
)

__all__ = ["DEFAULT_STORE", "PARTNER_KINDS", "SPARQL_ENDPOINTS", "MonthCount", "PartnerCount", "RollupFilter",
           "Store", "open_store", "resolve_address", "write_neo4j_import"]

DEFAULT_STORE = "./diplograph-data"
#: ``update_url`` and ``gsp_url`` for a SPARQL store opened without them: the CLI sets them from
#: ``--sparql-update`` and ``--gsp`` around a command, whose questions open the store by address.
SPARQL_ENDPOINTS: ContextVar[dict[str, str]] = ContextVar("SPARQL_ENDPOINTS", default={})


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
        from diplograph.graph.stores.neo4j.store import Neo4jStore

        return Neo4jStore(address, **options)
    if address.startswith(("http://", "https://")):
        from diplograph.graph.stores.sparql.store import SparqlStore

        return SparqlStore(address, **{**SPARQL_ENDPOINTS.get(), **options})
    from diplograph.graph.stores.oxigraph.store import OxigraphStore

    return OxigraphStore(address, **options)


def write_neo4j_import(records: Sequence[EventRecord], folder: Path) -> tuple[
        tuple[Path, ...], tuple[str, ...]]:
    """Files for ``neo4j-admin database import full`` holding `records` in the Neo4j backend's
    shape, and the command to run (`diplograph.graph.stores.neo4j.admin_import`)."""
    from diplograph.graph.stores.neo4j.admin_import import write_neo4j_import as write

    return write(records, folder)
