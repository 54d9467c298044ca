"""`import_files`: read event files of one format and write them to a store in bulk.

The CLI's ``diplograph import`` is a shell over this; it is also the Python API
(`diplograph.api.import_files`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from diplograph.graph.model import ArticleGraph
from diplograph.graph.stores import Store, open_store
from diplograph.graph.stores.bulk import write_bulk
from diplograph.ingest.imports import read_records
from diplograph.ingest.readers import Skip


@dataclass
class ImportSummary:
    """What an import did: counts for the summary line, and every row it had to skip."""

    store: str
    format: str
    articles: int = 0
    events: int = 0
    skipped: list[Skip] = field(default_factory=list)


def import_files(fmt: str, paths: Sequence[str | Path], store: Store | str | None = None, *,
                 mentions: Sequence[str | Path] = (), progress: bool = False) -> ImportSummary:
    r"""Import event files of format `fmt` (`diplograph.ingest.imports.FORMATS`) into a store.

    Every record replaces what it wrote before, so importing a file again leaves the store as
    it was, and a killed import is finished by running it again. Bad rows are skipped and
    listed in the summary (``file:line: reason``).

    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> from diplograph.ingest.imports.gdelt import GDELT1_COLUMNS
    >>> row = dict.fromkeys(GDELT1_COLUMNS, "") | {
    ...     "GLOBALEVENTID": "1", "SQLDATE": "20120801", "Actor1Code": "USA",
    ...     "Actor1CountryCode": "USA", "Actor2Code": "RUS", "Actor2CountryCode": "RUS",
    ...     "EventCode": "042", "QuadClass": "1", "GoldsteinScale": "1.9"}
    >>> _ = (folder / "e.tsv").write_text("\t".join(row.values()) + "\n")
    >>> summary = import_files("gdelt1", [folder / "e.tsv"], str(folder / "db"))
    >>> summary.events, summary.skipped
    (1, [])
    """
    owned = not isinstance(store, Store)
    target = store if isinstance(store, Store) else open_store(store)
    summary = ImportSummary(store=str(store) if owned else type(target).__name__, format=fmt)
    records = _counted(read_records(fmt, paths, skipped=summary.skipped, mentions=mentions),
                       summary)
    try:
        if progress:
            from tqdm import tqdm

            records = iter(tqdm(records, desc=f"import {fmt}", unit="ev", leave=False,
                                mininterval=0.5))
        write_bulk(target, records)
    finally:
        if owned:
            target.close()
    return summary


def _counted(graphs: Iterator[ArticleGraph], summary: ImportSummary) -> Iterator[ArticleGraph]:
    for graph in graphs:
        summary.articles += 1
        summary.events += len(graph.events)
        yield graph
