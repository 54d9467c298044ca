"""Answers as flat tables: one column per value, for CSV files and pandas DataFrames.

A record's nested counts (a timeline row's ``by_type``) become one column per key, named
``by_type.CONSULT`` as `pandas.json_normalize` would, and every row gets the same columns, 0 where
a count is missing, so a CSV opens as a clean table in a spreadsheet and a frame needs no
cleaning. Lists become text joined by "; " (an event's actors by name). Events use the columns of
the CSV export (`diplograph.queries.export.event_row`), so a frame of `events` equals the export.

>>> from diplograph.queries.timeline import TimelineRow
>>> rows = [TimelineRow("2017-01", 2, 3.8, 1.9, {"CONSULT": 2}, {1: 2}),
...         TimelineRow("2017-02", 1, -2.0, -2.0, {"ACCUSE": 1}, {3: 1})]
>>> flat_rows(rows)[1]
{'period': '2017-02', 'events': 1, 'goldstein_sum': -2.0, 'goldstein_mean': -2.0, \
'by_type.ACCUSE': 1, 'by_type.CONSULT': 0, 'by_quad_class.1': 0, 'by_quad_class.3': 1}
>>> to_frame(rows).loc[:, ["period", "by_type.CONSULT"]].to_dict("records")
[{'period': '2017-01', 'by_type.CONSULT': 2}, {'period': '2017-02', 'by_type.CONSULT': 0}]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from diplograph.errors import QueryError

if TYPE_CHECKING:
    import pandas


def flat_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Records (anything with `to_dict`, or dicts) as flat dicts with the same keys in each."""
    from diplograph.graph.records import EventRecord
    from diplograph.queries.export import event_row

    rows: list[dict[str, Any]] = []
    nested: dict[str, set[str]] = {}
    for record in records:
        if isinstance(record, EventRecord):
            rows.append(event_row(record))
            continue
        row: dict[str, Any] = {}
        for name, value in (record if isinstance(record, dict) else record.to_dict()).items():
            if isinstance(value, dict):
                keys = nested.setdefault(name, set())
                for key, count in value.items():
                    keys.add(str(key))
                    row[f"{name}.{key}"] = count
            elif isinstance(value, (list, tuple)):
                row[name] = "; ".join(_text(v) for v in value)
            else:
                row[name] = value
        rows.append(row)
    for name, keys in nested.items():
        columns = [f"{name}.{key}" for key in sorted(keys, key=_natural)]
        for row in rows:
            for column in columns:
                row[column] = row.pop(column, 0)
    return rows


def to_frame(records: Iterable[Any]) -> pandas.DataFrame:
    """The records of any question as a pandas DataFrame with the columns of `flat_rows`.

    Raises:
        QueryError: when pandas is not installed.
    """
    try:
        import pandas
    except ModuleNotFoundError as missing:
        raise QueryError("DataFrames need pandas: pip install pandas") from missing
    return pandas.DataFrame(flat_rows(records))


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or value)
    return str(value)


def _natural(key: str) -> tuple[int, str]:
    """QuadClasses in number order, type names in letter order."""
    return (0, key.zfill(9)) if key.isdigit() else (1, key)
