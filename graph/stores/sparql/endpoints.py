"""Where a SPARQL server's three endpoints are, and how its default graph becomes the union.

Servers split SPARQL 1.1 into a query endpoint, an update endpoint and a Graph Store Protocol
endpoint, and name them differently. An address is taken as the dataset (or the query endpoint
itself) and the other two follow the layout of the server it names:

- a path, as Fuseki's ``http://host:3030/ds``: ``/ds/sparql``, ``/ds/update``, ``/ds/data``;
- no path, as ``oxigraph serve``'s ``http://host:7878``: ``/query``, ``/update``, ``/store``;

and ``--sparql-update`` / ``--gsp`` name any other layout.

The questions read the default graph as the union of all graphs, as the embedded store does.
``oxigraph serve`` does that per request (``union-default-graph``), told by the ``Server`` header
of its answer to a first ``ASK {}``; Fuseki needs its dataset set up so (TDB2 with
``tdb2:unionDefaultGraph``: a per-request ``default-graph-uri=urn:x-arq:UnionGraph`` hides the
named graphs), and GraphDB and Virtuoso read their default graph as the union already. The store
checks this when it opens.

>>> layout("http://127.0.0.1:3030/ds")
('http://127.0.0.1:3030/ds/sparql', 'http://127.0.0.1:3030/ds/update', 'http://127.0.0.1:3030/ds/data')
>>> layout("http://127.0.0.1:7878/query")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

_QUERY_NAMES = ("/sparql", "/query")


def layout(address: str) -> tuple[str, str, str]:
    """The query, update and Graph Store endpoints an address names by default."""
    base = address.rstrip("/")
    query = None
    for name in _QUERY_NAMES:
        if base.endswith(name):
            query, base = base, base[: -len(name)]
    if urlsplit(base).path.strip("/"):
        return query or base + "/sparql", base + "/update", base + "/data"
    return query or base + "/query", base + "/update", base + "/store"


def union_params(headers: Mapping[str, str]) -> dict[str, str]:
    """The query-string parameters that make a server's default graph the union of its graphs,
    from the headers of one of its answers (Oxigraph names itself in ``Server``)."""
    if headers.get("Server", "").startswith("Oxigraph"):
        return {"union-default-graph": ""}
    return {}
