"""The `events` question: every event that passes a filter, with all its fields and its actors.

`ask events`, every export and the HTML view call `events()`, with the one filter type of every
question (`diplograph.queries.filters.EventFilter`).

Actors are named as in `diplograph.graph.lookup.lookup_key`: an ISO3 code ("KGZ"), an actor id
("person:xi-jinping") or a label or alias ("Xi Jinping", case ignored).

The templates (`sparql/events.rq`, `cypher/events.cypher`) return each event in parts, one row for
the event's own fields and one per actor and per PLOVER context, so no backend has to aggregate
strings and every value keeps its type; the parts are put together here, as the read side's
one event type (`diplograph.graph.records.EventRecord`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from diplograph.graph.records import EventActor, EventRecord
from diplograph.graph.stores import Store
from diplograph.queries.filters import EventFilter, chosen
from diplograph.queries.templates import run

__all__ = ["EventActor", "EventFilter", "EventRecord", "assemble", "events"]


#: Columns of an EventRecord taken from the "event" part row as they are.
_EVENT_COLUMNS = tuple(f.name for f in fields(EventRecord)
                       if f.name not in ("id", "span", "plover_context", "mention_sentences",
                                         "source", "target"))


def events(store: Store, filters: EventFilter | None = None, **keywords: Any) -> list[EventRecord]:
    """Events that pass `filters` (or the same filters as keywords), oldest first, undated last.

    >>> import tempfile
    >>> from diplograph.graph.stores import open_store
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     events(store, actor="KGZ", plover_types="CONSULT", since="2017")
    []

    Raises:
        QueryError: for a filter value that is not valid (see `EventFilter.params`), or both
            `filters` and keywords.
    """
    rows = run(store, "events", chosen(filters, **keywords).params())
    return assemble(rows)


def assemble(rows: Iterable[dict[str, Any]]) -> list[EventRecord]:
    """Put the part rows of the `events` templates together, one record per event."""
    heads: dict[str, dict[str, Any]] = {}
    sides: dict[str, dict[str, dict[str, EventActor]]] = {}
    contexts: dict[str, set[str]] = {}
    mentions: dict[str, set[int]] = {}
    for row in rows:
        event_id, part = row["event_id"], row["part"]
        if part == "event":
            heads[event_id] = row
        elif part == "context":
            contexts.setdefault(event_id, set()).add(row["context"])
        elif part == "mention":
            mentions.setdefault(event_id, set()).add(row["mention"])
        else:
            actor = EventActor(row["actor_id"], row["actor_name"], row["actor_type"],
                               row["actor_country"])
            side = sides.setdefault(event_id, {"source": {}, "target": {}})[part]
            side.setdefault(actor.id, actor)
    records = []
    for event_id, head in heads.items():
        side = sides.get(event_id, {"source": {}, "target": {}})
        records.append(EventRecord(
            id=event_id, span=(head["span_start"], head["span_end"]),
            plover_context=tuple(sorted(contexts.get(event_id, ()))),
            mention_sentences=tuple(sorted(mentions.get(event_id, ()))),
            source=tuple(side["source"][k] for k in sorted(side["source"])),
            target=tuple(side["target"][k] for k in sorted(side["target"])),
            **{name: head[name] for name in _EVENT_COLUMNS}))
    return sorted(records, key=lambda r: (r.date is None, r.date or "", r.id))
