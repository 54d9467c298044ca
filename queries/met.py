"""`ask met`: whom an actor met, visited or hosted (PLOVER CONSULT), when and where.

Actors are named as in `diplograph.graph.lookup.lookup_key`: an ISO3 code ("KGZ", any actor of
that country or affiliated to it), an actor id ("person:xi-jinping"), or a label or alias matched
exactly but ignoring case ("xi jinping"). An actor is matched as the event's own article describes
it, so an alias or a country that only one article gives finds that article's events. By default
only events that happened count: negated, future and hypothetical ones are left out unless
`include_all=True`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from diplograph.graph.lookup import lookup_key
from diplograph.graph.stores import Store
from diplograph.queries.dates import date_bound
from diplograph.queries.templates import run


@dataclass(frozen=True)
class MetRecord:
    """One meeting: who the asked-about actor met, when, where, and the sentence that says so.

    `direction` is the asked-about actor's side of the event: "source" when it met (visited,
    received, ...) the counterpart, "target" when the counterpart met it.
    """

    date: str | None
    counterpart_id: str
    counterpart_name: str
    counterpart_country: str | None
    place: str | None
    place_country: str | None
    actor_id: str
    actor_name: str
    direction: str
    event_id: str
    article_id: str
    cameo_code: str
    modality: str
    negated: bool
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def met(store: Store, actor: str, since: str | None = None, until: str | None = None, *,
        include_all: bool = False) -> list[MetRecord]:
    """Who `actor` met (PLOVER CONSULT, either side), oldest first, undated last.

    `since`/`until` are ISO dates of any precision, inclusive: until="2017" keeps all of 2017. An
    event counts when its whole date period lies inside, so a bound leaves out undated events
    and those dated only more coarsely than the bound allows (a "2017" event for since="2017-06").

    One record per (event, counterpart): when several of the event's actors match (Kyrgyzstan and
    its president both meeting Xi), the one with the smallest id speaks for them.
    """
    rows = run(store, "met", {
        "key": lookup_key(actor),
        "since": date_bound(since, "since", first=True),
        "until": date_bound(until, "until", first=False),
        "include_all": include_all,
    })
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        slot = (row["event_id"], row["counterpart_id"])
        if slot not in chosen or row["actor_id"] < chosen[slot]["actor_id"]:
            chosen[slot] = row
    records = [MetRecord(**{f: row.get(f) for f in MetRecord.__dataclass_fields__})
               for row in chosen.values()]
    return sorted(records, key=lambda r: (r.date is None, r.date or "", r.event_id,
                                          r.counterpart_name))
