"""`EventFilter`: the one filter every question takes, so a filter means the same thing everywhere.

Who (an actor, and optionally the counterpart on the other side), what (PLOVER types, CAMEO
codes or roots, QuadClasses), when (`since`/`until`, inclusive, at any ISO precision), and whether
events that did not happen count (negated, future and hypothetical events are left out unless
`include_all`). Values are checked and made canonical when the filter is made, and kept as typed
tuples; they may be given as a command line gives them, lists or comma-separated words:

>>> EventFilter(plover_types="consult, aid", cameo=["42", "17"], quad_classes="1").plover_types
('CONSULT', 'AID')
>>> EventFilter(cameo=["42", "17"], quad_classes="1,3")
EventFilter(cameo=('042', '17'), quad_classes=(1, 3))

A question's templates get the values through `params` (a SPARQL parameter is one literal, so
lists travel there as "|a|b|" strings); the store's rollup reads through `rollup_filter`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph import codes
from diplograph.graph.lookup import lookup_key
from diplograph.graph.model import ORIGINS
from diplograph.graph.stores import RollupFilter
from diplograph.queries.dates import date_bound


def _words(value: str | Iterable[Any] | None) -> list[str]:
    """Filter values given as a list, comma-separated, or both (as a command line gives them).

    >>> _words(("CONSULT,aid", "AGREE")), _words("04"), _words([1, 3])
    (['CONSULT', 'aid', 'AGREE'], ['04'], ['1', '3'])
    """
    if value is None:
        return []
    items = [value] if isinstance(value, (str, int)) else value
    return [word.strip() for item in items for word in str(item).split(",") if word.strip()]


def _origins(word: str) -> tuple[str, ...]:
    """The origins a word names: one of `ORIGINS`, or a family ("gdelt" is gdelt1 and gdelt2).

    >>> _origins("GDELT"), _origins("icews")
    (('gdelt1', 'gdelt2'), ('icews',))
    """
    name = word.lower()
    family = tuple(o for o in ORIGINS if o.rstrip("0123456789") == name and o != name)
    if name in ORIGINS or family:
        return (name,) if name in ORIGINS else family
    raise QueryError(f"unknown origin {word!r}: choose one of {', '.join(ORIGINS)} "
                     "(or gdelt for both GDELT versions)")


def _quad_class(word: str) -> int:
    if word not in {str(n) for n in codes.QUAD_CLASSES}:
        raise QueryError(f"unknown QuadClass {word!r}: choose 1 (verbal cooperation), "
                         "2 (material cooperation), 3 (verbal conflict) or "
                         "4 (material conflict)")
    return int(word)


@dataclass(frozen=True)
class EventFilter:
    """Which events to keep; every field left at its default keeps everything.

    Attributes:
        actor: an actor on either side of the event (only the source side when `directed`).
        counterpart: with `actor`, an actor on the other side.
        directed: the actor must be the source (and the counterpart the target).
        plover_types: PLOVER types, any letter case ("consult", "AID"); kept canonical.
        cameo: CAMEO codes or roots ("04" keeps 040-0461, "042" only visits); a dropped leading
            zero is forgiven ("42" is 042).
        quad_classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
            4 material conflict.
        since: earliest date, inclusive; an event counts when its whole date period lies inside
            the bounds, so a bound leaves out undated events and ones dated more coarsely.
        until: latest date, inclusive ("2017" keeps all of 2017).
        include_all: keep negated, future and hypothetical events too.
        origins: datasets the events came from ("extract" for extracted ones, "gdelt1",
            "icews", ...; "gdelt" is both GDELT versions), so imported and extracted events
            can be compared side by side.

    Raises:
        QueryError: for an unknown PLOVER type, CAMEO code or QuadClass, a malformed date, a
            counterpart without an actor, or `since` after `until`.
    """

    actor: str | None = None
    counterpart: str | None = None
    directed: bool = False
    plover_types: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    since: str | None = None
    until: str | None = None
    include_all: bool = False
    origins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.counterpart and not self.actor:
            raise QueryError("a counterpart needs an actor: give the actor too "
                             "(for example actor='KGZ', counterpart='CHN')")
        typed = {
            "plover_types": (codes.plover_type(t).type for t in _words(self.plover_types)),
            "cameo": (codes.cameo(c).code for c in _words(self.cameo)),
            "quad_classes": (_quad_class(q) for q in _words(self.quad_classes)),
            "origins": (o for word in _words(self.origins) for o in _origins(word)),
        }
        for name, values in typed.items():
            object.__setattr__(self, name, tuple(dict.fromkeys(values)))
        object.__setattr__(self, "directed", bool(self.directed))
        object.__setattr__(self, "include_all", bool(self.include_all))
        since, until = self.bounds()
        if since and until and since > until:
            raise QueryError(f"since ({self.since}) is after until ({self.until}); swap them")

    def __repr__(self) -> str:
        """Only the fields that filter something."""
        given = [f"{f.name}={getattr(self, f.name)!r}" for f in fields(self)
                 if getattr(self, f.name) != f.default]
        return f"EventFilter({', '.join(given)})"

    def bounds(self) -> tuple[str, str]:
        """`since` and `until` padded to full days ("" for none), as templates compare them."""
        return (date_bound(self.since, "since", first=True),
                date_bound(self.until, "until", first=False))

    def params(self) -> dict[str, Any]:
        """The template parameters; lists travel as '|a|b|' strings (one SPARQL literal each).

        >>> EventFilter(plover_types="consult, aid", quad_classes=[1]).params()["types"]
        '|CONSULT|AID|'
        """
        since, until = self.bounds()
        return {
            "actor_key": lookup_key(self.actor) if self.actor else "",
            "counterpart_key": lookup_key(self.counterpart) if self.counterpart else "",
            "directed": self.directed,
            "types": _joined(self.plover_types), "cameo": _joined(self.cameo),
            "quad_classes": _joined(str(q) for q in self.quad_classes),
            "since": since, "until": until, "include_all": self.include_all,
            "origins": _joined(self.origins),
        }

    def rollup_filter(self) -> RollupFilter:
        """What a store's rollup reads take: the same filter, dates at month precision."""
        since, until = self.bounds()
        return RollupFilter(since=since[:7], until=until[:7], plover_types=self.plover_types,
                            cameo=self.cameo, quad_classes=self.quad_classes,
                            include_all=self.include_all, origins=self.origins)

    def describe(self) -> str:
        """The filters in a few words, for titles: "KGZ and CHN, CONSULT, 2019 to 2020".

        >>> EventFilter(actor="KGZ", counterpart="CHN", directed=True, since="2019").describe()
        'KGZ to CHN, from 2019'
        >>> EventFilter().describe()
        'all events'
        """
        words = []
        if self.actor:
            link = " to " if self.directed else " and "
            words.append(self.actor + (link + self.counterpart if self.counterpart else ""))
        for label, values in (("", self.plover_types), ("CAMEO ", self.cameo),
                              ("QuadClass ", self.quad_classes)):
            if values:
                words.append(label + "/".join(str(v) for v in values))
        if self.since and self.until:
            words.append(f"{self.since} to {self.until}")
        elif self.since or self.until:
            words.append(f"from {self.since}" if self.since else f"until {self.until}")
        if self.origins:
            words.append("from " + "/".join(self.origins))
        if self.include_all:
            words.append("negated and unrealised included")
        return ", ".join(words) or "all events"


def chosen(filters: EventFilter | None, **keywords: Any) -> EventFilter:
    """The filter a question was asked with: `filters`, or one made of the filter keywords.

    Raises:
        QueryError: for both an EventFilter and keywords that filter something, or a keyword
            that is not a filter.
    """
    if filters is not None:
        if any(value not in (None, (), "", False) for value in keywords.values()):
            raise QueryError("give either an EventFilter or filter keywords, not both")
        return filters
    try:
        return EventFilter(**keywords)
    except TypeError as err:
        names = ", ".join(f.name for f in fields(EventFilter))
        raise QueryError(f"{err}; the event filters are {names}") from err


def _joined(values: Iterable[str]) -> str:
    listed = list(values)
    return "|" + "|".join(listed) + "|" if listed else ""
