"""Load speed into Neo4j: diplograph's batched writer against a naive one-MERGE-per-event loop.

Both load the same deterministic synthetic events, in the same run, on the same server, into an
emptied database with the same constraints, and build the same graph (the script checks that the
node and relationship counts agree). "Batched" is `Neo4jStore.write`: whole articles in managed
transactions of about --batch-size events, one ``UNWIND $rows MERGE ...`` statement per kind of
row. "Naive" is what a first attempt looks like: for each event, one auto-commit statement that
MERGEs the event with its article, actors and links.

Both run once on 2,000 other events before anything is timed, so neither pays for JIT
compilation and query planning. The naive loop is slow enough that at the larger sizes it is timed on the first --naive-sample
events only (into a database that already holds nothing else); its rate is events per second
over that sample, and the output says so.

Usage:
    python benchmarks/neo4j_load.py                       # starts a throwaway server
    python benchmarks/neo4j_load.py --uri bolt://localhost:7687 --sizes 10000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from diplograph.graph.stores.neo4j import shape
from diplograph.graph.model import Actor, Affiliation, Article, ArticleGraph, Event, Location
from diplograph.graph.stores.neo4j.store import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
EVENTS_PER_ARTICLE = 10
TYPES = [  # (PLOVER type, CAMEO code, Goldstein, QuadClass, predicate)
    ("CONSULT", "040", 1.0, 1, "met"), ("CONSULT", "042", 1.9, 1, "visited"),
    ("CONSULT", "043", 2.8, 1, "hosted"), ("AGREE", "057", 8.0, 1, "signed"),
    ("SUPPORT", "051", 3.4, 1, "praised"), ("AID", "070", 7.0, 2, "sent aid to"),
    ("ACCUSE", "112", -2.0, 3, "accused"), ("THREATEN", "138", -7.0, 3, "threatened"),
    ("SANCTION", "163", -8.0, 4, "sanctioned"), ("ASSAULT", "190", -10.0, 4, "attacked"),
]

NAIVE_EVENT = """
MERGE (a:Article {id: $article.id}) SET a = $article.props
MERGE (e:Event {id: $event.id}) SET e = $event.props
MERGE (e)-[p:REPORTED_IN]->(a) SET p.sentence_index = $event.sentence_index, p.span = $event.span
WITH e
CALL (e) {
  UNWIND $actors AS row
  MERGE (x:Actor {id: row.id})
  SET x:$(row.label), x.type = row.type,
      x.name = CASE WHEN x.name IS NULL OR row.name < x.name THEN row.name ELSE x.name END,
      x.country = CASE WHEN x.country IS NULL OR row.country < x.country
                       THEN coalesce(row.country, x.country) ELSE x.country END
  WITH x, row
  UNWIND row.keys AS key
  MERGE (k:LookupKey {key: key})
  MERGE (x)-[:KNOWN_AS]->(k)
}
CALL (e) {
  UNWIND $sources AS row
  MATCH (x:Actor {id: row.actor_id})
  MERGE (x)-[r:SOURCE_OF]->(e) SET r = row.props
}
CALL (e) {
  UNWIND $targets AS row
  MATCH (x:Actor {id: row.actor_id})
  MERGE (e)-[r:TARGETS]->(x) SET r = row.props
}
CALL (e) {
  UNWIND $direct AS row
  MATCH (s:Actor {id: row.source}), (t:Actor {id: row.target})
  MERGE (s)-[r:$(row.type) {event_id: row.event_id}]->(t)
  SET r.article_id = row.article_id, r.date = row.date
}
CALL (e) {
  UNWIND $affiliations AS row
  MERGE (p:Actor {id: row.actor_id}) ON CREATE SET p:Person, p.type = 'person'
  MERGE (c:Actor {id: row.country_id}) ON CREATE SET c:Country, c.type = 'country',
    c.country = row.country
  MERGE (p)-[r:AFFILIATED_WITH {id: row.id, article_id: row.article_id}]->(c) SET r = row.props
}
"""


def synthetic(events: int, seed: int = 7) -> list[ArticleGraph]:
    """`events` events in articles of ten, among 150 countries and 3,000 people; deterministic."""
    rng = random.Random(seed)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = sorted({"".join(rng.choice(letters) for _ in range(3)) for _ in range(400)})[:150]
    countries = [Actor.country_actor(code, f"Country {code}") for code in codes]
    people = [Actor(f"Person {i:04d}", "person", rng.choice(codes), role="Minister")
              for i in range(3000)]
    graphs = []
    for a in range((events + EVENTS_PER_ARTICLE - 1) // EVENTS_PER_ARTICLE):
        article_id = f"bench-{a:06d}"
        year, month = 2015 + a % 10, 1 + a % 12
        date = f"{year}-{month:02d}-{1 + a % 28:02d}"
        items = []
        for i in range(min(EVENTS_PER_ARTICLE, events - a * EVENTS_PER_ARTICLE)):
            plover, cameo, goldstein, quad, predicate = rng.choice(TYPES)
            source = (rng.choice(people if rng.random() < 0.5 else countries),)
            target = (rng.choice(people if rng.random() < 0.5 else countries),)
            precision = rng.random()
            items.append(Event(
                article_id, i, f"Sentence {i} of article {a}.", (i * 40, i * 40 + 6), predicate,
                predicate, plover, cameo, goldstein, quad, source, target,
                date=date if precision < 0.8 else date[:7] if precision < 0.9 else None,
                location=Location(f"City {rng.randrange(500)}", rng.choice(codes))
                if rng.random() < 0.3 else None,
                negated=rng.random() < 0.05, confidence=round(rng.random(), 2)))
        people_named = {x.id: x for e in items for x in e.actors if x.type == "person"}
        affiliations = tuple(Affiliation(p.id, p.country, p.role, date, date, article_id)
                             for p in list(people_named.values())[:2])
        graphs.append(ArticleGraph(Article(f"Synthetic article {a}.", id=article_id, date=date),
                                   tuple(items), affiliations))
    return graphs


def naive_statements(graphs: list[ArticleGraph]) -> Iterator[dict]:
    """One parameter set per event, for NAIVE_EVENT (the article's affiliations with its first)."""
    for ag in graphs:
        rows = shape.rows([ag])
        for n, event_row in enumerate(rows.events):
            eid = event_row["id"]
            mine = {x["actor_id"] for x in rows.sources + rows.targets if x["event_id"] == eid}
            yield {"article": rows.articles[0], "event": event_row,
                   "actors": [x for x in rows.actors if x["id"] in mine],
                   "sources": [x for x in rows.sources if x["event_id"] == eid],
                   "targets": [x for x in rows.targets if x["event_id"] == eid],
                   "direct": [x for x in rows.direct if x["event_id"] == eid],
                   "affiliations": rows.affiliations if n == 0 else []}


def empty(store: Neo4jStore) -> None:
    """Delete everything, in slices so a large graph does not exhaust transaction memory."""
    with store.driver.session(database=store.database) as session:
        for statement in ("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
                          "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"):
            session.run(statement).consume()


def batched(store: Neo4jStore, graphs: list[ArticleGraph]) -> tuple[float, int]:
    """Seconds, and the graph size without the timeline rollup (which the naive loop, the
    baseline of plain event writes, does not keep; its upkeep is in the batched time)."""
    empty(store)
    start = time.perf_counter()
    store.write(graphs)
    seconds = time.perf_counter() - start
    (row,) = store.query("MATCH (n:Rollup) RETURN count(n) AS n")
    return seconds, store.count() - row["n"]


def naive(store: Neo4jStore, graphs: list[ArticleGraph], limit: int) -> tuple[float, int, int]:
    """Seconds, events written, graph size; stops after `limit` events."""
    empty(store)
    done = 0
    start = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for params in naive_statements(graphs):
            if done == limit:
                break
            session.run(NAIVE_EVENT, params).consume()
            done += 1
    return time.perf_counter() - start, done, store.count()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uri", help="an existing Neo4j (its database is emptied!); "
                                      "default: start a throwaway server")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batch-size", type=int, default=1000, help="events per transaction")
    parser.add_argument("--naive-sample", type=int, default=10_000,
                        help="time the naive loop on at most this many events")
    args = parser.parse_args()
    server = None
    if not args.uri:
        sys.path.insert(0, str(ROOT / "scripts"))
        import devservers

        print("starting Neo4j ...", file=sys.stderr)
        server = devservers.start_neo4j(heap="1g", page_cache="256m")
    try:
        with Neo4jStore(args.uri or server.uri, batch_size=args.batch_size) as store:
            store.ensure_schema()
            # Warm up first: the JIT and the query-plan cache would otherwise bill the first run.
            warm = synthetic(2000, seed=1)
            batched(store, warm)
            naive(store, warm, 500)
            print(f"| events | batched s | batched ev/s | naive events timed | naive s "
                  f"| naive ev/s | ratio |\n|---:|---:|---:|---:|---:|---:|---:|")
            load_before = os.getloadavg()[0]
            for size in args.sizes:
                graphs = synthetic(size)
                n_events = sum(len(g.events) for g in graphs)
                b_time, b_size = batched(store, graphs)
                n_time, n_done, n_size = naive(store, graphs, args.naive_sample)
                if n_done == n_events and n_size != b_size:
                    raise SystemExit(f"the two loads differ: {b_size} vs {n_size} elements")
                b_rate, n_rate = n_events / b_time, n_done / n_time
                sampled = "" if n_done == n_events else " (first events only)"
                print(f"| {n_events:,} | {b_time:.1f} | {b_rate:,.0f} | {n_done:,}{sampled} "
                      f"| {n_time:.1f} | {n_rate:,.0f} | {b_rate / n_rate:.1f}x |", flush=True)
            print(f"\nbatch size {args.batch_size} events; naive sample {args.naive_sample:,}; "
                  f"{os.cpu_count()} CPUs, 1-minute load average {load_before:.1f} at the start "
                  f"and {os.getloadavg()[0]:.1f} at the end")
    finally:
        if server:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
