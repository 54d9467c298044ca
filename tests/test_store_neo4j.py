"""The Neo4j store against a real Neo4j 5.26 server: shape, exact re-ingest, deletion, queries.

Most checks compare whole-graph snapshots: a store that had an article replaced or deleted must
hold exactly what a fresh store loaded with the final articles holds.
"""

from __future__ import annotations

import json
import socket
from collections import Counter
from collections.abc import Iterator

import pytest

from diplograph.errors import QueryError, StoreError
from diplograph.graph.model import Actor, Affiliation, Article, ArticleGraph, Event, Location
from diplograph.graph.stores.neo4j.shape import (
    NODE_LABELS,
    RELATIONSHIP_TYPES,
    rollup_changes,
    rollup_rows,
)
from diplograph.graph.rollup import Cell, article_tallies, pair_changes, parse_tally_entries
from diplograph.graph.stores.neo4j.store import Neo4jStore
from diplograph.graph.vocab import dyad_iri

pytestmark = pytest.mark.neo4j

ATAMBAYEV = Actor("Almazbek Atambayev", "person", "KGZ", role="President")
XI = Actor("Xi Jinping", "person", "CHN", role="President", wikidata="Q15031")
PUTIN = Actor("Vladimir Putin", "person", "RUS", role="President")
CHINA = Actor.country_actor("CHN", "China")
KYRGYZSTAN = Actor.country_actor("KGZ", "Kyrgyzstan")


def event(article: str, index: int, predicate: str, source: tuple[Actor, ...],
          target: tuple[Actor, ...] = (), **fields: object) -> Event:
    defaults: dict = {"plover_type": "CONSULT", "cameo_code": "040", "goldstein": 1.0,
                      "quad_class": 1}
    defaults.update(fields)
    return Event(article, index, f"Sentence {index} of {article}.", (index * 10, index * 10 + 3),
                 predicate, predicate, source=source, target=target, **defaults)


def beijing(events: int = 3) -> ArticleGraph:
    """Atambayev meets Xi; China and Kyrgyzstan agree; Atambayev does not meet Putin."""
    all_events = (
        event("a1", 0, "met", (ATAMBAYEV,), (XI,), date="2017-01-06",
              location=Location("Beijing", "CHN"), plover_context=("diplomatic",),
              mention_sentences=(4,), story_key="s1"),
        event("a1", 1, "agreed", (CHINA, KYRGYZSTAN), plover_type="AGREE", cameo_code="030",
              goldstein=4.0, date="2017-01"),
        event("a1", 2, "met", (ATAMBAYEV,), (PUTIN,), negated=True, date="2017"),
    )
    return ArticleGraph(
        Article("Atambayev met Xi.", id="a1", title="Beijing talks", date="2017-01-09"),
        all_events[:events],
        (Affiliation(ATAMBAYEV.id, "KGZ", "head_of_state", "2017-01-09", "2017-01-09", "a1", 0,
                     title="President"),))


def moscow() -> ArticleGraph:
    """Putin hosts Xi: shares Xi with `beijing`."""
    return ArticleGraph(
        Article("Putin hosted Xi.", id="a2", date="2023-03-22"),
        (event("a2", 0, "hosted", (PUTIN,), (XI,), cameo_code="043", date="2023-03-21"),))


def empty_article() -> ArticleGraph:
    return ArticleGraph(Article("Nothing happened.", id="a3"))


@pytest.fixture
def store(neo4j_server) -> Iterator[Neo4jStore]:
    """An empty database on the session's server."""
    with Neo4jStore(neo4j_server.uri) as opened:
        opened.query("MATCH (n) DETACH DELETE n", write=True)
        yield opened


def snapshot(store: Neo4jStore) -> tuple[list[str], list[str]]:
    """Every node and relationship with labels, type and properties, in a comparable form."""
    nodes = store.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = store.query("MATCH (s)-[r]->(t) RETURN s.id AS source, type(r) AS type, "
                       "properties(r) AS props, coalesce(t.id, t.key) AS target")
    for node in nodes:
        node["labels"] = sorted(node["labels"])
    return (sorted(json.dumps(n, sort_keys=True) for n in nodes),
            sorted(json.dumps(r, sort_keys=True) for r in rels))


def fresh(store: Neo4jStore, graphs: list[ArticleGraph]) -> tuple[list[str], list[str]]:
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.write(graphs)
    return snapshot(store)


def test_write_builds_the_design_shape(store: Neo4jStore) -> None:
    assert store.write([beijing()]) == 1
    labels = store.query("MATCH (n) UNWIND labels(n) AS label "
                         "RETURN label, count(*) AS n ORDER BY label")
    # Each of the three events pairs the 3 keys of its source with the 3 of its target (or of
    # its fellow source): 26 pairs of keys (the meeting and the agreement share one), each with
    # a rollup node for its one month and one for all time.
    assert {r["label"]: r["n"] for r in labels} == {
        "Actor": 5, "Article": 1, "Country": 2, "Event": 3, "Person": 3, "LookupKey": 13,
        "Rollup": 52}
    types = store.query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    # The negated meeting gets no direct MET link; the joint agreement of KGZ and CHN (no
    # target) links its two sources both ways, as Event.dyads says.
    assert {r["type"]: r["n"] for r in types} == {
        "SOURCE_OF": 4, "TARGETS": 2, "REPORTED_IN": 3, "AFFILIATED_WITH": 1, "MET": 1,
        "AGREED": 2, "KNOWN_AS": 15}
    assert store.count() == 22 + 52 + 28
    # The shape table names every label and structural type, with its ends.
    assert {r["label"] for r in labels} == set(NODE_LABELS) - {"Organization", "Igo", "Group"}
    ends = store.query("MATCH (s)-[r]->(t) WHERE type(r) IN $types "
                       "RETURN DISTINCT type(r) AS type, labels(s) AS s, labels(t) AS t",
                       {"types": list(RELATIONSHIP_TYPES)})
    assert {r["type"] for r in ends} == set(RELATIONSHIP_TYPES)
    for row in ends:
        start, end = RELATIONSHIP_TYPES[row["type"]]
        assert start in row["s"] and end in row["t"]
    assert store.query("MATCH (k:LookupKey {key: 'country:KGZ'})<-[:KNOWN_AS]-(x) "
                       "RETURN x.id AS id ORDER BY id") == [{"id": "country:KGZ"},
                                                            {"id": ATAMBAYEV.id}]
    [met] = store.query(
        "MATCH (a:Person)-[m:MET]->(b:Person) RETURN a.id AS a, b.id AS b, m.date AS date, "
        "m.event_id AS event_id")
    assert (met["a"], met["b"], met["date"]) == (ATAMBAYEV.id, XI.id, "2017-01-06")
    [row] = store.query(
        "MATCH (:Actor {id: $a})-[s:SOURCE_OF]->(e:Event {id: $e})-[p:REPORTED_IN]->(:Article) "
        "RETURN e, s.role AS role, s.match_keys AS keys, p.span AS span",
        {"a": ATAMBAYEV.id, "e": met["event_id"]})
    assert row["e"]["plover_context"] == ["diplomatic"]
    assert row["e"]["location_name"] == "Beijing" and row["e"]["month"] == "2017-01"
    assert row["e"]["mention_sentences"] == [4] and row["e"]["story_key"] == "s1"
    assert row["role"] == "President" and row["span"] == [0, 3]
    assert "country:KGZ" in row["keys"] and "name:almazbek atambayev" in row["keys"]
    [aff] = store.query("MATCH (:Person)-[r:AFFILIATED_WITH]->(c:Country) RETURN r.role AS role, "
                        "r.title AS title, r.from AS start, r.to AS end, c.id AS country")
    assert aff == {"role": "head_of_state", "title": "President", "start": "2017-01-09",
                   "end": "2017-01-09", "country": "country:KGZ"}
    assert store.query("MATCH (x:Person {id: $id}) RETURN x.wikidata AS q",
                       {"id": XI.id}) == [{"q": "Q15031"}]


def test_constraints_exist_and_hold(store: Neo4jStore) -> None:
    store.write([moscow()])
    names = {r["name"] for r in store.query("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"diplograph_actor_id", "diplograph_event_id", "diplograph_article_id"} <= names
    with pytest.raises(QueryError, match="already exists"):
        store.query("CREATE (:Actor {id: $id})", {"id": XI.id}, write=True)


def test_writing_twice_changes_nothing(store: Neo4jStore) -> None:
    store.write([beijing(), moscow(), empty_article()])
    first = snapshot(store)
    store.write([beijing(), moscow(), empty_article()])
    assert snapshot(store) == first


def test_batch_size_does_not_change_the_graph(store: Neo4jStore, neo4j_server) -> None:
    graphs = [beijing(), moscow(), empty_article()]
    whole = fresh(store, graphs)
    with Neo4jStore(neo4j_server.uri, batch_size=1) as small:
        small.query("MATCH (n) DETACH DELETE n", write=True)
        small.write(graphs)
        assert snapshot(small) == whole


def test_rewriting_an_article_replaces_its_events_exactly(store: Neo4jStore) -> None:
    expected = fresh(store, [beijing(events=1), moscow()])
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.write([beijing(), moscow()])
    store.write([beijing(events=1)])
    assert snapshot(store) == expected
    # China took part only in the dropped agreement and goes; Kyrgyzstan stays as the country
    # of Atambayev's affiliation, Putin as the host in a2.
    ids = {r["id"] for r in store.query("MATCH (x:Actor) RETURN x.id AS id")}
    assert ids == {ATAMBAYEV.id, XI.id, PUTIN.id, KYRGYZSTAN.id}


def test_rewriting_drops_lookup_keys_no_article_gives_any_more(store: Neo4jStore) -> None:
    store.write([beijing(events=1), moscow()])
    stateless = Actor("Almazbek Atambayev", "person")  # no country, no affiliation this time
    rewritten = ArticleGraph(Article("Atambayev met Xi.", id="a1"),
                             (event("a1", 0, "met", (stateless,), (XI,)),))
    store.write([rewritten])
    assert store.query("MATCH (k:LookupKey) WHERE k.key IN ['country:KGZ', 'country:RUS'] "
                       "RETURN k.key AS key") == [{"key": "country:RUS"}]
    assert snapshot(store) == fresh(store, [rewritten, moscow()])


def test_delete_article_removes_exactly_its_part(store: Neo4jStore) -> None:
    expected = fresh(store, [moscow()])
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.write([beijing(), moscow()])
    assert store.delete_article("a1") is True
    assert snapshot(store) == expected
    assert store.delete_article("a1") is False
    store.delete_article("a2")
    assert store.count() == 0


def test_write_order_does_not_change_the_graph(store: Neo4jStore) -> None:
    shouting = ArticleGraph(Article("XI JINPING VISITS.", id="a5", date="2019-06-12"), (
        event("a5", 0, "visited", (Actor("XI JINPING", "person", None),), (KYRGYZSTAN,),
              date="2019-06-12"),))
    forward = fresh(store, [beijing(), shouting, moscow()])
    assert fresh(store, [moscow(), shouting, beijing()]) == forward
    store.write([shouting])
    store.write([beijing()])
    assert snapshot(store) == forward
    [xi] = store.query("MATCH (x:Actor {id: $id}) RETURN x.name AS name, x.country AS country",
                       {"id": XI.id})
    assert xi == {"name": "XI JINPING", "country": "CHN"}  # the smallest of the names given


def rollup(store: Neo4jStore) -> dict[str, tuple[str, str | None]]:
    """The stored rollup: each node's series and totals, by id."""
    rows = store.query("MATCH (r:Rollup) RETURN r.id AS id, r.first AS first, "
                       "r.second AS second, r.month AS month, r.series AS series, "
                       "r.totals AS totals")
    for r in rows:
        pair = dyad_iri(r["first"], r["second"])
        assert r["id"] == (pair if r["month"] == "all" else f"{pair}#{r['month']}")
    return {r["id"]: (r["series"], r["totals"]) for r in rows}


def summed(graphs: list[ArticleGraph]) -> dict[str, tuple[str, str | None]]:
    """The rollup as defined: the articles' tallies summed, packed by node."""
    total: Counter[Cell] = Counter()
    for ag in graphs:
        total.update(article_tallies(ag))
    fresh, _ = rollup_rows(rollup_changes(pair_changes(total)), {})
    return {row["id"]: (row["series"], row["totals"]) for row in fresh}


def test_the_rollup_is_always_the_sum_of_the_articles_tallies(store: Neo4jStore) -> None:
    again = ArticleGraph(Article("Atambayev met Xi again.", id="a6"), (
        event("a6", 0, "met", (ATAMBAYEV,), (XI,), date="2017-01-20"),))
    store.write([beijing(), moscow(), again])
    assert rollup(store) == summed([beijing(), moscow(), again])
    met = dyad_iri("country:KGZ", "id:person:xi-jinping")
    assert rollup(store)[met][1] == "2 2.0 ab 1 1 extract CONSULT"  # the Beijing meeting and a6's
    store.write([beijing(events=2)])  # the negated meeting's pairs go
    store.delete_article("a6")
    assert rollup(store) == summed([beijing(events=2), moscow()])
    assert rollup(store)[met][1] == "1 1.0 ab 1 1 extract CONSULT"
    store.write([beijing(events=1), again])
    store.delete_article("a2")
    assert rollup(store) == summed([beijing(events=1), again])
    # Each article keeps its own tallies, which is what replacing or deleting it subtracts.
    [row] = store.query("MATCH (a:Article {id: 'a6'}) RETURN a.tallies AS tallies")
    assert parse_tally_entries(row["tallies"]) == article_tallies(again)
    store.delete_article("a1")
    store.delete_article("a6")
    assert store.count() == 0


def test_same_article_twice_in_a_batch_keeps_the_later(store: Neo4jStore) -> None:
    expected = fresh(store, [beijing(events=1)])
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.write([beijing(), beijing(events=1)])
    assert snapshot(store) == expected


def test_a_person_known_only_from_an_affiliation_is_kept_with_it(store: Neo4jStore) -> None:
    wang = Affiliation("person:wang-yi", "CHN", "Foreign Minister", article_id="a2")
    graph = moscow()
    store.write([ArticleGraph(graph.article, graph.events, (wang,))])
    assert store.query("MATCH (p:Person {id: 'person:wang-yi'})-[:AFFILIATED_WITH]->(c) "
                       "RETURN c.id AS c") == [{"c": "country:CHN"}]
    store.write([graph])
    assert store.query("MATCH (p {id: 'person:wang-yi'}) RETURN p") == []


def test_predicates_become_upper_snake_relationship_types(store: Neo4jStore) -> None:
    graph = ArticleGraph(Article("x", id="a4"), (
        event("a4", 0, "met with", (PUTIN,), (XI,)),
        event("a4", 1, "source of", (PUTIN,), (XI,)),
        event("a4", 2, "will visit", (PUTIN,), (XI,), modality="future")))
    store.write([graph])
    types = store.query("MATCH (:Actor)-[r]->(:Actor) RETURN type(r) AS type ORDER BY type")
    assert [r["type"] for r in types] == ["MET_WITH", "SOURCE_OF_ACTOR"]


def test_a_write_asked_for_runs_once_in_auto_commit(store: Neo4jStore) -> None:
    """The refusal without the flag is in the store contract; the message names the fix."""
    with pytest.raises(QueryError, match="--write"):
        store.query("CREATE (:Scratch {id: $id})", {"id": "s1"})
    assert store.query("CREATE (s:Scratch {id: $id}) RETURN s.id AS id", {"id": "s1"},
                       write=True) == [{"id": "s1"}]
    assert store.count() == 1
    # Writes run in auto-commit transactions, so big changes can be sliced.
    store.query("MATCH (s:Scratch) CALL (s) { DELETE s } IN TRANSACTIONS OF 10 ROWS", write=True)
    assert store.count() == 0


def test_query_returns_plain_python_values(store: Neo4jStore) -> None:
    [row] = store.query("RETURN date($d) AS day, [1, 2.5, 'x'] AS items, {k: true} AS map, "
                        "null AS nothing", {"d": "2017-01-06"})
    assert row == {"day": "2017-01-06", "items": [1, 2.5, "x"], "map": {"k": True},
                   "nothing": None}


def test_a_missing_parameter_is_a_query_error(store: Neo4jStore) -> None:
    with pytest.raises(QueryError, match="absent"):
        store.query("RETURN $absent AS x")


def test_unreachable_server_says_where_and_how_to_fix() -> None:
    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"bolt://127.0.0.1:{port}"
    with pytest.raises(StoreError, match="cannot reach Neo4j at " + address) as caught:
        Neo4jStore(address)
    assert "start the server" in str(caught.value)


def test_unknown_database_is_a_store_error(neo4j_server) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Neo4jStore(neo4j_server.uri, database="nosuchdb")
