"""`ask timeline A B`: period by period, what happened between two actors, from the rollup.

Actors are named as in `diplograph.graph.lookup.lookup_key`: an ISO3 code ("KGZ", any actor of
that country or affiliated to it), an actor id ("person:xi-jinping"), or a label or alias matched
exactly but ignoring case ("xi jinping"). An actor is matched as the event's own article describes
it, so an alias or a country that only one article gives finds that article's events. By default
only events that happened count: negated, future and hypothetical ones are left out unless
`include_all=True`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.codes import QUAD_CLASSES
from diplograph.graph.lookup import lookup_key
from diplograph.graph.stores import MonthCount, Store
from diplograph.queries.dates import GRANULARITIES, period_of, period_range
from diplograph.queries.filters import EventFilter, chosen

__all__ = ["GRANULARITIES", "TimelineRow", "timeline"]


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


def timeline(store: Store, a: str, b: str, *, directed: bool = False,
             granularity: str = "month", since: str | None = None, until: str | None = None,
             plover_types: str | Iterable[str] | None = (),
             cameo: str | Iterable[str] | None = (),
             quad_classes: str | Iterable[int | str] | None = (),
             include_all: bool = False, origins: str | Iterable[str] | None = (),
             filters: EventFilter | None = None) -> list[TimelineRow]:
    """Period by period, what happened between `a` and `b`, read from the store's rollup.

    An event counts, once, when one of its (source, target) dyads (`Event.dyads`) runs from `a` to
    `b`, or (not `directed`) from `b` to `a`; a joint act of several sources with no target ("A and
    B signed") pairs every two of its sources, both ways. The filters are those of
    `EventFilter` (dates, PLOVER types, CAMEO codes or roots, QuadClasses, origins, `include_all`), given
    as `filters` or as keywords; its actor fields play no part.

    Periods (`granularity` "month", "quarter" or "year") run without gaps from `since` (or the
    first event) to `until` (or the last), bounds taken at month precision. Events with no month
    (undated, or dated to the year only) cannot be placed, not even in a year, since the rollup
    keeps no year for them; they come last, as one row with `period` None, and only when no bound
    is given (no one can say whether they fall inside it).

    Raises:
        QueryError: for an unknown granularity or filter value, or `since` after `until`.
    """
    if granularity not in GRANULARITIES:
        raise QueryError(f"unknown granularity {granularity!r}; choose one of "
                         f"{', '.join(GRANULARITIES)}")
    asked = chosen(filters, plover_types=plover_types, cameo=cameo, quad_classes=quad_classes,
                   since=since, until=until, include_all=include_all,
                   origins=origins).rollup_filter()
    since_month, until_month = asked.since, asked.until
    periods: dict[str | None, list[MonthCount]] = {}
    for row in store.pair_months(lookup_key(a), lookup_key(b), asked, directed=directed):
        month = row.month
        periods.setdefault(month and period_of(month, granularity), []).append(row)
    dated = sorted(p for p in periods if p is not None)
    first = period_of(since_month, granularity) if since_month else (dated[0] if dated else "")
    last = period_of(until_month, granularity) if until_month else (dated[-1] if dated else "")
    result = [_period_row(p, periods.get(p, [])) for p in period_range(first, last)]
    if None in periods:
        result.append(_period_row(None, periods[None]))
    return result


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
