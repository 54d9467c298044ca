"""A Neo4j 5.26+ server as the store, written with batched ``UNWIND ... MERGE`` transactions.

The graph's shape is described in `diplograph.graph.stores.neo4j.shape`. Each article is written whole
inside one transaction that first retracts what the article wrote before (its events, their direct
actor links, its affiliations) and then merges the new rows, so re-ingest is exact, a crash never
leaves an article half old and half new, and writing the same batch twice changes nothing.
Articles are grouped into transactions of about `batch_size` events; the driver's managed
transactions retry transient failures (deadlocks, leader changes, a dropped connection).

The timeline rollup (:Rollup nodes, see `diplograph.graph.stores.neo4j.shape`) moves in the same
transaction: the writer reads the tallies the articles stored last time and the rollup nodes
they touch, and writes those nodes back with the difference added, so the rollup always equals
the sum of the tallies of the articles present, whatever order they came and went in.

Actors are shared between articles. An actor left with no relationship at all once an article is
replaced or deleted is removed, so the graph holds the same actors as the RDF store would, and
the graph after any sequence of writes and deletes is the graph a fresh load of the surviving
articles gives.

Raw queries run in a read transaction unless ``write=True``: the server itself refuses a write in
read access mode, so ``diplograph query --cypher`` cannot change the graph by accident.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from diplograph.errors import QueryError, StoreError

try:
    import neo4j
except ImportError as missing:  # an optional dependency: only Neo4j users need it
    raise StoreError("a bolt:// or neo4j:// store needs the Neo4j driver: "
                     "pip install neo4j") from missing
from neo4j.exceptions import (
    AuthError,
    ClientError,
    CypherSyntaxError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from diplograph.graph import rollup
from diplograph.graph.model import Actor, Article, ArticleGraph, Event, Location
from diplograph.graph.records import EventRecord
from diplograph.graph.rollup import Cell
from diplograph.graph.stores.neo4j import shape
from diplograph.graph.stores.protocol import PARTNER_KINDS, MonthCount, PartnerCount, RollupFilter

if TYPE_CHECKING:
    from pyoxigraph import Quad

T = TypeVar("T")

MIN_VERSION = (5, 26)  # dynamic labels and relationship types in MERGE/SET

#: Events per transaction in `write_bulk`: five times the default writer's, and within the
#: transaction memory of a server with a 512 MB heap (a batch the server refuses for memory is
#: split in two and tried again).
BULK_BATCH = 5_000

#: Run once per store before the first write; each is a no-op when already there.
SCHEMA = (
    "CREATE CONSTRAINT diplograph_actor_id IF NOT EXISTS FOR (x:Actor) REQUIRE x.id IS UNIQUE",
    "CREATE CONSTRAINT diplograph_event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT diplograph_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT diplograph_lookup_key IF NOT EXISTS "
    "FOR (k:LookupKey) REQUIRE k.key IS UNIQUE",
    "CREATE INDEX diplograph_event_plover_type IF NOT EXISTS FOR (e:Event) ON (e.plover_type)",
    "CREATE INDEX diplograph_event_date IF NOT EXISTS FOR (e:Event) ON (e.date)",
    "CREATE INDEX diplograph_affiliation_article IF NOT EXISTS "
    "FOR ()-[r:AFFILIATED_WITH]-() ON (r.article_id)",
    # A rollup node's id is its pair's IRI (and month): unique, so two writers never make one
    # node twice, and a timeline reads its pair's months as one range of it. A partner list
    # seeks one key, the all-time month (or a range of months) and a prefix of the other key,
    # the key on either side of the sorted pair.
    "CREATE CONSTRAINT diplograph_rollup_id IF NOT EXISTS FOR (r:Rollup) REQUIRE r.id IS UNIQUE",
    "CREATE INDEX diplograph_rollup_first IF NOT EXISTS "
    "FOR (r:Rollup) ON (r.first, r.month, r.second)",
    "CREATE INDEX diplograph_rollup_second IF NOT EXISTS "
    "FOR (r:Rollup) ON (r.second, r.month, r.first)",
)

# Retracting articles: direct links first, then the events, then the affiliations. Each
# returns the actors it touched, to look for orphans afterwards. A direct link runs from one of
# the event's sources to another of its actors (a target, or a fellow source of a joint act);
# matching it between the two known ends keeps a busy actor's other links out of the search.
RETRACT_DIRECT = """
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:REPORTED_IN]-(e:Event)
MATCH (s:Actor)-[:SOURCE_OF]->(e)-[:SOURCE_OF|TARGETS]-(t:Actor)
MATCH (s)-[d]->(t)
WHERE d.event_id = e.id
WITH DISTINCT d
DELETE d
"""
RETRACT_EVENTS = """
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:REPORTED_IN]-(e:Event)
OPTIONAL MATCH (e)-[:SOURCE_OF|TARGETS]-(x:Actor)
WITH e, collect(x.id) AS actors
DETACH DELETE e
RETURN actors
"""
RETRACT_AFFILIATIONS = """
UNWIND $ids AS id
MATCH (p:Actor)-[r:AFFILIATED_WITH {article_id: id}]->(c:Actor)
DELETE r
RETURN [p.id, c.id] AS actors
"""
DELETE_ORPHANS = """
UNWIND $ids AS id
MATCH (x:Actor {id: id})
WHERE NOT EXISTS { (x)-[:SOURCE_OF|TARGETS|AFFILIATED_WITH]-() }
DETACH DELETE x
"""
# An actor that lost relationships but is still in the graph takes its name (and a person its
# country) from what the remaining articles say, as if they had been written on their own, and
# loses the lookup keys none of them gives it any more.
REDESCRIBE_ACTORS = """
UNWIND $ids AS id
MATCH (x:Actor {id: id})
CALL (x) {
  OPTIONAL MATCH (x)-[r:SOURCE_OF|TARGETS]-(:Event)
  RETURN min(r.name) AS name, min(r.country) AS country, min(r.wikidata) AS wikidata
}
SET x.name = name, x.wikidata = wikidata,
    x.country = CASE x.type WHEN 'country' THEN x.country ELSE country END
WITH x
MATCH (x)-[known:KNOWN_AS]->(k:LookupKey)
WHERE NOT EXISTS { MATCH (x)-[r:SOURCE_OF|TARGETS]-(:Event) WHERE k.key IN r.match_keys }
DELETE known
"""
ACTOR_KEYS = """
UNWIND $ids AS id
MATCH (:Actor {id: id})-[:KNOWN_AS]->(k:LookupKey)
RETURN collect(DISTINCT k.key) AS keys
"""
# Lookup keys no actor is known by any more.
DELETE_UNUSED_KEYS = """
UNWIND $keys AS key
MATCH (k:LookupKey {key: key})
WHERE NOT EXISTS { (k)--() }
DELETE k
"""
DELETE_ARTICLE = "MATCH (a:Article {id: $id}) DETACH DELETE a RETURN count(a) AS n"

# The rollup: what the articles added last time; the nodes they touch, locked (the documented
# dummy-property write) before they are read, so a concurrent writer waits instead of losing an
# update; and the nodes written back (shape.rollup_rows).
STORED_TALLIES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.tallies AS tallies
"""
LOCK_ROLLUP = """
UNWIND $rows AS row
MERGE (r:Rollup {id: row.id})
  ON CREATE SET r.first = row.first, r.second = row.second, r.month = row.month
SET r._lock = true
REMOVE r._lock
RETURN r.id AS id, r.series AS series
"""
WRITE_ROLLUP = """
UNWIND $rows AS row
MATCH (r:Rollup {id: row.id})
SET r.series = row.series, r.totals = row.totals
"""
# A bulk write moves the rollup only at its end; this marker says it has not yet (see
# `Neo4jStore.write_bulk`), and a store opened with it rebuilds the rollup.
MARK_STALE = "MERGE (:RollupStale {id: 'rollup'})"
UNMARK_STALE = "MATCH (m:RollupStale) DELETE m"
IS_STALE = "MATCH (m:RollupStale) RETURN count(m) > 0 AS stale"
DROP_ROLLUP = "MATCH (r:Rollup) CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
ALL_TALLIES = "MATCH (a:Article) WHERE a.tallies IS NOT NULL RETURN a.tallies AS tallies"
#: :Rollup nodes per transaction when a bulk write moves the rollup.
ROLLUP_BATCH = 5_000
DELETE_ROLLUP = """
UNWIND $ids AS id
MATCH (r:Rollup {id: id})
DELETE r
"""

# Writing: one UNWIND per kind of row (see shape.Rows), in this order.
MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row.props
"""
MERGE_ACTORS = """
UNWIND $rows AS row
MERGE (x:Actor {id: row.id})
SET x:$(row.label), x.type = row.type,
    x.name = CASE WHEN x.name IS NULL OR row.name < x.name THEN row.name ELSE x.name END,
    x.country = CASE WHEN x.country IS NULL OR row.country < x.country
                     THEN coalesce(row.country, x.country) ELSE x.country END,
    x.wikidata = CASE WHEN x.wikidata IS NULL OR row.wikidata < x.wikidata
                      THEN coalesce(row.wikidata, x.wikidata) ELSE x.wikidata END
WITH x, row
UNWIND row.keys AS key
MERGE (k:LookupKey {key: key})
MERGE (x)-[:KNOWN_AS]->(k)
"""
MERGE_EVENTS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MERGE (e:Event {id: row.id})
SET e = row.props
MERGE (e)-[r:REPORTED_IN]->(a)
SET r.sentence_index = row.sentence_index, r.span = row.span
"""
MERGE_SOURCES = """
UNWIND $rows AS row
MATCH (x:Actor {id: row.actor_id})
MATCH (e:Event {id: row.event_id})
MERGE (x)-[r:SOURCE_OF]->(e)
SET r = row.props
"""
MERGE_TARGETS = """
UNWIND $rows AS row
MATCH (x:Actor {id: row.actor_id})
MATCH (e:Event {id: row.event_id})
MERGE (e)-[r:TARGETS]->(x)
SET r = row.props
"""
# CREATE, not MERGE: a MERGE on a dynamic relationship type scans every relationship in the
# graph for each row (Neo4j 5.26). CREATE is exact here because the transaction has just
# retracted every direct link of these articles, and `shape.rows` gives each link once.
MERGE_DIRECT = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (s)-[r:$(row.type)]->(t)
SET r.event_id = row.event_id, r.article_id = row.article_id, r.date = row.date
"""
MERGE_AFFILIATIONS = """
UNWIND $rows AS row
MERGE (p:Actor {id: row.actor_id})
  ON CREATE SET p:Person, p.type = 'person'
MERGE (c:Actor {id: row.country_id})
  ON CREATE SET c:Country, c.type = 'country', c.country = row.country
MERGE (p)-[r:AFFILIATED_WITH {id: row.id, article_id: row.article_id}]->(c)
SET r = row.props
"""
COUNT = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes + relationships AS size
"""


class Neo4jStore:
    """A database on a Neo4j server, reached over Bolt.

    Credentials come from the arguments, else ``NEO4J_USER``/``NEO4J_PASSWORD``; with no password
    the driver connects without authentication (a server with auth off). The database comes from
    the argument, else ``NEO4J_DATABASE``, else "neo4j".

    Args:
        address: a ``bolt://``, ``bolt+s://``, ``neo4j://`` or ``neo4j+s://`` URI.
        user: user name (default "neo4j" when a password is given).
        password: password; prefer the environment variable to a command line.
        database: the database to use.
        batch_size: about how many events go into one write transaction; whole articles only.

    Raises:
        StoreError: when the server cannot be reached, refuses the credentials, has no such
            database, or is older than Neo4j 5.26.

    Example::

        with Neo4jStore("bolt://localhost:7687", database="news") as store:
            store.write(graphs)
            store.query("MATCH (e:Event {plover_type: $t}) RETURN count(e) AS n", {"t": "AID"})
    """

    language = "cypher"

    def __init__(self, address: str, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, batch_size: int = 1000):
        if batch_size < 1:
            raise StoreError(f"batch_size must be at least 1, got {batch_size}")
        self.address = address
        self.database = database or os.environ.get("NEO4J_DATABASE") or "neo4j"
        self.batch_size = batch_size
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        user = user or os.environ.get("NEO4J_USER") or "neo4j"
        auth = (user, password) if password is not None else None
        self._schema_ready = False
        try:
            self._driver: neo4j.Driver | None = neo4j.GraphDatabase.driver(
                address, auth=auth, connection_timeout=10.0)
        except (DriverError, ValueError) as err:
            raise StoreError(f"cannot use Neo4j address {address!r}: {err}") from err
        try:
            self._check_server(user if auth else None)
            if self._execute(lambda tx: tx.run(IS_STALE).single(strict=True)["stale"],
                             write=False):
                self.rebuild_rollup()
        except BaseException:
            self.close()
            raise

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            raise StoreError(f"Neo4j store {self.address} is closed")
        return self._driver

    def _check_server(self, user: str | None) -> None:
        """Fail now, with the fix, rather than on the first write."""
        where = f"Neo4j at {self.address} (database {self.database!r})"
        try:
            self.driver.verify_connectivity()
            with self.driver.session(database=self.database,
                                     default_access_mode=neo4j.READ_ACCESS) as session:
                record = session.run("CALL dbms.components() YIELD versions "
                                     "RETURN versions[0] AS version").single(strict=True)
        except AuthError as err:
            who = f"user {user!r}" if user else "no credentials"
            raise StoreError(
                f"{where} refused {who}: {err.message}; set NEO4J_USER and NEO4J_PASSWORD "
                "to an account of that server") from err
        except (ServiceUnavailable, SessionExpired, OSError) as err:
            raise StoreError(
                f"cannot reach {where}: {_one_line(err)}; start the server or fix the address "
                "(--store / DIPLOGRAPH_STORE)") from err
        except ClientError as err:
            if err.code and "DatabaseNotFound" in err.code:
                raise StoreError(f"{where}: no such database; create it or set NEO4J_DATABASE "
                                 "to an existing one") from err
            raise StoreError(f"{where} refused the connection check: {err.message}") from err
        version = str(record["version"])
        if _version(version) < MIN_VERSION:
            raise StoreError(f"{where} runs Neo4j {version}; diplograph needs 5.26 or later "
                             "(it writes dynamic labels and relationship types)")

    def _session(self, access_mode: str) -> neo4j.Session:
        return self.driver.session(database=self.database, default_access_mode=access_mode)

    def _execute(self, work: Callable[[neo4j.ManagedTransaction], T], *, write: bool) -> T:
        """Run `work` in a managed transaction, which the driver retries on transient errors."""
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        try:
            with self._session(mode) as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except (ServiceUnavailable, SessionExpired) as err:
            raise StoreError(f"lost Neo4j at {self.address}: {_one_line(err)}") from err

    def _change(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        """A write of our own; the server refusing it (permissions, a read replica) is a
        StoreError, since the user can only fix it on the server side."""
        try:
            return self._execute(work, write=True)
        except Neo4jError as err:
            raise StoreError(f"Neo4j at {self.address} (database {self.database!r}) refused "
                             f"a write: {err.message}; check the account's rights") from err

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes the writer relies on, once."""
        if self._schema_ready:
            return

        def work(tx: neo4j.ManagedTransaction) -> None:
            for statement in SCHEMA:
                tx.run(statement).consume()

        self._change(work)
        self._schema_ready = True

    def write(self, batch: Iterable[ArticleGraph]) -> int:
        """Replace each article's contribution, a transaction of about `batch_size` events at a time.

        When one batch holds the same article twice, the later one wins.
        """
        graphs = list(batch)
        latest = {ag.article.id: ag for ag in graphs}
        self.ensure_schema()
        for chunk in _chunks(latest.values(), self.batch_size):
            rows = shape.rows(chunk)
            ids = [ag.article.id for ag in chunk]
            self._change(lambda tx, rows=rows, ids=ids: _replace(tx, ids, rows))
        return len(graphs)

    def write_bulk(self, graphs: Iterable[ArticleGraph], *, batch_size: int = BULK_BATCH,
                   on_written: Callable[[int], None] | None = None) -> int:
        """Write a stream of articles (millions of them) in large transactions of about
        `batch_size` events; the store ends as `write` would leave it.

        The same replace-then-merge transactions as `write`, five times larger, but the rollup
        moves once, at the end, by the tallies of the whole stream: rewriting a busy pair's
        :Rollup nodes in every transaction is where the time of the plain writer goes. A
        :RollupStale marker node stands from the first transaction to the last; a store
        opened with it still there (an import killed midway) rebuilds its rollup from the
        articles' tallies, and running the import again finishes it. `on_written` is told how
        many articles each transaction held.
        """
        self.ensure_schema()
        self._change(lambda tx: tx.run(MARK_STALE).consume())
        change: Counter[Cell] = Counter()
        written = 0
        for chunk in _chunks(graphs, batch_size):
            change.update(self._replace_all(list({ag.article.id: ag for ag in chunk}.values())))
            written += len(chunk)
            if on_written:
                on_written(len(chunk))
        self._add_to_rollup(change)
        self._change(lambda tx: tx.run(UNMARK_STALE).consume())
        return written

    def rebuild_rollup(self) -> None:
        """Compute the rollup afresh from every article's tallies (after a bulk write died)."""
        self._change(lambda tx: tx.run(MARK_STALE).consume())
        with self._session(neo4j.WRITE_ACCESS) as session:
            session.run(DROP_ROLLUP).consume()
        tallies = self._execute(lambda tx: rollup.parse_tally_entries(
            entry for record in tx.run(ALL_TALLIES) for entry in record["tallies"]), write=False)
        self._add_to_rollup(tallies)
        self._change(lambda tx: tx.run(UNMARK_STALE).consume())

    def _add_to_rollup(self, change: Mapping[Cell, int]) -> None:
        """Add `change` to the :Rollup nodes, a transaction per few thousand nodes."""
        nodes = shape.rollup_changes(
            rollup.pair_changes({cell: n for cell, n in change.items() if n}))
        keys = sorted(nodes)
        for start in range(0, len(keys), ROLLUP_BATCH):
            part = {key: nodes[key] for key in keys[start:start + ROLLUP_BATCH]}
            self._change(lambda tx, part=part: _write_rollup(tx, part))

    def _replace_all(self, graphs: list[ArticleGraph], attempts: int = 3) -> Counter[Cell]:
        """Replace the articles in one transaction, or in halves when the server has not the
        memory for one (its transaction memory limit follows its heap). Leaves the rollup
        alone and returns what it must move by (new tallies less those the articles had).

        An explicit transaction rather than a managed one: the driver would retry a memory
        refusal for half a minute before giving up; other transient errors (a deadlock) are
        retried here.
        """
        rows = shape.rows(graphs)
        ids = [ag.article.id for ag in graphs]
        try:
            with self._session(neo4j.WRITE_ACCESS) as session, \
                    session.begin_transaction() as tx:
                change = Counter(rows.tallies)
                change.subtract(_stored_tallies(tx, ids))
                _replace(tx, ids, rows, move_rollup=False)
                tx.commit()
                return change
        except TransientError as err:
            if "MemoryPoolOutOfMemory" in (err.code or "") and len(graphs) > 1:
                half = len(graphs) // 2
                return self._replace_all(graphs[:half]) + self._replace_all(graphs[half:])
            if attempts > 1:
                return self._replace_all(graphs, attempts - 1)
            else:
                raise StoreError(f"Neo4j at {self.address} could not write: "
                                 f"{err.message}") from err
        except (ServiceUnavailable, SessionExpired) as err:
            raise StoreError(f"lost Neo4j at {self.address}: {_one_line(err)}") from err
        except Neo4jError as err:
            raise StoreError(f"Neo4j at {self.address} (database {self.database!r}) refused "
                             f"a write: {err.message}") from err

    def delete_article(self, article_id: str) -> bool:
        def work(tx: neo4j.ManagedTransaction) -> bool:
            _move_rollup(tx, [article_id], {})
            touched = _retract(tx, [article_id])
            deleted = tx.run(DELETE_ARTICLE, id=article_id).single(strict=True)["n"]
            _tidy(tx, touched)
            return deleted > 0

        return self._change(work)

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              write: bool = False) -> list[dict[str, Any]]:
        """Run Cypher with bound parameters, in a read transaction unless `write`.

        Reads run in a managed transaction, retried on transient errors; the server refuses any
        write in it. A write runs once, in an auto-commit transaction.

        Nodes come back as dicts of their properties, relationships as [start, type, end] lists,
        temporal values as ISO strings.

        Raises:
            QueryError: when the query is malformed, a parameter is missing, or it writes in
                read mode.
        """
        parameters = dict(params or {})

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [_plain(record.data()) for record in tx.run(text, parameters)]

        try:
            if not write:
                return self._execute(work, write=False)
            # A user's write runs once, in an auto-commit transaction: a retry could repeat a
            # CREATE, and only auto-commit allows CALL { ... } IN TRANSACTIONS for big changes.
            with self._session(neo4j.WRITE_ACCESS) as session:
                return [_plain(record.data()) for record in session.run(text, parameters)]
        except (ServiceUnavailable, SessionExpired) as err:
            raise StoreError(f"lost Neo4j at {self.address}: {_one_line(err)}") from err
        except CypherSyntaxError as err:
            raise QueryError(f"Cypher syntax error: {err.message}") from err
        except ClientError as err:
            if err.code == "Neo.ClientError.Statement.AccessMode":
                raise QueryError("this query writes, and queries are read-only unless asked; "
                                 "pass --write (write=True) to let it change the graph") from err
            raise QueryError(f"Neo4j refused the query: {err.message}") from err
        except Neo4jError as err:
            raise QueryError(f"Neo4j could not run the query: {err.message}") from err

    def pair_months(self, a_key: str, b_key: str, filters: RollupFilter, *,
                    directed: bool = False) -> list[MonthCount]:
        """The pair's rollup, a :Rollup node a month inside the bounds, summed in Python."""
        pair_iri, directions = rollup.pair(a_key, b_key, directed=directed)
        rows = self.query(_reading("timeline"), {
            "dyad_iri": pair_iri, "since": filters.since, "until": filters.until})
        return rollup.month_counts((row["series"] for row in rows), filters, directions)

    def partner_counts(self, key: str, kind: str, filters: RollupFilter) -> list[PartnerCount]:
        """The :Rollup nodes of `key` with counterparts of `kind`: all-time nodes without date
        bounds, a node a month inside them."""
        if kind not in PARTNER_KINDS:
            raise QueryError(f"unknown partner kind {kind!r}; choose one of "
                             f"{', '.join(PARTNER_KINDS)}")
        rows = self.query(_reading("partners"), {
            "key": key, "prefix": PARTNER_KINDS[kind], "since": filters.since,
            "until": filters.until, "level": rollup.partner_level(filters)})
        return rollup.partner_counts(key, ((row["pair"], row["packed"]) for row in rows),
                                     filters)

    def stored_quads(self) -> None:
        """None: a Neo4j store keeps no RDF of its own (see `event_quads`)."""
        return None

    def event_quads(self, records: Sequence[EventRecord]) -> list[Quad]:
        """The chosen events mapped back to model objects and through the RDF mapping
        (`diplograph.graph.rdf.article_quads`).

        The same statements the embedded store keeps, except actor aliases, lookup keys from
        aliases or affiliations, and affiliations, which a record does not carry.
        """
        from diplograph.graph.rdf import article_quads

        by_article: dict[str, list[EventRecord]] = {}
        for record in records:
            by_article.setdefault(record.article_id, []).append(record)
        quads: list[Quad] = []
        for article_id, group in by_article.items():
            head = group[0]
            article = Article(text="", id=article_id, title=head.article_title,
                              date=head.article_date, url=head.article_url)
            events = tuple(_event(r) for r in group)
            quads.extend(article_quads(ArticleGraph(article, events)))
        return quads

    def count(self) -> int:
        """Nodes plus relationships."""
        return self._execute(lambda tx: tx.run(COUNT).single(strict=True)["size"], write=False)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@cache
def _reading(name: str) -> str:
    """The Cypher of one of the rollup reads kept beside this module."""
    return (resources.files("diplograph.graph.stores.neo4j") / f"{name}.cypher").read_text(
        encoding="utf-8")


def _event(r: EventRecord) -> Event:
    """A record as the model event the extractor would have written (see `event_quads`)."""
    return Event(
        article_id=r.article_id, sentence_index=r.sentence_index, sentence=r.sentence,
        span=r.span, trigger=r.trigger, predicate=r.predicate, plover_type=r.plover_type,
        cameo_code=r.cameo_code, goldstein=r.goldstein, quad_class=r.quad_class,
        source=tuple(Actor(a.name, a.type, a.country, id=a.id) for a in r.source),
        target=tuple(Actor(a.name, a.type, a.country, id=a.id) for a in r.target),
        plover_mode=r.plover_mode, plover_context=r.plover_context, object=r.object,
        date=r.date, negated=r.negated, modality=r.modality,  # type: ignore[arg-type]
        confidence=r.confidence, id=r.id, date_basis=r.date_basis,  # type: ignore[arg-type]
        mention_sentences=r.mention_sentences, story_key=r.story_key,
        location=Location(r.location_name, r.location_country) if r.location_name else None)


def _replace(tx: neo4j.ManagedTransaction, article_ids: list[str], rows: shape.Rows, *,
             move_rollup: bool = True) -> None:
    """Move the rollup by the change in the articles' tallies (unless the caller does it),
    retract the articles, merge their new rows, then drop actors nothing points to any more."""
    if move_rollup:
        _move_rollup(tx, article_ids, rows.tallies)
    touched = _retract(tx, article_ids)
    for statement, batch in ((MERGE_ARTICLES, rows.articles), (MERGE_ACTORS, rows.actors),
                             (MERGE_EVENTS, rows.events), (MERGE_SOURCES, rows.sources),
                             (MERGE_TARGETS, rows.targets), (MERGE_DIRECT, rows.direct),
                             (MERGE_AFFILIATIONS, rows.affiliations)):
        if batch:
            tx.run(statement, rows=batch).consume()
    _tidy(tx, touched)


def _move_rollup(tx: neo4j.ManagedTransaction, article_ids: list[str],
                 tallies: Mapping[Cell, int]) -> None:
    """Change the rollup from the tallies the articles stored last time to `tallies`.

    Runs before the articles' nodes are rewritten or deleted, while they still hold the old ones.
    """
    change = Counter(tallies)
    change.subtract(_stored_tallies(tx, article_ids))
    _write_rollup(tx, shape.rollup_changes(
        rollup.pair_changes({cell: n for cell, n in change.items() if n})))


def _stored_tallies(tx: neo4j.ManagedTransaction, article_ids: list[str]) -> Counter[Cell]:
    """The tallies the articles stored when they were last written (none for new ones)."""
    return rollup.parse_tally_entries(
        entry for record in tx.run(STORED_TALLIES, ids=article_ids)
        for entry in record["tallies"] or ())


def _write_rollup(tx: neo4j.ManagedTransaction,
                  nodes: Mapping[tuple[str, str, str, str], Counter]) -> None:
    """Add the changes of `shape.rollup_changes` to the :Rollup nodes, locked first."""
    if not nodes:
        return
    stored = {r["id"]: r["series"] for r in tx.run(LOCK_ROLLUP, rows=shape.rollup_keys(nodes))}
    write, drop = shape.rollup_rows(nodes, stored)
    if write:
        tx.run(WRITE_ROLLUP, rows=write).consume()
    if drop:
        tx.run(DELETE_ROLLUP, ids=drop).consume()


def _tidy(tx: neo4j.ManagedTransaction, touched: set[str]) -> None:
    """Remove actors nothing points to any more; re-describe the others from what is left."""
    if touched:
        ids = sorted(touched)
        keys = tx.run(ACTOR_KEYS, ids=ids).single(strict=True)["keys"]
        tx.run(DELETE_ORPHANS, ids=ids).consume()
        tx.run(REDESCRIBE_ACTORS, ids=ids).consume()
        tx.run(DELETE_UNUSED_KEYS, keys=keys).consume()


def _retract(tx: neo4j.ManagedTransaction, article_ids: list[str]) -> set[str]:
    """Delete what the articles wrote except their nodes; the ids of the actors involved."""
    tx.run(RETRACT_DIRECT, ids=article_ids).consume()
    touched: set[str] = set()
    for statement in (RETRACT_EVENTS, RETRACT_AFFILIATIONS):
        for record in tx.run(statement, ids=article_ids):
            touched.update(record["actors"])
    return touched


def _chunks(graphs: Iterable[ArticleGraph], size: int) -> Iterator[list[ArticleGraph]]:
    """Whole articles, grouped until a group holds about `size` events (an article counts >= 1)."""
    chunk: list[ArticleGraph] = []
    events = 0
    for ag in graphs:
        chunk.append(ag)
        events += max(1, len(ag.events))
        if events >= size:
            yield chunk
            chunk, events = [], 0
    if chunk:
        yield chunk


def _plain(value: Any) -> Any:
    """A driver value as plain Python: temporal values as ISO strings, containers walked."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


def _version(text: str) -> tuple[int, ...]:
    """'5.26.30' -> (5, 26); calendar versions like '2025.01.0' sort after every 5.x.

    >>> _version("5.26.30"), _version("5.9.0") < MIN_VERSION, _version("2025.01.0") > MIN_VERSION
    ((5, 26), True, True)
    """
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)
