"""Rows of the delimited files event datasets come in, numbered as an editor shows them.

GDELT ships tab-separated files without a header; copies made with R or pandas carry a header,
commas and ``NA`` for empty cells (the Georgia sample); ICEWS and POLECAT are tab-separated
with a header. `read_table` takes all of them: the header, when the first line is one, names
the columns, otherwise the dataset's published column list does, and ``NA`` and ``""`` are
both empty.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import InputError
from diplograph.graph.model import ArticleGraph
from diplograph.ingest.readers import Skip

#: One file's articles, as an import reader yields them.
Reader = Iterator[ArticleGraph]

#: What the datasets write for "no value".
EMPTY = ("", "NA", "NaN", "null")

csv.field_size_limit(sys.maxsize)


class BadRow(ValueError):
    """A row that cannot become an event; the message is the reason `Skip` reports."""


@dataclass(frozen=True)
class Row:
    """One data row: where it is (``file:line``) and its non-empty cells by column name."""

    where: str
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        return self.cells.get(column)

    def need(self, column: str) -> str:
        """A cell that must be there.

        Raises:
            BadRow: when it is empty.
        """
        value = self.cells.get(column)
        if value is None:
            raise BadRow(f"missing {column}")
        return value


def read_table(path: Path, columns: Sequence[str], *, skipped: list[Skip],
               min_columns: int | None = None) -> Iterator[Row]:
    """The rows of a delimited file; a row with the wrong number of cells is skipped.

    `columns` are the published names, used when the file has no header (its first cell is not
    the first column's name); `min_columns` accepts shorter rows (GDELT's historical files end
    before SOURCEURL).

    Raises:
        InputError: when the file cannot be opened.
    """
    try:
        handle = path.open(encoding="utf-8", errors="replace", newline="")
    except OSError as err:
        raise InputError(str(path), f"cannot read the file ({err.strerror})") from err
    with handle:
        first = handle.readline()
        delimiter = "\t" if "\t" in first else ","
        head = next(csv.reader([first], delimiter=delimiter), [])
        names, offset = list(columns), 1
        if head and head[0].strip() == columns[0]:
            names = [name.strip() for name in head]
        else:
            handle.seek(0)
            offset = 0
        shortest = min_columns or len(names)
        reader = csv.reader(handle, delimiter=delimiter)
        for cells in reader:
            if not cells:
                continue
            where = f"{path}:{offset + reader.line_num}"
            if not shortest <= len(cells) <= len(names):
                skipped.append(Skip(where, f"wrong number of columns ({len(cells)}, "
                                           f"expected {len(names)})"))
                continue
            yield Row(where, {name: value.strip() for name, value in zip(names, cells)
                              if value.strip() not in EMPTY})
