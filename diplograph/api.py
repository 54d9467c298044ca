"""The small Python API the CLI is a shell over: read, extract, ingest, import.

>>> from diplograph.api import extract_text
>>> events = extract_text("Kyrgyz President Almazbek Atambayev met Chinese President Xi Jinping.")
>>> [(e.source[0].name, e.plover_type, e.target[0].name) for e in events]
[('Almazbek Atambayev', 'CONSULT', 'Xi Jinping')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from diplograph.graph.model import Article, ArticleGraph, Event
from diplograph.graph.stores import Store, open_store
from diplograph.ingest.imports.load import ImportSummary, import_files
from diplograph.ingest.pipeline import extract
from diplograph.ingest.readers import Skip, read_articles

__all__ = ["ImportSummary", "IngestSummary", "extract_files", "extract_text", "import_files",
           "ingest"]


def extract_text(text: str, date: str | None = None, coder: str = "rules") -> list[Event]:
    """Events of one text, for notebooks and quick checks."""
    [graph] = extract([Article(text=text, date=date)], coder=coder)
    return list(graph.events)


def extract_files(sources: Iterable[str | Path], *, date: str | None = None,
                  skipped: list[Skip] | None = None, batch_size: int = 64,
                  progress: bool = False,
                  actors: Sequence[str | Path] = (), coder: str = "rules"
                  ) -> Iterator[ArticleGraph]:
    """Read and extract a batch of inputs; problems with single inputs land in `skipped`.

    `actors` are dictionary files (PETRARCH/Phoenix or our CSV) whose entries override guesses;
    `coder` is "model" (the learned coder) or "rules".
    """
    articles = read_articles(sources, date=date, skipped=skipped)
    return extract(articles, batch_size=batch_size, progress=progress, actors=actors,
                   coder=coder)


@dataclass
class IngestSummary:
    """What an ingest did: counts for the summary line, and every input it had to skip."""

    store: str
    articles: int = 0
    events: int = 0
    skipped: list[Skip] = field(default_factory=list)


def ingest(sources: Iterable[str | Path], store: Store | str | None = None, *,
           date: str | None = None, batch_size: int = 64, write_batch: int = 200,
           progress: bool = False, actors: Sequence[str | Path] = (), coder: str = "rules",
           on_batch: Callable[[int], None] | None = None) -> IngestSummary:
    """Extract events from inputs and write them to a store, a batch of articles at a time.

    Each article replaces what it wrote before, so running the same ingest again leaves the store
    as it was, and an interrupted ingest is resumed by running it again.
    """
    owned = not isinstance(store, Store)
    target = store if isinstance(store, Store) else open_store(store)
    summary = IngestSummary(store=str(store) if owned else type(target).__name__)
    try:
        batch: list[ArticleGraph] = []
        for graph in extract_files(sources, date=date, skipped=summary.skipped,
                                   batch_size=batch_size, progress=progress, actors=actors,
                                   coder=coder):
            batch.append(graph)
            summary.articles += 1
            summary.events += len(graph.events)
            if len(batch) >= write_batch:
                target.write(batch)
                if on_batch:
                    on_batch(len(batch))
                batch = []
        if batch:
            target.write(batch)
    finally:
        if owned:
            target.close()
    return summary
