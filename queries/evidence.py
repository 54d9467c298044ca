"""`ask evidence EVENT_ID`: the article, sentence and words an event was read from.

A coded event is a claim about a text; before citing it, a researcher wants to see that text. The
record names the article (with where it was read from), the sentence and its index, the
character span of the trigger in the article and the words it covers, how the event's date was
found (`date_basis`: written in the sentence, carried from earlier in the article, or only the
publication date) and the other sentences of the same article that tell the same event.

The stores keep each event's sentence but not the whole article text, so the span's text is the
trigger: the extractor's span is exactly its trigger token (`Event.span`), and `span_text` is
what `article_text[span_start:span_end]` gives.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.stores import Store
from diplograph.graph.vocab import resource_iri
from diplograph.queries.templates import run


@dataclass(frozen=True)
class EvidenceRecord:
    """Where one event comes from.

    Attributes:
        mention_sentences: indexes of the other sentences of the article that tell the same
            event and were merged into it (`Event.mention_sentences`), in order; the event's
            own sentence is `sentence_index`.
        story_key: what reports of one story share across articles (diplograph.ingest.dedupe),
            so the same event reported elsewhere can be found.
    """

    event_id: str
    article_id: str
    article_title: str | None
    article_url: str | None
    article_date: str | None
    article_origin: str | None
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    span_text: str
    trigger: str
    predicate: str
    plover_type: str
    cameo_code: str
    date: str | None
    date_basis: str | None
    mention_sentences: tuple[int, ...]
    story_key: str | None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        out["mention_sentences"] = list(self.mention_sentences)
        return out


def evidence(store: Store, event_id: str) -> EvidenceRecord:
    """The provenance of event `event_id` (an id from `ask events`, `extract` or an export).

    >>> import tempfile
    >>> from diplograph.graph.stores import open_store
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     evidence(store, "e0123")
    Traceback (most recent call last):
    ...
    diplograph.errors.QueryError: no event with id 'e0123' in the store; ...

    Raises:
        QueryError: when no event has that id.
    """
    event_id = event_id.strip()
    rows = run(store, "evidence", {"event_id": event_id,
                                   "event_iri": resource_iri("event", event_id)})
    if not rows:
        raise QueryError(f"no event with id {event_id!r} in the store; event ids come from "
                         "`diplograph ask events` or `diplograph extract` (field id)")
    head = rows[0]
    return EvidenceRecord(
        event_id=head["event_id"], article_id=head["article_id"],
        article_title=head["article_title"], article_url=head["article_url"],
        article_date=head["article_date"], article_origin=head["article_origin"],
        sentence_index=head["sentence_index"], sentence=head["sentence"],
        span=(head["span_start"], head["span_end"]), span_text=head["trigger"],
        trigger=head["trigger"], predicate=head["predicate"], plover_type=head["plover_type"],
        cameo_code=head["cameo_code"], date=head["date"], date_basis=head["date_basis"],
        mention_sentences=tuple(sorted({r["mention"] for r in rows if r["mention"] is not None})),
        story_key=head["story_key"])
