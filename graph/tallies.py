"""How many of an article's events fall in each cell of a pair's timeline: the rollup's unit.

Timelines and partner lists count events between two lookup keys (`diplograph.graph.lookup`) by
month, type and direction. Counting them event by event means visiting every event of a busy pair
(tens of thousands between two large countries); both stores instead keep, per article, the counts
of `article_tallies`, and a store-wide rollup that sums them, so a question reads a few hundred
cells however many events lie behind them.

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
('2019-06 ab 1 040 1 1.0 CONSULT', 1)
>>> Cell.parse("country:CHN", "country:RUS", cell.text()) == cell
True
"""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.graph.lookup import article_actors, dyad
from diplograph.graph.model import ArticleGraph, Event

#: Modalities of events that happened as far as the text says (with `negated` false).
FACTUAL_MODALITIES = ("asserted", "reported")

#: What `Cell.month` holds for events with no month (undated, or dated to the year only).
NO_MONTH = "-"


def is_factual(event: Event) -> bool:
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

    def text(self) -> str:
        """The cell without its keys, as one line of space-separated fields, PLOVER type last:
        ``"<YYYY-MM or -> <ab|ba|both> <1|0 factual> <CAMEO> <QuadClass> <Goldstein> <type>"``.
        """
        return (f"{self.month} {self.direction} {int(self.factual)} {self.cameo_code} "
                f"{self.quad_class} {self.goldstein!r} {self.plover_type}")

    @classmethod
    def parse(cls, first_key: str, second_key: str, text: str) -> Cell:
        """The cell that `text` spells for the pair (the inverse of `Cell.text`)."""
        month, direction, factual, cameo, quad, goldstein, plover_type = text.split(" ", 6)
        return cls(first_key, second_key, month, direction, factual == "1", cameo, int(quad),
                   float(goldstein), plover_type)


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
                        int(event.quad_class), float(event.goldstein), event.plover_type)
            cells.setdefault(cell, set()).add(event.id)
    return {cell: len(events) for cell, events in sorted(cells.items())}
