"""The embedded default backend: Oxigraph on a local directory (`store.OxigraphStore`).

Its RDF mapping is `diplograph.graph.rdf`, shared with every RDF backend (a remote SPARQL store
writes the same N-Quads) and with RDF exports; what is Oxigraph's own lives here: the store, its
rollup graph and how it is kept, and the SPARQL that reads that rollup (`timeline.rq`,
`partners.rq`). pyoxigraph is imported only when the store is used.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "OxigraphStore":
        from diplograph.graph.stores.oxigraph.store import OxigraphStore

        return OxigraphStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
