"""The rollup's packed form: a pair's summed tallies as two literals of newline-separated lines.

Timelines and partner lists read only the rollup, the sum of every article's tallies
(`diplograph.graph.tallies`). Returning one row per cell would cost more than the question: a
busy pair (two large countries over twenty years) has tens of thousands of cells, and each row
a query returns costs microseconds in the engine and more in Python, while one long literal
costs about as much as one short one. The rollup is also large (an event pairs every key of its
source with every key of its target, so a store holds several pairs per event), so each pair
takes as few statements as it can: its two keys and two literals.

``dg:series`` holds two sections, separated by an empty line:

- the counts, summed over CAMEO code and Goldstein value, with the exact Goldstein sum, a few
  dozen lines a month, what a timeline reads:
  ``"<month> <events> <Goldstein sum> <ab|ba|both> <1|0 factual> <QuadClass> <PLOVER type>"``;
- the cells, every field of a cell: the exact rollup, read for a CAMEO filter and by a store
  that adds or subtracts an article:
  ``"<month> <events> <ab|ba|both> <1|0> <CAMEO> <QuadClass> <Goldstein> <PLOVER type>"``.

``dg:totals`` holds the counts summed over all months (the lines without their month), what a
partner list reads when no date bounds it. Months are "YYYY-MM" or "-" for events with no month;
the PLOVER type comes last on every line so it may hold spaces. Goldstein sums are added as
decimals, so the same cells give the same text whatever order articles came in.

>>> from diplograph.graph.tallies import Cell
>>> cell = Cell("country:CHN", "country:KGZ", "2017-01", "ab", True, "042", 1, 1.9, "CONSULT")
>>> pairs = pair_changes({cell: 3})
>>> lines = pairs["country:CHN", "country:KGZ"]
>>> series, totals = pack(lines)
>>> series
'2017-01 3 5.7 ab 1 1 CONSULT\\n\\n2017-01 3 ab 1 042 1 1.9 CONSULT'
>>> totals
'3 5.7 ab 1 1 CONSULT'
>>> read_cells(series) == lines
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from diplograph.graph.tallies import Cell

#: The month of a `Count` from ``dg:totals``: all of them.
ALL = "all"
_SECTIONS = "\n\n"


class Line(NamedTuple):
    """A cell without its pair: what one cell line of ``dg:series`` counts events of."""

    month: str
    direction: str
    factual: bool
    cameo_code: str
    quad_class: int
    goldstein: float
    plover_type: str


class Count(NamedTuple):
    """Events of one month (or `ALL`), direction, factuality, QuadClass and PLOVER type."""

    month: str
    events: int
    goldstein_sum: float
    direction: str
    factual: bool
    quad_class: int
    plover_type: str


def pair_changes(tallies: Mapping[Cell, int]) -> dict[tuple[str, str], Counter[Line]]:
    """What `tallies` add to each pair, keyed (first key, second key); negative counts subtract."""
    pairs: dict[tuple[str, str], Counter[Line]] = {}
    for cell, events in tallies.items():
        line = Line(cell.month, cell.direction, cell.factual, cell.cameo_code, cell.quad_class,
                    cell.goldstein, cell.plover_type)
        pairs.setdefault((cell.first_key, cell.second_key), Counter())[line] += events
    return pairs


def pack(lines: Mapping[Line, int]) -> tuple[str, str]:
    """The ``dg:series`` and ``dg:totals`` literals of a pair with these cells (none empty)."""
    cells = "\n".join(
        f"{line.month} {events} {line.direction} {int(line.factual)} {line.cameo_code} "
        f"{line.quad_class} {line.goldstein!r} {line.plover_type}"
        for line, events in sorted(lines.items()))
    monthly: dict[tuple[str, str, int, int, str], list] = {}
    for line, events in lines.items():
        slot = monthly.setdefault((line.month, line.direction, int(line.factual),
                                   line.quad_class, line.plover_type), [0, Decimal(0)])
        slot[0] += events
        slot[1] += events * _decimal(line.goldstein)
    overall: dict[tuple[str, int, int, str], list] = {}
    for (_, *rest), (events, total) in monthly.items():
        slot = overall.setdefault(tuple(rest), [0, Decimal(0)])  # type: ignore[arg-type]
        slot[0] += events
        slot[1] += total
    counts = "\n".join(f"{month} {events} {total} {direction} {factual} {quad} {plover_type}"
                       for (month, direction, factual, quad, plover_type), (events, total)
                       in sorted(monthly.items()))
    totals = "\n".join(f"{events} {total} {direction} {factual} {quad} {plover_type}"
                       for (direction, factual, quad, plover_type), (events, total)
                       in sorted(overall.items()))
    return counts + _SECTIONS + cells, totals


@lru_cache(maxsize=4096)
def _decimal(goldstein: float) -> Decimal:
    """A Goldstein value as the decimal its shortest repr spells (1.9, not 1.899999...)."""
    return Decimal(repr(goldstein))


def read_cells(series: str) -> Counter[Line]:
    """The cells of a ``dg:series`` literal."""
    out: Counter[Line] = Counter()
    for row in series.split(_SECTIONS, 1)[1].split("\n"):
        month, events, direction, factual, cameo, quad, goldstein, plover_type = row.split(" ", 7)
        out[Line(month, direction, factual == "1", cameo, int(quad), float(goldstein),
                 plover_type)] += int(events)
    return out


def read_counts(series: str) -> Iterator[Count]:
    """The counts of a ``dg:series`` literal."""
    for row in series.split(_SECTIONS, 1)[0].split("\n"):
        month, events, total, direction, factual, quad, plover_type = row.split(" ", 6)
        yield Count(month, int(events), float(total), direction, factual == "1", int(quad),
                    plover_type)


def read_totals(totals: str) -> Iterator[Count]:
    """The lines of a ``dg:totals`` literal, as counts of month `ALL`."""
    for row in totals.split("\n"):
        events, total, direction, factual, quad, plover_type = row.split(" ", 5)
        yield Count(ALL, int(events), float(total), direction, factual == "1", int(quad),
                    plover_type)


def monthly_sums(series: str, *, directions: tuple[str, ...] = (), include_all: bool = False,
                 cameo: str = "") -> dict[tuple[str, str, int], list]:
    """Events and Goldstein sums of a ``dg:series`` by (month, PLOVER type, QuadClass).

    What a timeline needs, at the speed it needs it: the busiest pair has some ten thousand
    count lines, and building a record per line would cost more than the rest of the question.
    Lines are kept when their direction is one of `directions` (any when empty) and they
    happened (or `include_all`); with `cameo` ("|04|1711|", codes or roots matched as prefixes)
    the cells are read instead of the counts, and only those codes kept.

    >>> from diplograph.graph.tallies import Cell
    >>> cells = [Cell("a", "b", "2017-01", way, True, code, 1, 1.5, "CONSULT")
    ...          for way, code in (("ab", "040"), ("ba", "042"), ("ab", "042"))]
    >>> series, _ = pack(pair_changes(dict.fromkeys(cells, 2))["a", "b"])
    >>> monthly_sums(series, directions=("ab", "both")), monthly_sums(series, cameo="|042|")
    ({('2017-01', 'CONSULT', 1): [4, 6.0]}, {('2017-01', 'CONSULT', 1): [4, 6.0]})
    """
    counts, cells = series.split(_SECTIONS, 1)
    sums: dict[tuple[str, str, int], list] = {}
    for row in (cells if cameo else counts).split("\n"):
        if cameo:
            month, events, direction, factual, code, quad, goldstein, plover_type = row.split(
                " ", 7)
            if not any(f"|{code[:n]}|" in cameo for n in (2, 3, 4)):
                continue
            total = int(events) * float(goldstein)
        else:
            month, events, total, direction, factual, quad, plover_type = row.split(" ", 6)
        if (factual == "0" and not include_all) or (directions and direction not in directions):
            continue
        slot = sums.get((month, plover_type, int(quad)))
        if slot is None:
            sums[month, plover_type, int(quad)] = [int(events), float(total)]
        else:
            slot[0] += int(events)
            slot[1] += float(total)
    return sums
