"""`partners`: an actor's counterparts ranked by how much they deal with it, and in what tone.

The counts come from the store's rollup (`Store.partner_counts`): for every pair of lookup
keys that holds the actor's key, how many events ran each way, by QuadClass, with their
Goldstein sum. Counterparts are countries (`by="country"`: any actor of that country) or single
actors (`by="actor"`), and an actor never counts as its own partner. As everywhere, negated,
future and hypothetical events are left out unless `include_all`.

An event that runs both ways (a joint act, "A and B signed") counts once in `events` and in both
`events_out` and `events_in`.

>>> import tempfile
>>> from diplograph.graph.stores import open_store
>>> with open_store(tempfile.mkdtemp()) as store:
...     partners(store, "KGZ", sort="hostile")
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.codes import CONFLICT, COOPERATION
from diplograph.graph.lookup import lookup_key
from diplograph.graph.stores import PARTNER_KINDS, Store
from diplograph.graph.vocab import resource_iri
from diplograph.queries.filters import EventFilter, chosen
from diplograph.queries.templates import run

#: What a counterpart is for each `by`, as the start of its lookup key.
PREFIXES = PARTNER_KINDS
SORTS = ("events", "cooperative", "hostile")


@dataclass(frozen=True)
class PartnerRecord:
    """One counterpart and the events between it and the asked-about actor.

    `goldstein_sum` is the net tone (positive: cooperative); `cooperation` counts events of
    QuadClass 1 and 2, `conflict` of 3 and 4.
    """

    counterpart_key: str
    counterpart_id: str
    counterpart_name: str
    events: int
    events_out: int
    events_in: int
    goldstein_sum: float
    goldstein_mean: float | None
    cooperation: int
    conflict: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def partners(store: Store, actor: str, *, by: str = "country", sort: str = "events",
             top: int = 20, since: str | None = None, until: str | None = None,
             plover_types: str | Iterable[str] | None = (),
             cameo: str | Iterable[str] | None = (),
             quad_classes: str | Iterable[int | str] | None = (),
             include_all: bool = False, origins: str | Iterable[str] | None = (),
             filters: EventFilter | None = None) -> list[PartnerRecord]:
    """The `top` counterparts of `actor`, the busiest first or by net Goldstein.

    `sort` "events" ranks by number of events, "cooperative" by Goldstein sum from the highest,
    "hostile" from the lowest; ties go to the busier counterpart, then by key. Dates bound at
    month precision, as in `timeline`, and a bound leaves out events with no month.

    Raises:
        QueryError: for an unknown `by` or `sort`, a `top` below 1, or a bad filter value.
    """
    if by not in PREFIXES:
        raise QueryError(f"unknown partner kind {by!r}; choose one of {', '.join(PREFIXES)}")
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    if top < 1:
        raise QueryError(f"top must be at least 1, got {top}")
    asked = chosen(filters, plover_types=plover_types, cameo=cameo, quad_classes=quad_classes,
                   since=since, until=until, include_all=include_all,
                   origins=origins).rollup_filter()
    rows = store.partner_counts(lookup_key(actor), by, asked)
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        total = totals.setdefault(row.counterpart_key, {
            "events": 0, "out": 0, "in": 0, "both": 0, "goldstein": 0.0, "quads": [0] * 5})
        total["events"] += row.events
        total[row.direction] += row.events
        total["goldstein"] += row.goldstein_sum or 0.0
        total["quads"][row.quad_class] += row.events
    return [_record(key, _name(store, key), totals[key]) for key in _rank(totals, sort, top)]


def _rank(totals: dict[str, dict[str, Any]], sort: str, top: int) -> list[str]:
    """The `top` keys in `sort` order, ties broken by events, then by key: a name costs a query
    per counterpart, and keys sort nearly as names do (``country:CHN``, ``id:person:xi-jinping``).
    """
    def order(key: str) -> tuple[float, int, str]:
        total = totals[key]
        goldstein = round(total["goldstein"], 4)
        first = {"events": -total["events"], "cooperative": -goldstein, "hostile": goldstein}
        return first[sort], -total["events"], key

    return sorted(totals, key=order)[:top]


def _record(key: str, name: str, total: dict[str, Any]) -> PartnerRecord:
    events, goldstein = total["events"], round(total["goldstein"], 4)
    quads = total["quads"]
    return PartnerRecord(
        counterpart_key=key, counterpart_id=key.removeprefix("id:"),
        counterpart_name=name, events=events,
        events_out=total["out"] + total["both"], events_in=total["in"] + total["both"],
        goldstein_sum=goldstein, goldstein_mean=round(goldstein / events, 4) if events else None,
        cooperation=sum(quads[q] for q in COOPERATION),
        conflict=sum(quads[q] for q in CONFLICT))


def _name(store: Store, key: str) -> str:
    """The label the articles give the counterpart's actor (for a country, the state's own actor,
    ``country:CHN``), the smallest when they differ, as `ask actor` picks; else the id.

    Country names come from the store because `queries` may not import the gazetteer
    (`diplograph.ingest`); a country no article names as a state shows its ISO code.
    """
    actor_id = key.removeprefix("id:")
    rows = run(store, "actor_label", {"actor_id": actor_id,
                                      "actor_iri": resource_iri("actor", actor_id)})
    return next((row["name"] for row in rows if row["name"]), actor_id)
