"""Exports for the tools researchers already use: Gephi, Cytoscape, Neo4j, pandas/R, RDF stores.

Everything starts from `diplograph.queries.events.events`, so an export takes the same filters
as `ask events`. Two views of the events (`diplograph.queries.graphs`): the actor graph
(`view="actors"`) and the event graph (`view="events"`).

Formats:

- `graphml`, `gexf`, `json` (networkx node-link, key "edges"), `cytoscape` (Cytoscape.js JSON):
  written by networkx. Attributes are flat and typed (int, float, bool, str; lists joined with
  "; "; missing values left out) so GraphML and GEXF read back with the same types.
- `csv`: to a path ending in ``.csv``, the events table alone (`EVENT_COLUMNS`, one row per event,
  GDELT-like); to any other path, a directory holding ``events.csv`` and a ``neo4j/`` folder of
  node and relationship files for ``neo4j-admin database import full``, in the shape
  the Neo4j backend keeps (`diplograph.graph.stores.write_neo4j_import`), so the imported
  database answers diplograph's own questions.
- `ttl`, `nt`, `nq`, `trig`, `jsonld`: RDF. From the embedded store these are the store's own
  quads: all of them when every event is asked for (`include_all` and no other filter: a
  lossless copy, affiliations and the timeline tallies included), else the statements about the
  chosen events (each event, its article, its place, its actors' descriptions and the direct
  actor-to-actor links it made; not the tallies, which count whole articles). From a store
  that keeps no RDF (Neo4j) the chosen events are mapped back through the RDF mapping, which
  gives the same statements except actor aliases, lookup keys from aliases or affiliations, and
  affiliations, which such a store does not return. TriG, N-Quads and JSON-LD keep one named
  graph per article; Turtle and N-Triples hold the union.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.errors import QueryError
from diplograph.graph.records import EventRecord
from diplograph.graph.stores import Store, write_neo4j_import
from diplograph.queries.events import events
from diplograph.queries.filters import EventFilter, chosen
from diplograph.queries.graphs import (
    GRAPH_FORMATS,
    LIST_SEPARATOR,
    actor_graph,
    edge_summary,
    event_graph,
    write_graph,
)

__all__ = ["EVENT_COLUMNS", "FORMATS", "ExportSummary", "actor_graph", "edge_summary",
           "event_graph", "event_row", "export_graph", "rdf_quads", "write_events_csv",
           "write_graph", "write_rdf"]

if TYPE_CHECKING:
    from pyoxigraph import Quad

VIEWS = ("actors", "events")
#: Our format names and the names `diplograph.graph.rdf.serialize` knows them by.
RDF_FORMATS = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig",
               "jsonld": "jsonld"}
FORMATS = (*GRAPH_FORMATS, "csv", *RDF_FORMATS, "html")

#: The events table: (column, meaning, nearest GDELT 2.0 event column or "").
EVENT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("event_id", "stable id of the event", "GlobalEventID"),
    ("date", "ISO date at the precision the text gives (YYYY, YYYY-MM or YYYY-MM-DD)", "Day"),
    ("date_precision", "day, month or year", ""),
    ("date_basis", "text: written in the sentence; context: carried from earlier in the article; "
                   "article: only the publication date", ""),
    ("month", "YYYY-MM, empty for undated or year-only events", "MonthYear"),
    ("year", "YYYY, empty for undated events", "Year"),
    ("source_ids", "actor ids on the source side, '; '-separated", "Actor1Code"),
    ("source_names", "their names as the article gives them", "Actor1Name"),
    ("source_countries", "their ISO 3166-1 alpha-3 (or IGO) codes", "Actor1CountryCode"),
    ("source_types", "person, country, organization, igo or group", "Actor1Type1Code"),
    ("target_ids", "actor ids on the target side", "Actor2Code"),
    ("target_names", "their names", "Actor2Name"),
    ("target_countries", "their country codes", "Actor2CountryCode"),
    ("target_types", "their actor types", "Actor2Type1Code"),
    ("cameo_code", "CAMEO event code, leading zeros kept", "EventCode"),
    ("cameo_base", "its first three digits", "EventBaseCode"),
    ("cameo_root", "its first two digits", "EventRootCode"),
    ("quad_class", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                   "4 material conflict", "QuadClass"),
    ("goldstein", "Goldstein score of the CAMEO code, -10 to 10", "GoldsteinScale"),
    ("plover_type", "PLOVER event type", ""),
    ("plover_mode", "PLOVER mode, when known", ""),
    ("plover_context", "PLOVER contexts, '; '-separated", ""),
    ("negated", "true when the text says it did not happen", ""),
    ("modality", "asserted, reported, future or hypothetical", ""),
    ("confidence", "the extractor's confidence, 0 to 1", ""),
    ("trigger", "the word(s) of the sentence that name the action", ""),
    ("predicate", "the normalised action", ""),
    ("object", "what was agreed, asked for, ..., when the text says", ""),
    ("location_name", "where it happened, when the text says", "ActionGeo_FullName"),
    ("location_country", "that place's country code", "ActionGeo_CountryCode"),
    ("article_id", "the article it was read from", ""),
    ("article_title", "that article's title", ""),
    ("article_date", "that article's publication date", ""),
    ("article_url", "that article's address", "SOURCEURL"),
    ("sentence_index", "index of the sentence in the article, from 0", ""),
    ("span_start", "character offset of the trigger in the article", ""),
    ("span_end", "character offset just past the trigger", ""),
    ("sentence", "the sentence that tells the event", ""),
    ("mention_sentences", "other sentences of the article telling the same event, '; '-separated",
     ""),
    ("story_key", "shared by reports of one story across articles", ""),
)


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: the files, how many events went in, and the size of the graph.

    `nodes`/`edges` count the graph view (0 for tables and RDF); `triples` counts RDF statements
    (quads for dataset formats); `command` is the neo4j-admin command for a CSV directory, to run
    in the ``neo4j/`` folder.
    """

    format: str
    paths: tuple[Path, ...]
    events: int
    nodes: int = 0
    edges: int = 0
    triples: int = 0
    seconds: float = 0.0
    command: tuple[str, ...] = ()


def export_graph(store: Store, fmt: str, path: str | Path, *, view: str = "actors",
                 filters: EventFilter | None = None, **keywords: Any) -> ExportSummary:
    """Write the events that pass the filters to `path` in format `fmt` (one of `FORMATS`).

    Filters are an `EventFilter` or its fields as keywords (actor="KGZ", since="2019", ...).

    Raises:
        QueryError: for an unknown format or view, or a filter value that is not valid.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if view not in VIEWS:
        raise QueryError(f"unknown view {view!r}; choose 'actors' or 'events'")
    started = time.perf_counter()
    asked = chosen(filters, **keywords)
    path = Path(path)
    if not path.parent.is_dir():
        raise QueryError(f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist")
    if fmt in RDF_FORMATS:
        everything = asked.params() == EventFilter(include_all=True).params()
        count, quads = rdf_quads(store, asked, everything=everything)
        triples = write_rdf(quads, fmt, path)
        return ExportSummary(fmt, (path,), count, triples=triples,
                             seconds=time.perf_counter() - started)
    records = events(store, asked)
    if fmt == "csv":
        if path.suffix.lower() == ".csv":
            write_events_csv(records, path)
            return ExportSummary(fmt, (path,), len(records), seconds=time.perf_counter() - started)
        if path.exists() and not path.is_dir():
            raise QueryError(f"{str(path)!r} is a file: name a directory for the events table "
                             "and the neo4j-admin files, or a *.csv file for the table alone")
        path.mkdir(exist_ok=True)
        write_events_csv(records, path / "events.csv")
        files, command = write_neo4j_import(records, path / "neo4j")
        return ExportSummary(fmt, (path / "events.csv", *files), len(records),
                             seconds=time.perf_counter() - started, command=command)
    if fmt == "html":
        from diplograph.queries.html import write_html

        graph = write_html(records, path, title=f"diplograph: {asked.describe()}")
    else:
        graph = actor_graph(records) if view == "actors" else event_graph(records)
        write_graph(graph, fmt, path)
    return ExportSummary(fmt, (path,), len(records), nodes=graph.number_of_nodes(),
                         edges=graph.number_of_edges(), seconds=time.perf_counter() - started)


def event_row(record: EventRecord) -> dict[str, Any]:
    """One events-table row (`EVENT_COLUMNS`), lists joined with "; "."""
    date = record.date
    has_month = bool(date) and record.date_precision in ("day", "month")

    def side(actors: Sequence[Any], attribute: str) -> str:
        return LIST_SEPARATOR.join(getattr(a, attribute) or "" for a in actors)

    return {
        "event_id": record.id, "date": date, "date_precision": record.date_precision,
        "date_basis": record.date_basis,
        "month": date[:7] if has_month else None, "year": date[:4] if date else None,
        "source_ids": side(record.source, "id"), "source_names": side(record.source, "name"),
        "source_countries": side(record.source, "country"),
        "source_types": side(record.source, "type"),
        "target_ids": side(record.target, "id"), "target_names": side(record.target, "name"),
        "target_countries": side(record.target, "country"),
        "target_types": side(record.target, "type"),
        "cameo_code": record.cameo_code, "cameo_base": record.cameo_code[:3],
        "cameo_root": record.cameo_code[:2], "quad_class": record.quad_class,
        "goldstein": record.goldstein, "plover_type": record.plover_type,
        "plover_mode": record.plover_mode,
        "plover_context": LIST_SEPARATOR.join(record.plover_context),
        "negated": str(record.negated).lower(), "modality": record.modality,
        "confidence": record.confidence, "trigger": record.trigger,
        "predicate": record.predicate, "object": record.object,
        "location_name": record.location_name, "location_country": record.location_country,
        "article_id": record.article_id, "article_title": record.article_title,
        "article_date": record.article_date, "article_url": record.article_url,
        "sentence_index": record.sentence_index, "span_start": record.span[0],
        "span_end": record.span[1], "sentence": record.sentence,
        "mention_sentences": LIST_SEPARATOR.join(map(str, record.mention_sentences)),
        "story_key": record.story_key,
    }


def write_events_csv(records: Iterable[EventRecord], path: Path) -> None:
    """The GDELT-like events table: a header of `EVENT_COLUMNS`, one row per event."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c[0] for c in EVENT_COLUMNS])
        writer.writeheader()
        writer.writerows(event_row(r) for r in records)


def rdf_quads(store: Store, filters: EventFilter, *,
              everything: bool) -> tuple[int, list[Quad]]:
    """How many events an RDF export holds, and its statements (see the module docstring)."""
    stored = store.stored_quads() if everything else None
    if stored is not None:
        from rdflib.namespace import RDF

        from diplograph.graph.vocab import SEM

        kind = (str(RDF.type), str(SEM.Event))
        return len({q.subject for q in stored
                    if (q.predicate.value, q.object.value) == kind}), stored
    records = events(store, filters)
    return len(records), store.event_quads(records)


def write_rdf(quads: Sequence[Quad], fmt: str, path: Path) -> int:
    """Serialise quads in one of `RDF_FORMATS`; returns the statements written.

    Dataset formats (TriG, N-Quads, JSON-LD) count quads; Turtle and N-Triples count the
    distinct triples of the union of the graphs.
    """
    from diplograph.graph.rdf import FORMATS, serialize

    name = RDF_FORMATS[fmt]
    path.write_bytes(serialize(quads, name))
    if FORMATS[name].supports_datasets:
        return len(set(quads))
    return len({q.triple for q in quads})
