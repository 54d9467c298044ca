"""`diplograph import`: event data researchers already hold, mapped onto the canonical model.

GDELT 1.0 and 2.0 event tables, ICEWS coded events, POLECAT (PLOVER) events, and diplograph's
own event JSONL (what `extract --format jsonl` printed, here or on another machine) become
`ArticleGraph`s, which the stores write through their bulk path
(`diplograph.graph.stores.bulk.write_bulk`).

This lives under `ingest`, not `graph`, because it is a way in, like the article readers: it
reads files, reports bad rows, and uses ingest's country dictionary to turn the country names
ICEWS and GDELT places give into ISO3 codes. `graph` stays free of any input format, and the
data flows one way: these readers -> `diplograph.graph.model` -> the stores.

Each imported record is its own article, ``<origin>-<the source's id>`` ("gdelt1-212050843"),
holding one event whose id is derived from the same two values, so importing a file again
replaces each record with itself (the same graph), and a killed import is finished by running
it again. The event keeps the dataset it came from (`Event.origin`) and the source's own id
(`Event.source_event_id`); the article keeps the source URL and the file and line it was read
from.

>>> sorted(FORMATS)
['events', 'gdelt1', 'gdelt2', 'icews', 'polecat']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from diplograph.errors import InputError
from diplograph.graph.model import ArticleGraph
from diplograph.ingest.imports import events, gdelt, icews, polecat
from diplograph.ingest.imports.tables import Reader
from diplograph.ingest.readers import Skip

#: Every format `diplograph import` reads, and the reader of one file in it.
FORMATS: dict[str, Callable[..., Reader]] = {
    "gdelt1": gdelt.read_gdelt1,
    "gdelt2": gdelt.read_gdelt2,
    "icews": icews.read_icews,
    "polecat": polecat.read_polecat,
    "events": events.read_events,
}


def read_records(fmt: str, paths: Sequence[str | Path], *, skipped: list[Skip],
                 mentions: Sequence[str | Path] = ()) -> Iterator[ArticleGraph]:
    """The articles of every file, in order; bad rows land in `skipped` as ``file:line: why``.

    `mentions` are GDELT 2.0 mention tables, joined to gdelt2 events for provenance.

    Raises:
        InputError: for an unknown format, mentions given to another format than gdelt2, or a
            file that cannot be read at all (missing, or not the format's columns).
    """
    if fmt not in FORMATS:
        raise InputError(fmt, f"unknown import format; choose one of {', '.join(FORMATS)}")
    if mentions and fmt != "gdelt2":
        raise InputError(fmt, "--mentions joins GDELT 2.0 mention tables; use it with gdelt2")
    options = {"mentions": mentions} if fmt == "gdelt2" else {}
    for path in paths:
        yield from FORMATS[fmt](Path(path), skipped=skipped, **options)
