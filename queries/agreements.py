"""`ask agreements`: what was agreed or signed, by whom, when and where.

An agreement is an event of PLOVER type AGREE (pledges, offers, intents to cooperate) or of CAMEO
code 057, "sign an agreement", whatever PLOVER type it carries (our code table reads 057 as
SUPPORT, yet a signing is the clearest agreement there is). Each such event is one record: nothing
is grouped, so two articles reporting one signing give two records, each with its own sentence.

The question is `diplograph.queries.events.events` asked twice, once per branch of that "or", so
the filters mean exactly what they mean everywhere and both backends give the same answer. The
caller's own type filters narrow the branches: a PLOVER type filter without AGREE leaves only
the signings of those types, a CAMEO filter outside root 05 leaves only AGREE events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from diplograph.graph.stores import Store
from diplograph.graph.records import EventActor, EventRecord
from diplograph.queries.events import events
from diplograph.queries.filters import EventFilter, chosen

AGREE = "AGREE"
SIGNED = "057"


@dataclass(frozen=True)
class AgreementRecord:
    """One agreement as one article reports it.

    Attributes:
        parties: every actor on either side, sources first, named as the event's article names
            them; a joint signing ("A and B signed") has only sources.
        what: what was agreed, when the sentence says (the event's object).
        signed: whether the text reports a signature (CAMEO 057) rather than a pledge or intent.
    """

    date: str | None
    parties: tuple[EventActor, ...]
    predicate: str
    what: str | None
    signed: bool
    place: str | None
    place_country: str | None
    plover_type: str
    cameo_code: str
    modality: str
    negated: bool
    article_id: str
    sentence: str
    event_id: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def agreements(store: Store, actor: str | None = None, counterpart: str | None = None, *,
               signed_only: bool = False, since: str | None = None, until: str | None = None,
               plover_types: str | Iterable[str] | None = (),
               cameo: str | Iterable[str] | None = (),
               quad_classes: str | Iterable[int | str] | None = (),
               include_all: bool = False,
               filters: EventFilter | None = None) -> list[AgreementRecord]:
    """Agreements with `actor` (and `counterpart`) as a party, oldest first, undated last.

    Actors and filters are those of `EventFilter`, given as `filters` or as keywords;
    `signed_only` keeps the signings alone.

    >>> import tempfile
    >>> from diplograph.graph.stores import open_store
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     agreements(store, "KGZ", signed_only=True, since="2017")
    []

    Raises:
        QueryError: for a filter value that is not valid (see `EventFilter`).
    """
    asked = chosen(filters, actor=actor, counterpart=counterpart, plover_types=plover_types,
                   cameo=cameo, quad_classes=quad_classes, since=since, until=until,
                   include_all=include_all)
    types, codes = asked.plover_types, asked.cameo
    found: dict[str, EventRecord] = {}
    if not signed_only and (not types or AGREE in types):
        for record in events(store, replace(asked, plover_types=AGREE)):
            found[record.id] = record
    signing_codes = [SIGNED if SIGNED.startswith(c) else c for c in codes
                     if SIGNED.startswith(c) or c.startswith(SIGNED)]
    if signing_codes or not codes:
        for record in events(store, replace(asked, cameo=signing_codes or SIGNED)):
            found[record.id] = record
    ordered = sorted(found.values(), key=lambda r: (r.date is None, r.date or "", r.id))
    return [_record(r) for r in ordered]


def _record(event: EventRecord) -> AgreementRecord:
    parties = {a.id: a for a in (*event.source, *event.target)}
    return AgreementRecord(
        date=event.date, parties=tuple(parties.values()), predicate=event.predicate,
        what=event.object, signed=event.cameo_code.startswith(SIGNED),
        place=event.location_name, place_country=event.location_country,
        plover_type=event.plover_type, cameo_code=event.cameo_code, modality=event.modality,
        negated=event.negated, article_id=event.article_id, sentence=event.sentence,
        event_id=event.id)
