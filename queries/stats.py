"""`diplograph stats`: what a store holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from diplograph.graph.stores import Store
from diplograph.queries.templates import run


@dataclass(frozen=True)
class Stats:
    """What is loaded. `size` is the backend's own measure: quads (RDF), nodes + edges (Neo4j)."""

    articles: int
    events: int
    actors: int
    size: int
    events_by_type: dict[str, int]
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stats(store: Store) -> Stats:
    """How many articles, events and actors are loaded, by PLOVER type, and the span of dates."""
    (row,) = run(store, "stats")
    by_type = {r["plover_type"]: r["events"] for r in run(store, "event_types")}
    return Stats(articles=row["articles"], events=row["events"], actors=row["actors"],
                 size=store.count(), events_by_type=dict(sorted(by_type.items())),
                 first_date=row["first_date"], last_date=row["last_date"])
