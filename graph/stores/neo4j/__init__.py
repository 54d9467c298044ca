"""The Neo4j backend: a Neo4j 5.26+ server over Bolt (`store.Neo4jStore`).

Everything Neo4j-specific lives here: the graph's shape and the rows a writer sends (`shape`),
the store with its Cypher (`store`), the rollup reads (`timeline.cypher`, `partners.cypher`) and
the files of a ``neo4j-admin`` import (`admin_import`). The driver is imported only when the
store is used, so an admin import needs no driver.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "Neo4jStore":
        from diplograph.graph.stores.neo4j.store import Neo4jStore

        return Neo4jStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
