"""Loading streams of articles: the bulk path where a backend has one, batches of `write` where
it does not.

`diplograph import` and large ingests call `write_bulk` here rather than a backend method, so a
backend without a bulk path (a new one, or the remote SPARQL store) still takes imports.

>>> import tempfile
>>> from diplograph.graph.model import Article, ArticleGraph
>>> from diplograph.graph.stores import open_store
>>> with open_store(tempfile.mkdtemp()) as store:
...     write_bulk(store, (ArticleGraph(Article("x", id=f"a{n}")) for n in range(3)))
3
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from diplograph.graph.model import ArticleGraph
from diplograph.graph.stores.protocol import BulkStore, Store

#: Articles per `write` call for a backend without a bulk path.
FALLBACK_BATCH = 1000


def write_bulk(store: Store, graphs: Iterable[ArticleGraph], *,
               on_written: Callable[[int], None] | None = None) -> int:
    """Write a stream of articles to `store`, each replacing what it wrote before; how many.

    `on_written` hears how many articles each step wrote (for a progress bar).
    """
    if isinstance(store, BulkStore):
        return store.write_bulk(graphs, on_written=on_written)
    written, batch = 0, []
    for ag in graphs:
        batch.append(ag)
        if len(batch) >= FALLBACK_BATCH:
            written += store.write(batch)
            if on_written:
                on_written(len(batch))
            batch = []
    if batch:
        written += store.write(batch)
        if on_written:
            on_written(len(batch))
    return written
