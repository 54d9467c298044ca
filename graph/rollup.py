"""The rollup: how events are counted for timelines and partner lists, and the one text format.

This module owns the counting rule and every text the stores keep for it; backends only store
and fetch those texts (`diplograph.graph.stores`), and questions only see the typed counts a
store's rollup reads return.

**Counting.** Timelines and partner lists count events between two lookup keys
(`diplograph.graph.lookup`) by month, type and direction. Counting them event by event means
visiting every event of a busy pair (tens of thousands between two large countries); both stores
instead keep, per article, the counts of `article_tallies`, and a store-wide rollup that sums
them, so a question reads a few hundred cells however many events lie behind them.

A cell is everything a question may filter or split on: the pair of keys (sorted, so one cell
answers both directions), the month, which way the events ran, whether they happened (not
negated, asserted or reported), and their CAMEO code, PLOVER type, QuadClass and Goldstein value.
An event counts once per pair however many of its actors carry the keys, and "both" marks an
event that runs both ways between the pair (a joint act of both, see `Event.dyads`).

>>> from diplograph.graph.model import Actor, Article, ArticleGraph, Event
>>> xi, putin = Actor("Xi Jinping", "person", "CHN"), Actor("Vladimir Putin", "person", "RUS")
>>> event = Event("a1", 0, "Xi met Putin.", (3, 6), "met", "met", "CONSULT", "040", 1.0, 1,
...               source=(xi,), target=(putin,), date="2019-06-05")
>>> tallies = article_tallies(ArticleGraph(Article("Xi met Putin.", id="a1"), (event,)))
>>> cell = next(c for c in tallies if (c.first_key, c.second_key) == ("country:CHN", "country:RUS"))
>>> cell.text(), tallies[cell]
('2019-06 ab 1 040 1 1.0 extract CONSULT', 1)
>>> Cell.parse("country:CHN", "country:RUS", cell.text()) == cell
True

**Tallies.** An article's tallies travel with the article (so replacing or deleting it knows what
to subtract): in RDF one literal per cell, `tally_text`, filed under the pair's dyad IRI; in Neo4j
a list on the :Article node, `tally_entries`.

**The packed rollup.** Returning one row per cell would cost more than the question: a busy pair
(two large countries over twenty years) has tens of thousands of cells, and each row a query
returns costs microseconds in the engine and more in Python, while one long literal costs about
as much as one short one. The rollup is also large (an event pairs every key of its source with
every key of its target, so a store holds several pairs per event), so each pair takes as few
statements as it can: its two keys and two literals.

``dg:series`` holds two sections, separated by an empty line:

- the counts, summed over CAMEO code and Goldstein value, with the exact Goldstein sum, a few
  dozen lines a month, what a timeline reads:
  ``"<month> <events> <Goldstein sum> <ab|ba|both> <1|0 factual> <QuadClass> <origin> <PLOVER
  type>"``;
- the cells, every field of a cell: the exact rollup, read for a CAMEO filter and by a store
  that adds or subtracts an article:
  ``"<month> <events> <ab|ba|both> <1|0> <CAMEO> <QuadClass> <Goldstein> <origin> <PLOVER
  type>"``.

The origin is the dataset the events came from (`Event.origin`: "extract", "gdelt1", "icews",
...), kept so every question can compare extracted and imported events side by side.

``dg:totals`` holds the counts summed over all months (the lines without their month), what a
partner list reads when no date bounds it. Months are "YYYY-MM" or "-" for events with no month;
the PLOVER type comes last on every line so it may hold spaces. Goldstein sums are added as
decimals, so the same cells give the same text whatever order articles came in.

>>> pairs = pair_changes({Cell("country:CHN", "country:KGZ", "2017-01", "ab", True, "042", 1,
...                            1.9, "CONSULT"): 3})
>>> lines = pairs["country:CHN", "country:KGZ"]
>>> series, totals = pack(lines)
>>> series
'2017-01 3 5.7 ab 1 1 extract CONSULT\\n\\n2017-01 3 ab 1 042 1 1.9 extract CONSULT'
>>> totals
'3 5.7 ab 1 1 extract CONSULT'
>>> read_cells(series) == lines
True

**Reading.** `month_counts` and `partner_counts` turn the packed texts a backend fetched into the
typed counts of `diplograph.graph.stores` (`MonthCount`, `PartnerCount`), keeping only what a
`RollupFilter` asks for; both backends call them, so a question gets one answer whatever store
and whatever layout (a pair's whole series, or a row a month) the texts came in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Protocol

from diplograph.graph.lookup import article_actors, dyad
from diplograph.graph.model import EXTRACTED, ArticleGraph
from diplograph.graph.stores.protocol import MonthCount, PartnerCount, RollupFilter
from diplograph.graph.vocab import dyad_keys

#: Modalities of events that happened as far as the text says (with `negated` false).
FACTUAL_MODALITIES = ("asserted", "reported")

#: What `Cell.month` holds for events with no month (undated, or dated to the year only).
NO_MONTH = "-"


class _Happening(Protocol):
    negated: bool
    modality: str


def is_factual(event: _Happening) -> bool:
    """Whether an event happened as far as the text says: not negated, asserted or reported."""
    return not event.negated and event.modality in FACTUAL_MODALITIES


@dataclass(frozen=True, order=True)
class Cell:
    """One cell of a pair's timeline; `first_key` sorts before (or equals) `second_key`.

    `direction` is "ab" for events from the first key's actors to the second's, "ba" the other
    way, "both" for events that run both ways (and for every event of a key paired with itself).
    """

    first_key: str
    second_key: str
    month: str
    direction: str
    factual: bool
    cameo_code: str
    quad_class: int
    goldstein: float
    plover_type: str
    origin: str = EXTRACTED

    def text(self) -> str:
        """The cell without its keys, as one line of space-separated fields, PLOVER type last:
        ``"<YYYY-MM or -> <ab|ba|both> <1|0 factual> <CAMEO> <QuadClass> <Goldstein> <origin>
        <type>"``.
        """
        return (f"{self.month} {self.direction} {int(self.factual)} {self.cameo_code} "
                f"{self.quad_class} {self.goldstein!r} {self.origin} {self.plover_type}")

    @property
    def line(self) -> Line:
        """The cell without its pair, as the rollup of that pair counts it."""
        return Line(self.month, self.direction, self.factual, self.cameo_code, self.quad_class,
                    self.goldstein, self.plover_type, self.origin)

    @classmethod
    def parse(cls, first_key: str, second_key: str, text: str) -> Cell:
        """The cell that `text` spells for the pair (the inverse of `Cell.text`)."""
        month, direction, factual, cameo, quad, goldstein, origin, plover_type = text.split(" ", 7)
        return cls(first_key, second_key, month, direction, factual == "1", cameo, int(quad),
                   float(goldstein), plover_type, origin)


def article_tallies(ag: ArticleGraph) -> dict[Cell, int]:
    """How many of the article's events fall in each cell, for every pair of its actors' keys."""
    keys = {view.id: view.match_keys for view in article_actors(ag).values()}
    cells: dict[Cell, set[str]] = {}
    for event in ag.events:
        directions: dict[tuple[str, str], set[str]] = {}
        for source, target in event.dyads():
            for source_key in keys[source.id]:
                for target_key in keys[target.id] if target else ():
                    pair = tuple(sorted((source_key, target_key)))
                    directions.setdefault(pair, set()).add(dyad(source_key, target_key)[1])
        month = event.date[:7] if event.date and event.date_precision != "year" else NO_MONTH
        for (first, second), seen in directions.items():
            direction = next(iter(seen)) if len(seen) == 1 else "both"
            cell = Cell(first, second, month, direction, is_factual(event), event.cameo_code,
                        int(event.quad_class), float(event.goldstein), event.plover_type,
                        event.origin)
            cells.setdefault(cell, set()).add(event.id)
    return {cell: len(events) for cell, events in sorted(cells.items())}


def tally_text(cell: Cell, events: int) -> str:
    """An RDF tally literal (filed under the pair's dyad IRI): `Cell.text`, then the events.

    >>> tally_text(Cell("country:CHN", "country:KGZ", "2017-01", "ab", True, "042", 1, 1.9,
    ...                 "CONSULT"), 2)
    '2017-01 ab 1 042 1 1.9 extract CONSULT 2'
    """
    return f"{cell.text()} {events}"


def read_tally(dyad_iri: str, value: str) -> tuple[Cell, int]:
    """The cell and count of a tally literal filed under `dyad_iri` (the inverse of `tally_text`).

    >>> from diplograph.graph.vocab import dyad_iri
    >>> cell = Cell("country:CHN", "country:KGZ", "-", "ba", False, "040", 1, 1.0, "CONSULT")
    >>> read_tally(dyad_iri("country:CHN", "country:KGZ"), tally_text(cell, 2)) == (cell, 2)
    True
    """
    first_key, second_key = _keys_of(dyad_iri)
    cell_text, events = value.rsplit(" ", 1)
    return Cell.parse(first_key, second_key, cell_text), int(events)


@lru_cache(maxsize=1 << 16)
def _keys_of(dyad_iri: str) -> tuple[str, str]:
    """`dyad_keys`, cached: a store reads the same busy pairs in article after article."""
    return dyad_keys(dyad_iri)


def tally_entries(tallies: Mapping[Cell, int]) -> list[str]:
    r"""An article's tallies as a list of strings (the Neo4j :Article node keeps them): the
    pair's keys, the cell's `Cell.text` and its events, tab-separated. Lookup keys hold no tab
    (names are whitespace-collapsed, and the RDF store puts keys in IRIs, where no tab can go).

    >>> cell = Cell("country:CHN", "country:KGZ", "2017-01", "both", True, "030", 1, 4.0, "AGREE")
    >>> entries = tally_entries({cell: 2})
    >>> entries
    ['country:CHN\tcountry:KGZ\t2017-01 both 1 030 1 4.0 extract AGREE\t2']
    >>> parse_tally_entries(entries + entries) == {cell: 4}
    True
    """
    return [f"{cell.first_key}\t{cell.second_key}\t{cell.text()}\t{events}"
            for cell, events in tallies.items()]


def parse_tally_entries(entries: Iterable[str]) -> Counter[Cell]:
    """The tallies `tally_entries` wrote, summed over every entry given."""
    out: Counter[Cell] = Counter()
    for entry in entries:
        first_key, second_key, text, events = entry.split("\t")
        out[Cell.parse(first_key, second_key, text)] += int(events)
    return out


#: The month of a `Count` from ``dg:totals``: all of them.
ALL = "all"
_SECTIONS = "\n\n"


class Line(NamedTuple):
    """A cell without its pair (`Cell.line`): what one cell line of ``dg:series`` counts."""

    month: str
    direction: str
    factual: bool
    cameo_code: str
    quad_class: int
    goldstein: float
    plover_type: str
    origin: str = EXTRACTED


class Count(NamedTuple):
    """Events of one month (or `ALL`), direction, factuality, QuadClass and PLOVER type."""

    month: str
    events: int
    goldstein_sum: float
    direction: str
    factual: bool
    quad_class: int
    plover_type: str
    origin: str = EXTRACTED


def pair_changes(tallies: Mapping[Cell, int]) -> dict[tuple[str, str], Counter[Line]]:
    """What `tallies` add to each pair, keyed (first key, second key); negative counts subtract."""
    pairs: dict[tuple[str, str], Counter[Line]] = {}
    for cell, events in tallies.items():
        pairs.setdefault((cell.first_key, cell.second_key), Counter())[cell.line] += events
    return pairs


def pack(lines: Mapping[Line, int]) -> tuple[str, str]:
    """The ``dg:series`` and ``dg:totals`` literals of a pair with these cells (none empty)."""
    cells = "\n".join(
        f"{line.month} {events} {line.direction} {int(line.factual)} {line.cameo_code} "
        f"{line.quad_class} {line.goldstein!r} {line.origin} {line.plover_type}"
        for line, events in sorted(lines.items()))
    monthly: dict[tuple[str, str, int, int, str, str], list] = {}
    for line, events in lines.items():
        slot = monthly.setdefault((line.month, line.direction, int(line.factual),
                                   line.quad_class, line.origin, line.plover_type),
                                  [0, Decimal(0)])
        slot[0] += events
        slot[1] += events * _decimal(line.goldstein)
    overall: dict[tuple[str, int, int, str, str], list] = {}
    for (_, *rest), (events, total) in monthly.items():
        slot = overall.setdefault(tuple(rest), [0, Decimal(0)])  # type: ignore[arg-type]
        slot[0] += events
        slot[1] += total
    counts = "\n".join(
        f"{month} {events} {total} {direction} {factual} {quad} {origin} {plover_type}"
        for (month, direction, factual, quad, origin, plover_type), (events, total)
        in sorted(monthly.items()))
    totals = "\n".join(f"{events} {total} {direction} {factual} {quad} {origin} {plover_type}"
                       for (direction, factual, quad, origin, plover_type), (events, total)
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
        month, events, direction, factual, cameo, quad, goldstein, origin, plover_type = (
            row.split(" ", 8))
        out[Line(month, direction, factual == "1", cameo, int(quad), float(goldstein),
                 plover_type, origin)] += int(events)
    return out


def read_counts(series: str) -> Iterator[Count]:
    """The counts of a ``dg:series`` literal."""
    for row in series.split(_SECTIONS, 1)[0].split("\n"):
        month, events, total, direction, factual, quad, origin, plover_type = row.split(" ", 7)
        yield Count(month, int(events), float(total), direction, factual == "1", int(quad),
                    plover_type, origin)


def read_totals(totals: str) -> Iterator[Count]:
    """The lines of a ``dg:totals`` literal, as counts of month `ALL`."""
    for row in totals.split("\n"):
        events, total, direction, factual, quad, origin, plover_type = row.split(" ", 6)
        yield Count(ALL, int(events), float(total), direction, factual == "1", int(quad),
                    plover_type, origin)


def pair(a_key: str, b_key: str, *, directed: bool) -> tuple[str, tuple[str, ...]]:
    """The dyad IRI a pair's rollup is filed under, and the packed directions a timeline from
    `a_key` to `b_key` keeps: those that run from a to b (and "both") when `directed`, else all.

    >>> pair("country:KGZ", "country:CHN", directed=True)[1]
    ('ba', 'both')
    """
    dyad_iri, direction = dyad(a_key, b_key)
    return dyad_iri, ((direction, "both") if directed else ())


def month_counts(series: Iterable[str], filters: RollupFilter,
                 directions: tuple[str, ...] = ()) -> list[MonthCount]:
    """A pair's events by (month, PLOVER type, QuadClass), summed over the packed ``dg:series``
    texts a backend fetched (a pair's whole series, or one per month), with `filters` applied.

    Lines are kept when their direction is one of `directions` (any when empty).
    """
    since, until = filters.since, filters.until
    types, quads = frozenset(filters.plover_types), frozenset(filters.quad_classes)
    sums: dict[tuple[str, str, int], list] = {}
    for text in series:
        found = _monthly_sums(text, directions=directions, include_all=filters.include_all,
                              cameo=frozenset(filters.cameo), origins=frozenset(filters.origins))
        for key, (events, total) in found.items():
            slot = sums.setdefault(key, [0, 0.0])
            slot[0] += events
            slot[1] += total
    return [MonthCount(None if month == NO_MONTH else month, plover_type, quad, events, total)
            for (month, plover_type, quad), (events, total) in sums.items()
            if (not since or since <= month != NO_MONTH)
            and (not until or until >= month != NO_MONTH)
            and (not types or plover_type in types)
            and (not quads or quad in quads)]


def partner_level(filters: RollupFilter) -> str:
    """Which packed text a partner list reads: "totals" (all time) when no date or CAMEO filter
    needs months or codes, "series" otherwise."""
    return "series" if filters.since or filters.until or filters.cameo else "totals"


#: From the asked key's side of a pair, where each packed direction runs.
_SIDES = {"first": {"ab": "out", "ba": "in", "both": "both"},
          "second": {"ab": "in", "ba": "out", "both": "both"}}


def partner_counts(key: str, packed: Iterable[tuple[str, str]],
                   filters: RollupFilter) -> list[PartnerCount]:
    """Counts by counterpart, direction and QuadClass from the (pair IRI, packed text) a backend
    fetched for `key`, the texts being those `partner_level` names."""
    level = partner_level(filters)
    out = []
    for pair_iri, text in packed:
        first_key, second_key = dyad_keys(pair_iri)
        if first_key == key:
            counterpart, sides = second_key, _SIDES["first"]
        else:
            counterpart, sides = first_key, _SIDES["second"]
        for line in _kept_lines(text, level, filters):
            out.append(PartnerCount(counterpart, sides[line.direction], line.quad_class,
                                    line.events, line.goldstein_sum))
    return out


def _kept_lines(text: str, level: str, filters: RollupFilter) -> Iterator[Count]:
    """The lines of a packed ``totals`` or ``series`` text that pass the filters. Without a CAMEO
    filter the counts are read; with one, the cells, whose codes it checks."""
    since, until, cameo = filters.since, filters.until, frozenset(filters.cameo)
    types, quads = frozenset(filters.plover_types), frozenset(filters.quad_classes)
    origins = frozenset(filters.origins)
    if level == "totals":
        lines: Iterable[Count] = read_totals(text)
    elif cameo:
        lines = (Count(line.month, events, events * line.goldstein, line.direction,
                       line.factual, line.quad_class, line.plover_type, line.origin)
                 for line, events in read_cells(text).items()
                 if any(line.cameo_code[:n] in cameo for n in (2, 3, 4)))
    else:
        lines = read_counts(text)
    for line in lines:
        if ((filters.include_all or line.factual)
                and (not since or since <= line.month != NO_MONTH)
                and (not until or until >= line.month != NO_MONTH)
                and (not types or line.plover_type in types)
                and (not quads or line.quad_class in quads)
                and (not origins or line.origin in origins)):
            yield line


def _monthly_sums(series: str, *, directions: tuple[str, ...] = (), include_all: bool = False,
                  cameo: frozenset[str] = frozenset(),
                  origins: frozenset[str] = frozenset()) -> dict[tuple[str, str, int], list]:
    """Events and Goldstein sums of a ``dg:series`` by (month, PLOVER type, QuadClass).

    What a timeline needs, at the speed it needs it: the busiest pair has some ten thousand
    count lines, and building a record per line would cost more than the rest of the question.
    Lines are kept when their direction is one of `directions` (any when empty) and they
    happened (or `include_all`); with `cameo` (codes or roots, matched as prefixes) the cells are
    read instead of the counts, and only those codes kept; with `origins`, only events of those
    datasets.

    >>> cells = [Cell("a", "b", "2017-01", way, True, code, 1, 1.5, "CONSULT")
    ...          for way, code in (("ab", "040"), ("ba", "042"), ("ab", "042"))]
    >>> series, _ = pack(pair_changes(dict.fromkeys(cells, 2))["a", "b"])
    >>> _monthly_sums(series, directions=("ab", "both"))
    {('2017-01', 'CONSULT', 1): [4, 6.0]}
    >>> _monthly_sums(series, cameo=frozenset({"042"}))
    {('2017-01', 'CONSULT', 1): [4, 6.0]}
    """
    counts, cells = series.split(_SECTIONS, 1)
    sums: dict[tuple[str, str, int], list] = {}
    for row in (cells if cameo else counts).split("\n"):
        if cameo:
            month, events, direction, factual, code, quad, goldstein, origin, plover_type = (
                row.split(" ", 8))
            if not any(code[:n] in cameo for n in (2, 3, 4)):
                continue
            total = int(events) * float(goldstein)
        else:
            month, events, total, direction, factual, quad, origin, plover_type = row.split(" ", 7)
        if ((factual == "0" and not include_all) or (directions and direction not in directions)
                or (origins and origin not in origins)):
            continue
        slot = sums.get((month, plover_type, int(quad)))
        if slot is None:
            sums[month, plover_type, int(quad)] = [int(events), float(total)]
        else:
            slot[0] += int(events)
            slot[1] += float(total)
    return sums
