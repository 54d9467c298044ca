"""`ask path A B`: the shortest chains of relations between two actors, with the events on each hop.

Two actors are related when some event links them: they form one of its dyads
(`diplograph.graph.model.Event.dyads`: a source and a target, or two sources of a joint act),
in either direction, under the usual filters (dates, types, negated and unrealised events left
out unless `include_all`). Actors are nodes by id. Country actors are nodes like any other and may
sit in the middle of a chain: "Kyrgyzstan -> China -> Russia" is a real chain of relations, and
it is often the only one the news gives.

`A` and `B` are lookup keys (`diplograph.graph.lookup.lookup_key`), so each may name several
actors: "KGZ" is every actor some article gives that country, the country itself, its president
and its ministers. The search starts from all of them at once, so a chain never passes through a
second actor of its own end (a shorter chain would start there). An actor that both ends name
(asking for KGZ and Atambayev) is a chain of no hops.

The search is a bidirectional breadth-first search here in Python, over one `neighbours` template
per backend that lists one actor's linked actors and events; the algorithm is therefore the same
on every backend, and so are the answers. It expands the smaller frontier one whole level at a
time, so it stops at the first level where the two searches meet, with every shortest chain
found; each chain costs one query per actor expanded, not one per chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.lookup import lookup_key
from diplograph.graph.stores import Store
from diplograph.graph.vocab import resource_iri
from diplograph.queries.filters import EventFilter, chosen
from diplograph.queries.templates import run

#: How an event runs along a hop: the hop's first actor acted on the second ("forward"), the
#: second on the first ("backward"), or both acted together ("joint").
_DIRECTIONS = {"out": "forward", "in": "backward", "joint": "joint"}
_REVERSED = {"forward": "backward", "backward": "forward", "joint": "joint"}


@dataclass(frozen=True)
class HopEvent:
    """An event that links the two actors of a hop; `direction` as in `_DIRECTIONS`."""

    event_id: str
    date: str | None
    direction: str
    plover_type: str
    cameo_code: str
    predicate: str
    article_id: str
    sentence: str


@dataclass(frozen=True)
class Hop:
    """One link of a chain, with every event (under the filters) that makes it, oldest first."""

    from_id: str
    to_id: str
    events: tuple[HopEvent, ...]


@dataclass(frozen=True)
class PathActor:
    """An actor of a chain; `name` is the smallest of the names the articles give it."""

    id: str
    name: str


@dataclass(frozen=True)
class PathRecord:
    """One shortest chain from an actor `A` names to an actor `B` names."""

    actors: tuple[PathActor, ...]
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)

    def to_dict(self) -> dict[str, Any]:
        return {"length": self.length, **asdict(self)}


def path(store: Store, a: str, b: str, *, max_hops: int = 4, limit: int = 5,
         since: str | None = None, until: str | None = None,
         plover_types: str | Iterable[str] | None = (),
         cameo: str | Iterable[str] | None = (),
         quad_classes: str | Iterable[int | str] | None = (),
         include_all: bool = False, filters: EventFilter | None = None) -> list[PathRecord]:
    """The shortest chains of at most `max_hops` relations from `a` to `b`, at most `limit` of them.

    Chains come in the order of their actor ids, so the same store gives the same first `limit`
    chains every time; none when the actors are unknown or further apart than `max_hops`.

    >>> import tempfile
    >>> from diplograph.graph.stores import open_store
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     path(store, "KGZ", "Vladimir Putin", since="2017")
    []

    Raises:
        QueryError: for `max_hops` or `limit` below 1, or a filter value that is not valid (see
            `EventFilter.params`).
    """
    if max_hops < 1 or limit < 1:
        raise QueryError(f"max_hops and limit must be at least 1, got max_hops={max_hops}, "
                         f"limit={limit}")
    search = _Search(store, chosen(
        filters, plover_types=plover_types, cameo=cameo, quad_classes=quad_classes, since=since,
        until=until, include_all=include_all).params())
    starts, ends = search.actors(a), search.actors(b)
    shared = sorted(starts & ends)
    if shared:
        return [PathRecord((search.actor(x),), ()) for x in shared[:limit]]
    chains = _shortest(search, starts, ends, max_hops)
    records = []
    for chain in chains:
        if len(records) == limit:
            break
        records.append(PathRecord(tuple(search.actor(x) for x in chain),
                                  tuple(search.hop(u, v) for u, v in zip(chain, chain[1:]))))
    return records


class _Search:
    """The store seen as a graph of actors: neighbours read once per actor, names, hop events."""

    def __init__(self, store: Store, filters: dict[str, Any]):
        self.store = store
        self.filters = filters
        self.names: dict[str, str] = {}
        self.links: dict[tuple[str, str], dict[str, HopEvent]] = {}
        self.seen: dict[str, list[str]] = {}

    def actors(self, spec: str) -> set[str]:
        """Ids of the actors a lookup key finds."""
        rows = run(self.store, "actor_names", {"key": lookup_key(spec)})
        for row in rows:
            self._name(row["actor_id"], row["name"])
        return {row["actor_id"] for row in rows}

    def neighbours(self, actor_id: str) -> list[str]:
        """The actors linked to `actor_id` by some event, in id order; one query per actor."""
        if actor_id not in self.seen:
            rows = run(self.store, "neighbours", {
                **self.filters, "actor_id": actor_id,
                "actor_iri": resource_iri("actor", actor_id)})
            for row in rows:
                other = row["neighbour_id"]
                self._name(actor_id, row["actor_name"])
                self._name(other, row["neighbour_name"])
                event = HopEvent(row["event_id"], row["date"], _DIRECTIONS[row["direction"]],
                                 row["plover_type"], row["cameo_code"], row["predicate"],
                                 row["article_id"], row["sentence"])
                self.links.setdefault((actor_id, other), {})[event.event_id] = event
                self.links.setdefault((other, actor_id), {})[event.event_id] = HopEvent(
                    **{**asdict(event), "direction": _REVERSED[event.direction]})
            self.seen[actor_id] = sorted({row["neighbour_id"] for row in rows})
        return self.seen[actor_id]

    def actor(self, actor_id: str) -> PathActor:
        return PathActor(actor_id, self.names.get(actor_id, actor_id))

    def hop(self, first: str, second: str) -> Hop:
        events = sorted(self.links[(first, second)].values(),
                        key=lambda e: (e.date is None, e.date or "", e.event_id))
        return Hop(first, second, tuple(events))

    def _name(self, actor_id: str, name: str | None) -> None:
        if name and (actor_id not in self.names or name < self.names[actor_id]):
            self.names[actor_id] = name


def _shortest(search: _Search, starts: set[str], ends: set[str],
              max_hops: int) -> Iterator[list[str]]:
    """Every shortest chain from `starts` to `ends` (disjoint), in order of their actor ids.

    Each side keeps, for every actor it reached, its distance and the actors one step nearer its
    own end that reach it (its parents). The first level at which the sides meet holds the
    middle actor of every shortest chain (the proof: before that level no chain of length
    `depth[0] + depth[1] - 1` or less existed, or the sides would have met already), and the
    parents lead from there to both ends.
    """
    parents: tuple[dict[str, set[str]], dict[str, set[str]]] = (
        {x: set() for x in starts}, {x: set() for x in ends})
    frontier = [sorted(starts), sorted(ends)]
    depth = [0, 0]
    middle: list[str] = []
    while not middle and depth[0] + depth[1] < max_hops and frontier[0] and frontier[1]:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        reached: dict[str, set[str]] = {}
        for actor_id in frontier[side]:
            for other in search.neighbours(actor_id):
                if other not in parents[side]:
                    reached.setdefault(other, set()).add(actor_id)
        parents[side].update(reached)
        depth[side] += 1
        frontier[side] = sorted(reached)
        middle = [x for x in frontier[side] if x in parents[1 - side]]
    if not middle:
        return
    # Children on the start side, kept only where they lead to a middle actor.
    children: dict[str, set[str]] = {}
    todo, useful = list(middle), set(middle)
    while todo:
        actor_id = todo.pop()
        for parent in parents[0][actor_id]:
            children.setdefault(parent, set()).add(actor_id)
            if parent not in useful:
                useful.add(parent)
                todo.append(parent)
    length = depth[0] + depth[1]

    def extend(chain: list[str]) -> Iterator[list[str]]:
        if len(chain) == length + 1:
            yield chain
            return
        last = chain[-1]
        following = children.get(last, ()) if len(chain) <= depth[0] else parents[1][last]
        for actor_id in sorted(following):
            yield from extend([*chain, actor_id])

    for start in sorted(useful & starts):
        yield from extend([start])
