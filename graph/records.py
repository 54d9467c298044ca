"""What a store gives back about an event: the read side's one event type.

`diplograph.graph.model.Event` is what the extractor writes: actors with every alias, role and
Wikidata id it found, a `Location` object, no article fields. `EventRecord` is what the stores
return when asked (`diplograph.queries.events`): each actor as the event's own article describes
it, the place flattened, and the article's title, date and address joined in. Two types because
the two sides hold different things: a store does not give back aliases or roles per event, and
an extractor has no stored article to join. The one conversion back, from a record to the model
(for the RDF of a backend that does not keep RDF), lives in that backend
(`diplograph.graph.stores.neo4j.store.event_quads`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class EventActor:
    """An actor of an event, as the event's own article describes it."""

    id: str
    name: str
    type: str
    country: str | None


@dataclass(frozen=True)
class EventRecord:
    """One event with every field the stores keep, its article, and its actors on each side.

    Field names follow `diplograph.graph.model.Event` (the `extract --format jsonl` contract);
    the location is flattened to `location_name`/`location_country`. Actors come sorted by id.
    """

    id: str
    article_id: str
    article_title: str | None
    article_date: str | None
    article_url: str | None
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    trigger: str
    predicate: str
    plover_type: str
    plover_mode: str | None
    plover_context: tuple[str, ...]
    cameo_code: str
    goldstein: float
    quad_class: int
    object: str | None
    date: str | None
    date_precision: str | None
    date_basis: str | None
    location_name: str | None
    location_country: str | None
    negated: bool
    modality: str
    confidence: float
    mention_sentences: tuple[int, ...]
    story_key: str | None
    source: tuple[EventActor, ...]
    target: tuple[EventActor, ...]
    #: The dataset the event came from (`diplograph.graph.model.ORIGINS`).
    origin: str = "extract"

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready nested dicts and lists."""
        out = asdict(self)
        out["span"] = list(self.span)
        out["plover_context"] = list(self.plover_context)
        out["mention_sentences"] = list(self.mention_sentences)
        return out
