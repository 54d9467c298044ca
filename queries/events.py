"""The `events` question: every event that passes a filter, with all its fields and its actors.

This is the one place event filters live. `ask events`, every export and the HTML view call
`events()`, so a filter means the same thing everywhere: who (an actor, and optionally the
counterpart on the other side), what (PLOVER types, CAMEO codes or roots, QuadClasses), when
(`since`/`until`, inclusive, at any ISO precision), and whether events that did not happen count
(negated, future and hypothetical events are left out unless `include_all`).

Actors are named as in `diplograph.graph.lookup.lookup_key`: an ISO3 code ("KGZ"), an actor id
("person:xi-jinping") or a label or alias ("Xi Jinping", case ignored).

The templates (`sparql/events.rq`, `cypher/events.cypher`) return each event in parts, one row for
the event's own fields and one per actor and per PLOVER context, so no backend has to aggregate
strings and every value keeps its type; the parts are put together here.

>>> EventFilter(plover_types="consult, aid", quad_classes=[1]).params()["types"]
'|CONSULT|AID|'
>>> EventFilter(cameo=["42", "17"]).params()["cameo"]
'|042|17|'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph import codes
from diplograph.graph.lookup import lookup_key
from diplograph.graph.records import EventActor, EventRecord
from diplograph.graph.stores import RollupFilter, Store
from diplograph.queries.questions import date_bound
from diplograph.queries.templates import load


def _words(value: str | Iterable[Any] | None) -> list[str]:
    """Filter values given as a list, comma-separated, or both (as a command line gives them).

    >>> _words(("CONSULT,aid", "AGREE")), _words("04"), _words([1, 3])
    (['CONSULT', 'aid', 'AGREE'], ['04'], ['1', '3'])
    """
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    return [word.strip() for item in items for word in str(item).split(",") if word.strip()]


@dataclass(frozen=True)
class EventFilter:
    """Which events to keep; every field left at its default keeps everything.

    Attributes:
        actor: an actor on either side of the event (only the source side when `directed`).
        counterpart: with `actor`, an actor on the other side.
        directed: the actor must be the source (and the counterpart the target).
        plover_types: PLOVER types, any letter case ("consult", "AID").
        cameo: CAMEO codes or roots ("04" keeps 040-0461, "042" only visits); a dropped leading
            zero is forgiven ("42" is 042).
        quad_classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
            4 material conflict.
        since: earliest date, inclusive; an event counts when its whole date period lies inside
            the bounds, so a bound leaves out undated events and ones dated more coarsely.
        until: latest date, inclusive ("2017" keeps all of 2017).
        include_all: keep negated, future and hypothetical events too.
    """

    actor: str | None = None
    counterpart: str | None = None
    directed: bool = False
    plover_types: str | Iterable[str] | None = ()
    cameo: str | Iterable[str] | None = ()
    quad_classes: str | Iterable[int | str] | None = ()
    since: str | None = None
    until: str | None = None
    include_all: bool = False

    def params(self) -> dict[str, Any]:
        """The template parameters, every value checked; lists travel as '|a|b|' strings.

        Raises:
            QueryError: for an unknown PLOVER type, CAMEO code or QuadClass, a malformed date,
                a counterpart without an actor, or `since` after `until`.
        """
        if self.counterpart and not self.actor:
            raise QueryError("a counterpart needs an actor: give the actor too "
                             "(for example actor='KGZ', counterpart='CHN')")
        types = [codes.plover_type(t).type for t in _words(self.plover_types)]
        cameo = [codes.cameo(c).code for c in _words(self.cameo)]
        quads = []
        for q in _words(self.quad_classes):
            if q not in {str(n) for n in codes.QUAD_CLASSES}:
                raise QueryError(f"unknown QuadClass {q!r}: choose 1 (verbal cooperation), "
                                 "2 (material cooperation), 3 (verbal conflict) or "
                                 "4 (material conflict)")
            quads.append(q)
        since = date_bound(self.since, "since", first=True)
        until = date_bound(self.until, "until", first=False)
        if since and until and since > until:
            raise QueryError(f"since ({self.since}) is after until ({self.until}); swap them")
        return {
            "actor_key": lookup_key(self.actor) if self.actor else "",
            "counterpart_key": lookup_key(self.counterpart) if self.counterpart else "",
            "directed": bool(self.directed),
            "types": _joined(types), "cameo": _joined(cameo), "quad_classes": _joined(quads),
            "since": since, "until": until, "include_all": bool(self.include_all),
        }

    def rollup_filter(self) -> RollupFilter:
        """The filter a store's rollup reads take: dates at month precision, values checked.

        Raises:
            QueryError: as `params`.
        """
        values = self.params()
        return RollupFilter(
            since=values["since"][:7], until=values["until"][:7],
            plover_types=tuple(_listed(values["types"])), cameo=tuple(_listed(values["cameo"])),
            quad_classes=tuple(int(q) for q in _listed(values["quad_classes"])),
            include_all=values["include_all"])

    def describe(self) -> str:
        """The filters in a few words, for titles: "KGZ and CHN, CONSULT, 2019 to 2020".

        >>> EventFilter(actor="KGZ", counterpart="CHN", directed=True, since="2019").describe()
        'KGZ to CHN, from 2019'
        >>> EventFilter().describe()
        'all events'
        """
        words = []
        if self.actor:
            link = " to " if self.directed else " and "
            words.append(self.actor + (link + self.counterpart if self.counterpart else ""))
        for label, values in (("", self.plover_types), ("CAMEO ", self.cameo),
                              ("QuadClass ", self.quad_classes)):
            if _words(values):
                words.append(label + "/".join(w.upper() for w in _words(values)))
        if self.since and self.until:
            words.append(f"{self.since} to {self.until}")
        elif self.since or self.until:
            words.append(f"from {self.since}" if self.since else f"until {self.until}")
        if self.include_all:
            words.append("negated and unrealised included")
        return ", ".join(words) or "all events"


def _listed(joined: str) -> list[str]:
    return [value for value in joined.split("|") if value]


def _joined(values: list[str]) -> str:
    return "|" + "|".join(dict.fromkeys(values)) + "|" if values else ""


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
    if filters is not None and keywords:
        raise QueryError("give either an EventFilter or filter keywords, not both")
    try:
        chosen = filters or EventFilter(**keywords)
    except TypeError as err:
        names = ", ".join(f.name for f in fields(EventFilter))
        raise QueryError(f"{err}; the event filters are {names}") from err
    template = load("events", store.language)
    rows = store.query(template.text, template.bind(chosen.params()))
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
