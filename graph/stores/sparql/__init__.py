"""Remote SPARQL 1.1 servers as a backend (`store.SparqlStore`): Fuseki, ``oxigraph serve``, any
endpoint that speaks the SPARQL 1.1 Protocol, Update and Graph Store Protocol.

The RDF is the embedded store's (`diplograph.graph.rdf`, and its rollup layout); what is this
backend's own lives here: where a server's endpoints are (`endpoints`), HTTP with retries and
plain errors (`client`), parameters written in as RDF terms (`binding`). requests is imported
only when the store is used.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "SparqlStore":
        from diplograph.graph.stores.sparql.store import SparqlStore

        return SparqlStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
