"""The embedded Oxigraph store beyond the store contract (tests/test_store_contract.py): one owner,
typed parameters, the bulk loader, and a rollup that always equals the sum of the articles' tallies,
even after a crash."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplograph.errors import QueryError, StoreError
from diplograph.graph.model import Actor, Article, ArticleGraph, Event
from diplograph.graph.rdf import article_nquads, article_quads
from diplograph.graph.stores.oxigraph.store import STALE, OxigraphStore
from diplograph.graph.rollup import article_tallies
from diplograph.graph.vocab import DG, ROLLUP, dyad_iri, graph_iri

XI = Actor("Xi Jinping", "person", "CHN")
PUTIN = Actor("Vladimir Putin", "person", "RUS")


def event(article_id: str, index: int, date: str | None = "2019-06-05") -> Event:
    return Event(article_id, index, f"Sentence {index}: the two presidents talked.",
                 (index * 10, index * 10 + 6), "talked", "met", "CONSULT", "040", 1.0, 1,
                 source=(XI,), target=(PUTIN,), date=date)


def article(article_id: str, n_events: int) -> ArticleGraph:
    return ArticleGraph(Article(f"Text of {article_id}.", id=article_id, date="2019-06-06"),
                        tuple(event(article_id, i) for i in range(n_events)))


@pytest.fixture
def store(tmp_path: Path):
    with OxigraphStore(tmp_path / "db") as opened:
        yield opened


def test_write_counts_every_quad_once(store) -> None:
    batch = [article("a1", 3), article("a2", 2)]
    assert store.write(batch) == 2
    assert store.count() == sum(len(article_quads(ag)) for ag in batch)


def test_data_survives_closing_and_reopening(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "db") as first:
        first.write([article("a1", 2)])
        count = first.count()
    with OxigraphStore(tmp_path / "db") as again:
        assert again.count() == count


def test_a_second_store_on_the_same_directory_is_refused(store) -> None:
    with pytest.raises(StoreError, match="already open"):
        OxigraphStore(store.path)


def test_another_process_is_refused_with_a_clear_message(store) -> None:
    script = textwrap.dedent(f"""
        from diplograph.errors import StoreError
        from diplograph.graph.stores.oxigraph.store import OxigraphStore
        try:
            OxigraphStore({str(store.path)!r})
        except StoreError as err:
            print("refused:", err)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.startswith("refused:") and "already open" in result.stdout, result.stderr


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    with pytest.raises(StoreError, match="is a file"):
        OxigraphStore(path)


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    opened = OxigraphStore(tmp_path / "db")
    opened.close()
    with pytest.raises(StoreError, match="closed"):
        opened.count()
    opened.close()  # closing twice is harmless
    with OxigraphStore(tmp_path / "db") as reopened:  # and the lock is free again
        assert reopened.count() == 0


def test_parameters_bind_as_typed_literals_or_iris(store) -> None:
    store.write([article("a1", 1)])
    xi = "https://w3id.org/diplograph/id/actor/person:xi-jinping"
    query = ("SELECT ?actor_iri ?name WHERE { ?actor_iri "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?name }")
    assert store.query(query, {"actor_iri": xi}) == [{"name": "Xi Jinping"}]
    assert store.query(query.replace("actor_iri", "who"), {"who": ox.NamedNode(xi)}) == [
        {"name": "Xi Jinping"}]
    assert store.query(query.replace("actor_iri", "who"), {"who": xi}) == []  # a literal
    rows = store.query("SELECT ?n ?f ?b ?s (DATATYPE(?n) AS ?nt) (DATATYPE(?b) AS ?bt) "
                       "WHERE {}", {"n": 3, "f": 2.5, "b": True, "s": "3"})
    assert rows == [{"nt": "http://www.w3.org/2001/XMLSchema#integer",
                     "bt": "http://www.w3.org/2001/XMLSchema#boolean"}]


def test_a_bad_iri_parameter_is_a_query_error(store) -> None:
    with pytest.raises(QueryError, match="not a valid IRI"):
        store.query("SELECT ?x_iri WHERE {}", {"x_iri": "no spaces allowed"})


def test_an_unsupported_parameter_type_is_a_query_error(store) -> None:
    with pytest.raises(QueryError, match="list"):
        store.query("SELECT ?x WHERE {}", {"x": [1, 2]})


def test_a_parameter_the_query_does_not_project_is_a_query_error(store) -> None:
    with pytest.raises(QueryError, match="projection"):
        store.query("SELECT ?y WHERE { BIND(?x AS ?y) }", {"x": 1})


def test_values_come_back_as_plain_python(store) -> None:
    store.write([article("a1", 1)])
    (row,) = store.query("""
        PREFIX dg: <https://w3id.org/diplograph/ns#>
        SELECT ?goldstein ?quad ?negated ?date ?type ?e ?missing WHERE {
          ?e dg:goldstein ?goldstein ; dg:quadClass ?quad ; dg:negated ?negated ;
             dg:date ?date ; dg:ploverType ?type .
          OPTIONAL { ?e dg:object ?missing }
        }""")
    assert row == {"goldstein": 1.0, "quad": 1, "negated": False, "date": "2019-06-05",
                   "type": "CONSULT", "missing": None,
                   "e": f"https://w3id.org/diplograph/id/event/{event('a1', 0).id}"}
    assert isinstance(row["quad"], int) and isinstance(row["goldstein"], float)


def test_ask_and_construct_results_are_rows_too(store) -> None:
    store.write([article("a1", 1)])
    assert store.query("ASK { ?s ?p ?o }") == [{"ask": True}]
    rows = store.query("CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s "
                       "<https://w3id.org/diplograph/ns#ploverType> ?o }")
    assert rows == [{"subject": f"https://w3id.org/diplograph/id/event/{event('a1', 0).id}",
                     "predicate": "urn:p", "object": "CONSULT"}]


def test_a_large_batch_goes_through_the_bulk_loader_with_the_same_result(tmp_path) -> None:
    batch = [article(f"a{i}", 4) for i in range(40)]
    limit = 200_000
    sizes = [len(article_nquads(ag)) for ag in batch]
    assert sum(sizes) > limit > max(sum(sizes[i:i + 5]) for i in range(0, 40, 5))
    with OxigraphStore(tmp_path / "bulk", bulk_bytes=limit) as bulk, \
            OxigraphStore(tmp_path / "small", bulk_bytes=limit) as small:
        bulk.write(batch)
        for start in range(0, len(batch), 5):
            small.write(batch[start:start + 5])
        assert bulk.count() == small.count() > 0
        bulk.write(batch)
        assert bulk.count() == small.count()


# --- the rollup ------------------------------------------------------------------------------

KGZ = Actor.country_actor("KGZ", "Kyrgyzstan")
ATAMBAYEV = Actor("Almazbek Atambayev", "person", "KGZ")
CODES = [("CONSULT", "040", 1.0, 1), ("CONSULT", "042", 1.9, 1), ("AGREE", "057", 8.0, 1),
         ("AID", "070", 7.0, 2), ("ACCUSE", "112", -2.0, 3), ("ASSAULT", "190", -10.0, 4)]


def varied_article(article_id: str, seed: int) -> ArticleGraph:
    """An article whose events differ with `seed`: actors, codes, dates, negation, joint acts."""
    rnd = random.Random(seed)
    people = [XI, PUTIN, KGZ, ATAMBAYEV]
    events = []
    for i in range(rnd.randint(1, 4)):
        chosen = rnd.sample(people, rnd.randint(2, 3))
        cut = len(chosen) if rnd.random() < 0.2 else 1  # some joint acts with no target
        plover, cameo, goldstein, quad = rnd.choice(CODES)
        events.append(Event(article_id, i, f"Sentence {i}.", (i, i + 1), "met", "met", plover,
                            cameo, goldstein, quad, tuple(chosen[:cut]), tuple(chosen[cut:]),
                            date=rnd.choice([None, "2019", "2019-05", "2019-06-05", "2020-01"]),
                            negated=rnd.random() < 0.2))
    return ArticleGraph(Article(f"Text {article_id} {seed}.", id=article_id), tuple(events))


def rollup_quads(store: OxigraphStore) -> set[ox.Quad]:
    return set(store.store.quads_for_pattern(None, None, None, ox.NamedNode(ROLLUP)))


def expected_tallies(graphs: dict[str, ArticleGraph]) -> Counter:
    total: Counter = Counter()
    for ag in graphs.values():
        total.update(article_tallies(ag))
    return total


def test_the_rollup_follows_writes_replacements_and_deletes_exactly(tmp_path) -> None:
    rnd = random.Random(3)
    present: dict[str, ArticleGraph] = {}
    with OxigraphStore(tmp_path / "db") as store:
        for step in range(12):
            batch = [varied_article(f"a{rnd.randrange(8)}", step * 10 + i)
                     for i in range(rnd.randint(1, 4))]
            store.write(batch)
            present.update((ag.article.id, ag) for ag in batch)
            for gone in rnd.sample(sorted(present), k=min(len(present) - 1, rnd.randint(0, 1))):
                assert store.delete_article(gone)
                del present[gone]
            assert store.rollup() == store.tallies() == expected_tallies(present)
        assert len(present) >= 3 and len(store.rollup()) > 20
        with OxigraphStore(tmp_path / "fresh") as fresh:
            fresh.write(present.values())
            assert rollup_quads(store) == rollup_quads(fresh)
        for article_id in list(present):
            store.delete_article(article_id)
        assert rollup_quads(store) == set() and store.count() == 0


def test_count_and_stored_quads_leave_the_rollup_out(store) -> None:
    store.write([article("a1", 2)])
    assert rollup_quads(store)
    assert store.count() == len(list(store.stored_quads())) == len(article_quads(article("a1", 2)))
    assert len(store.store) == store.count() + len(rollup_quads(store))


def test_a_write_cut_short_is_repaired_when_the_store_is_next_opened(tmp_path) -> None:
    graphs = [varied_article(f"a{i}", i) for i in range(6)]
    with OxigraphStore(tmp_path / "db") as store:
        store.write(graphs)
        whole = rollup_quads(store)
        # What a crash inside write() leaves: the marker set, an article dropped and part of
        # the rollup rewritten, the rest not yet.
        store.store.add(STALE)
        store.store.remove_graph(ox.NamedNode(graph_iri("a0")))
        store.store.remove(next(iter(whole)))
    with OxigraphStore(tmp_path / "db") as reopened:
        assert STALE not in reopened.store
        assert reopened.rollup() == expected_tallies({ag.article.id: ag for ag in graphs[1:]})


def test_a_query_finds_the_marker_and_rebuilds_first(store) -> None:
    store.write([varied_article("a1", 1), varied_article("a2", 2)])
    right = rollup_quads(store)
    store.store.add(STALE)
    store.store.remove_graph(ox.NamedNode(ROLLUP))
    store.query("ASK { ?s ?p ?o }")
    assert rollup_quads(store) == right and STALE not in store.store


def test_a_killed_writer_leaves_a_store_whose_rollup_matches_its_articles(tmp_path) -> None:
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_store_oxigraph import varied_article
        from diplograph.graph.stores.oxigraph.store import OxigraphStore
        store = OxigraphStore({str(tmp_path / "db")!r}, bulk_bytes=20_000)
        store.write([varied_article(f"a{{i}}", i) for i in range(50)])
        print("ready", flush=True)
        for seed in range(1000):  # replace a25..a49 again and again, add new articles
            store.write([varied_article(f"a{{25 + (seed + i) % 25}}", seed + i) for i in range(5)]
                        + [varied_article(f"n{{seed}}-{{i}}", seed + i) for i in range(15)])
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(1.5)
    finally:
        child.kill()
        child.wait(timeout=60)
    with OxigraphStore(tmp_path / "db") as store:  # a0..a24 were never touched again
        assert STALE not in store.store
        assert store.rollup() == store.tallies() and len(store.tallies()) > 100


def test_a_store_without_a_rollup_gets_one_when_opened(tmp_path) -> None:
    graphs = [varied_article(f"a{i}", i) for i in range(4)]
    with OxigraphStore(tmp_path / "db") as store:
        store.write(graphs)
        whole = rollup_quads(store)
        store.store.remove_graph(ox.NamedNode(ROLLUP))  # as a store from before the rollup
    with OxigraphStore(tmp_path / "db") as reopened:
        assert rollup_quads(reopened) == whole


def test_tallies_in_an_older_format_ask_for_a_new_ingest(store) -> None:
    store.write([article("a1", 1)])
    pair = dyad_iri("country:CHN", "country:RUS")
    store.store.add(ox.Quad(ox.NamedNode(pair), ox.NamedNode(DG.tally),
                            ox.Literal("2019-06 ab 1 1 1.0 1 CONSULT"),
                            ox.NamedNode(graph_iri("a1"))))
    with pytest.raises(StoreError, match="older diplograph"):
        store.rebuild_rollup()
