"""Canned questions: one function per question, the same answers from every backend.

Each question loads its template for the store's language (`sparql/<name>.rq` or
`cypher/<name>.cypher`), runs it with bound parameters, and turns the rows into plain frozen
records here, in Python, so the SPARQL and Cypher versions only have to return the same columns.

Actors are named as in `diplograph.graph.lookup.lookup_key`: an ISO3 code ("KGZ", any actor of
that country or affiliated to it), an actor id ("person:xi-jinping"), or a label or alias matched
exactly but ignoring case ("xi jinping"). An actor is matched as the event's own article describes
it, so an alias or a country that only one article gives finds that article's events. By default
only events that happened count: negated, future and hypothetical ones are left out unless
`include_all=True`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.codes import QUAD_CLASSES
from diplograph.graph.lookup import lookup_key
from diplograph.graph.model import check_date
from diplograph.graph.stores import MonthCount, Store
from diplograph.queries.templates import load

GRANULARITIES = ("month", "quarter", "year")


def run(store: Store, name: str, values: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows of template `name` in the store's own query language, given the parameters it declares.

    `values` may offer more than one backend's template needs (the SPARQL timeline reads a dyad
    IRI, a Cypher one may match the two keys instead); each template takes what it declares.
    """
    template = load(name, store.language)
    return store.query(template.text, template.bind(values or {}))


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


@dataclass(frozen=True)
class TimelineRow:
    """One period of the relation between two actors: a month ("2017-01"), a quarter
    ("2017-Q1") or a year ("2017"); `period` is None for the events with no month."""

    period: str | None
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    by_type: dict[str, int] = field(default_factory=dict)
    by_quad_class: dict[int, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Stats:
    """What is loaded. `size` is the backend's own measure: quads (RDF), nodes + edges (Neo4j)."""

    articles: int
    events: int
    actors: int
    size: int
    events_by_type: dict[str, int]
    first_date: str | None
    last_date: str | None

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


def timeline(store: Store, a: str, b: str, *, directed: bool = False,
             granularity: str = "month", since: str | None = None, until: str | None = None,
             plover_types: str | Iterable[str] | None = (),
             cameo: str | Iterable[str] | None = (),
             quad_classes: str | Iterable[int | str] | None = (),
             include_all: bool = False) -> list[TimelineRow]:
    """Period by period, what happened between `a` and `b`, read from the store's rollup.

    An event counts, once, when one of its (source, target) dyads (`Event.dyads`) runs from `a` to
    `b`, or (not `directed`) from `b` to `a`; a joint act of several sources with no target ("A and
    B signed") pairs every two of its sources, both ways. The filters are those of
    `diplograph.queries.events.EventFilter`: PLOVER types, CAMEO codes or roots, QuadClasses.

    Periods (`granularity` "month", "quarter" or "year") run without gaps from `since` (or the
    first event) to `until` (or the last), bounds taken at month precision. Events with no month
    (undated, or dated to the year only) cannot be placed, not even in a year, since the rollup
    keeps no year for them; they come last, as one row with `period` None, and only when no bound
    is given (no one can say whether they fall inside it).

    Raises:
        QueryError: for an unknown granularity or filter value, or `since` after `until`.
    """
    from diplograph.queries.events import EventFilter  # events imports this module

    if granularity not in GRANULARITIES:
        raise QueryError(f"unknown granularity {granularity!r}; choose one of "
                         f"{', '.join(GRANULARITIES)}")
    chosen = EventFilter(plover_types=plover_types, cameo=cameo, quad_classes=quad_classes,
                         since=since, until=until, include_all=include_all).rollup_filter()
    since_month, until_month = chosen.since, chosen.until
    periods: dict[str | None, list[MonthCount]] = {}
    for row in store.pair_months(lookup_key(a), lookup_key(b), chosen, directed=directed):
        month = row.month
        periods.setdefault(month and period_of(month, granularity), []).append(row)
    dated = sorted(p for p in periods if p is not None)
    first = period_of(since_month, granularity) if since_month else (dated[0] if dated else "")
    last = period_of(until_month, granularity) if until_month else (dated[-1] if dated else "")
    result = [_period_row(p, periods.get(p, [])) for p in period_range(first, last)]
    if None in periods:
        result.append(_period_row(None, periods[None]))
    return result


def stats(store: Store) -> Stats:
    """How many articles, events and actors are loaded, by PLOVER type, and the span of dates."""
    (row,) = run(store, "stats")
    by_type = {r["plover_type"]: r["events"] for r in run(store, "event_types")}
    return Stats(articles=row["articles"], events=row["events"], actors=row["actors"],
                 size=store.count(), events_by_type=dict(sorted(by_type.items())),
                 first_date=row["first_date"], last_date=row["last_date"])


def date_bound(value: str | None, what: str, *, first: bool) -> str:
    """A date bound padded to a full day ("2017" -> "2017-01-01" or "2017-12-31"); "" for none.

    The padded upper bound may name a day that does not exist ("2017-02-31"); it is only ever
    compared as a string, where it sorts after every real day of the month.

    >>> date_bound("2017", "since", first=True), date_bound("2017-02", "until", first=False)
    ('2017-01-01', '2017-02-31')

    Raises:
        QueryError: when the value is not YYYY, YYYY-MM or YYYY-MM-DD.
    """
    try:
        value = check_date(value, what)
        if value and len(value) > 4:
            dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError as err:
        raise QueryError(f"{what} must be a real date as YYYY, YYYY-MM or YYYY-MM-DD, "
                         f"got {value!r} ({err})") from err
    if value is None:
        return ""
    pad = "-01-01" if first else "-12-31"
    return value + pad[len(value) - 4:]


def period_of(month: str, granularity: str) -> str:
    """The period a "YYYY-MM" month falls in.

    >>> [period_of("2017-05", g) for g in GRANULARITIES]
    ['2017-05', '2017-Q2', '2017']
    """
    if granularity == "year":
        return month[:4]
    if granularity == "quarter":
        return f"{month[:4]}-Q{(int(month[5:7]) + 2) // 3}"
    return month


def period_range(first: str, last: str) -> list[str]:
    """Every period from first to last inclusive, in the granularity they are written in.

    >>> period_range("2016-11", "2017-02")
    ['2016-11', '2016-12', '2017-01', '2017-02']
    >>> period_range("2016-Q4", "2017-Q2"), period_range("2016", "2017")
    (['2016-Q4', '2017-Q1', '2017-Q2'], ['2016', '2017'])
    """
    if not first or not last:
        return []
    if len(first) == 4:
        return [str(year) for year in range(int(first), int(last) + 1)]
    quarterly = first[5] == "Q"
    year, step = int(first[:4]), int(first[6:] if quarterly else first[5:7])
    per_year = 4 if quarterly else 12
    out: list[str] = []
    while (current := f"{year:04d}-Q{step}" if quarterly else f"{year:04d}-{step:02d}") <= last:
        out.append(current)
        year, step = (year + 1, 1) if step == per_year else (year, step + 1)
    return out


def _period_row(period: str | None, rows: list[MonthCount]) -> TimelineRow:
    if not rows:  # most periods of a long series: no need to add anything up
        return TimelineRow(period, 0, 0.0, None, {}, dict.fromkeys(QUAD_CLASSES, 0))
    events = sum(r.events for r in rows)
    goldstein = round(sum((r.goldstein_sum or 0.0 for r in rows), 0.0), 4)
    by_type: dict[str, int] = {}
    by_quad = dict.fromkeys(QUAD_CLASSES, 0)
    for r in rows:
        by_type[r.plover_type] = by_type.get(r.plover_type, 0) + r.events
        by_quad[r.quad_class] = by_quad.get(r.quad_class, 0) + r.events
    return TimelineRow(period=period, events=events, goldstein_sum=goldstein,
                       goldstein_mean=round(goldstein / events, 4) if events else None,
                       by_type=dict(sorted(by_type.items())), by_quad_class=by_quad)
