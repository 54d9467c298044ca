"""Date bounds and periods, as every question reads them.

>>> date_bound("2017", "since", first=True), period_of("2017-05", "quarter")
('2017-01-01', '2017-Q2')
"""

from __future__ import annotations

import datetime as dt

from diplograph.errors import QueryError
from diplograph.graph.model import check_date

GRANULARITIES = ("month", "quarter", "year")


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
