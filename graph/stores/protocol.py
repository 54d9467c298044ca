"""The one door to a backend: the `Store` protocol, and the typed values its reads take and give.

Everything above `diplograph.graph` (the questions, exports, the CLI) reaches a backend only
through these methods. A backend keeps its own mapping beside it (`diplograph.graph.stores.oxigraph`,
`diplograph.graph.stores.neo4j`): how articles become its statements or nodes, how its rollup is
laid out and read back, how it answers for the RDF of chosen events. A new backend is done when
it passes tests/test_store_contract.py.

The rollup reads return counts, not the packed text a store keeps (`diplograph.graph.rollup`
owns that format), so a question never needs to know whether a backend returns a pair's whole
series in one literal or a row a month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from diplograph.graph.model import ArticleGraph
from diplograph.graph.records import EventRecord

if TYPE_CHECKING:
    from pyoxigraph import Quad

#: What a partner list's counterparts are: countries ("country:" keys) or single actors ("id:").
PARTNER_KINDS = {"country": "country:", "actor": "id:"}


@dataclass(frozen=True)
class RollupFilter:
    """Which counted events a timeline or partner list keeps; the defaults keep every event
    that happened.

    Attributes:
        since: first month, "YYYY-MM", inclusive ("" for no bound); a bound leaves out the events
            with no month.
        until: last month, "YYYY-MM", inclusive ("" for no bound).
        plover_types: PLOVER types to keep, canonical names ("CONSULT"); empty keeps all.
        cameo: CAMEO codes or roots to keep, matched as prefixes of two, three or four digits.
        quad_classes: QuadClasses to keep.
        include_all: count negated, future and hypothetical events too.
        origins: datasets to keep (`Event.origin`: "extract", "gdelt1", ...); empty keeps all.
    """

    since: str = ""
    until: str = ""
    plover_types: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    include_all: bool = False
    origins: tuple[str, ...] = ()


class MonthCount(NamedTuple):
    """Events of a pair in one month (None: no month), PLOVER type and QuadClass."""

    month: str | None
    plover_type: str
    quad_class: int
    events: int
    goldstein_sum: float


class PartnerCount(NamedTuple):
    """Events between the asked key and one counterpart key, by direction and QuadClass.

    `direction` is seen from the asked key: "out" (it was the source), "in", or "both" (a joint
    act of the two).
    """

    counterpart_key: str
    direction: str
    quad_class: int
    events: int
    goldstein_sum: float


@runtime_checkable
class Store(Protocol):
    """What every backend offers; queries in the backend's own language, parameters bound."""

    language: str  # "sparql" or "cypher"

    def write(self, batch: Iterable[ArticleGraph]) -> int:
        """Write articles, each replacing whatever that article wrote before; returns how many."""

    def delete_article(self, article_id: str) -> bool:
        """Remove everything an article contributed; True when there was something to remove."""

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              write: bool = False) -> list[dict[str, Any]]:
        """Run a query with bound parameters, read-only unless `write`; rows as plain dicts.

        Raises:
            QueryError: for a malformed query, a parameter that cannot be bound, or a write the
                backend does not allow.
        """

    def pair_months(self, a_key: str, b_key: str, filters: RollupFilter, *,
                    directed: bool = False) -> list[MonthCount]:
        """The rollup of the pair of two lookup keys, summed by month, PLOVER type and QuadClass.

        Events run from `a_key` to `b_key` when `directed`, either way otherwise.
        """

    def partner_counts(self, key: str, kind: str, filters: RollupFilter) -> list[PartnerCount]:
        """The rollup of every pair of `key` with a counterpart of `kind` (`PARTNER_KINDS`);
        a key is never its own partner."""

    def stored_quads(self) -> list[Quad] | None:
        """Every RDF statement the articles wrote (not derived data), for a lossless export;
        None from a backend that does not keep RDF."""

    def event_quads(self, records: Sequence[EventRecord]) -> list[Quad]:
        """The RDF statements about these events (see `diplograph.queries.export`)."""

    def count(self) -> int:
        """A size measure for idempotence checks: quads (RDF) or nodes + relationships (Neo4j)."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


@runtime_checkable
class BulkStore(Store, Protocol):
    """A store with a write path for streams of millions of articles (`diplograph import`).

    Optional: `diplograph.graph.stores.bulk.write_bulk` falls back to batches of `write` for a
    backend without one, so a new backend needs only the `Store` methods to take imports.
    """

    def write_bulk(self, graphs: Iterable[ArticleGraph], *,
                   on_written: Callable[[int], None] | None = None) -> int:
        """Write the articles, each replacing what it wrote before, as `write` would, only
        faster; `on_written` hears how many articles each step wrote. Returns how many."""
