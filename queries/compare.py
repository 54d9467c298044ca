"""The `compare` question: how the relation between two actors changed from one period to another.

Two periods are rarely the same length (a year before a summit, the months since), so next to
totals every count is also given per month, and the change is read from those rates. The numbers
come from `timeline` over each period, so they mean exactly what the timeline says (the same
pairing, direction and filter rules, the same rollup on every backend).

Periods are written as ISO dates of any precision, one date for a whole year or month, or two
joined by "/" as in ISO 8601 intervals:

>>> parse_period("2017"), parse_period("2016-07/2017-06")
(('2017-01', '2017-12'), ('2016-07', '2017-06'))
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.codes import CONFLICT, COOPERATION
from diplograph.graph.stores import Store
from diplograph.queries.dates import date_bound
from diplograph.queries.timeline import TimelineRow, timeline



@dataclass(frozen=True)
class Change:
    """One measure in both periods; `change` is period2 - period1, `ratio` period2 / period1.

    "events" compares the totals, "events per month" the rates, which stay fair when the periods
    differ in length. `ratio` is None when period1 is 0 or a value is missing.
    """

    measure: str
    period1: float | None
    period2: float | None
    change: float | None
    ratio: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_period(text: str) -> tuple[str, str]:
    """A period as its first and last month ("YYYY-MM").

    Raises:
        QueryError: for a malformed date, or a period that ends before it starts.
    """
    first, _, last = text.partition("/")
    since = date_bound(first.strip(), "period start", first=True)[:7]
    until = date_bound((last or first).strip(), "period end", first=False)[:7]
    if not since:
        raise QueryError(f"a period needs a date, as 2017, 2017-03 or 2016-07/2017-06; got {text!r}")
    if since > until:
        raise QueryError(f"period {text!r} ends before it starts")
    return since, until


def compare(store: Store, a: str, b: str, period1: str, period2: str, *, directed: bool = False,
            **filters: Any) -> list[Change]:
    """Events, Goldstein, cooperation and conflict, and each PLOVER type, in two periods.

    `filters` are those of `timeline`: an `EventFilter` as ``filters=``, or plover_types, cameo,
    quad_classes and include_all as keywords; its dates play no part.
    """
    sides = []
    for text in (period1, period2):
        since, until = parse_period(text)
        rows = timeline(store, a, b, directed=directed, since=since, until=until, **filters)
        sides.append(_measures(rows))
    names = list(dict.fromkeys([*sides[0], *sides[1]]))
    return [_change(name, sides[0].get(name, 0.0), sides[1].get(name, 0.0)) for name in names]


def _measures(rows: list[TimelineRow]) -> dict[str, float | None]:
    months = len(rows)
    events = sum(r.events for r in rows)
    goldstein = round(sum(r.goldstein_sum for r in rows), 4)
    cooperation = sum(r.by_quad_class.get(q, 0) for r in rows for q in COOPERATION)
    conflict = sum(r.by_quad_class.get(q, 0) for r in rows for q in CONFLICT)
    by_type: dict[str, int] = {}
    for row in rows:
        for plover_type, count in row.by_type.items():
            by_type[plover_type] = by_type.get(plover_type, 0) + count
    measures: dict[str, float | None] = {
        "months": months,
        "events": events,
        "events per month": _rate(events, months),
        "goldstein sum": goldstein,
        "goldstein mean": round(goldstein / events, 4) if events else None,
        "goldstein per month": _rate(goldstein, months),
        "cooperation events per month": _rate(cooperation, months),
        "conflict events per month": _rate(conflict, months),
        "cooperation share": round(cooperation / events, 4) if events else None,
    }
    for plover_type in sorted(by_type):
        measures[f"{plover_type} per month"] = _rate(by_type[plover_type], months)
    return measures


def _rate(value: float, months: int) -> float:
    return round(value / months, 4) if months else 0.0


def _change(measure: str, first: float | None, second: float | None) -> Change:
    if first is None or second is None:
        return Change(measure, first, second, None, None)
    return Change(measure, first, second, round(second - first, 4),
                  round(second / first, 4) if first else None)
