"""RDF exports parse back with rdflib to exactly the statements written: the whole store when
every event is asked for, the chosen events (and only those) when one is; TriG keeps one graph per article;
a Neo4j store's export says the same about each event as the embedded store's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib

from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.graph.vocab import GRAPH, ID, SEM
from diplograph.queries.events import events
from diplograph.queries.export import export_graph

#: Our format names and rdflib's, and whether the format holds named graphs.
FORMATS = {"ttl": ("turtle", False), "nt": ("nt", False), "nq": ("nquads", True),
           "trig": ("trig", True), "jsonld": ("json-ld", True)}


@pytest.fixture(scope="module")
def store(example_graphs, tmp_path_factory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("rdf")) as opened:
        opened.write(example_graphs)
        yield opened


def parse(path, fmt: str) -> rdflib.Dataset:
    name, _ = FORMATS[fmt]
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(path, format=name)
    return dataset


def statements(dataset: rdflib.Dataset, fmt: str) -> set:
    """Quads for dataset formats; the triples of the union for Turtle and N-Triples."""
    if FORMATS[fmt][1]:
        return {q for q in dataset.quads((None, None, None, None)) if q[3] is not None
                and str(q[3]).startswith(GRAPH)}
    return set(dataset.triples((None, None, None)))


def event_iris(dataset: rdflib.Dataset) -> set[str]:
    return {str(s) for s, _, _ in dataset.triples((None, rdflib.RDF.type, rdflib.URIRef(str(SEM.Event))))}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_whole_store_parses_back_to_the_same_count(store, tmp_path, fmt):
    path = tmp_path / f"all.{fmt}"
    summary = export_graph(store, fmt, path, include_all=True)
    parsed = statements(parse(path, fmt), fmt)
    assert len(parsed) == summary.triples
    articles = list(store.stored_quads())  # the derived rollup graph is not exported
    stored = {q.triple for q in articles} if not FORMATS[fmt][1] else articles
    assert summary.triples == len(stored) < len(store.store)


def test_trig_keeps_one_graph_per_article(store, example_graphs, tmp_path):
    export_graph(store, "trig", tmp_path / "all.trig", include_all=True)
    graphs = {str(q[3]) for q in parse(tmp_path / "all.trig", "trig").quads((None, None, None, None))
              if q[3] is not None and str(q[3]).startswith(GRAPH)}
    assert len(graphs) == len(example_graphs)


@pytest.mark.parametrize("fmt", ["trig", "ttl"])
def test_a_filtered_export_holds_the_chosen_events_only(store, tmp_path, fmt):
    chosen = events(store, actor="KGZ", plover_types="CONSULT")
    assert chosen
    summary = export_graph(store, fmt, tmp_path / f"kgz.{fmt}", actor="KGZ",
                           plover_types="CONSULT")
    dataset = parse(tmp_path / f"kgz.{fmt}", fmt)
    assert len(statements(dataset, fmt)) == summary.triples
    assert event_iris(dataset) == {f"{ID}event/{r.id}" for r in chosen}
    sentences = {str(o) for o in dataset.objects(None, rdflib.URIRef(
        "https://w3id.org/diplograph/ns#sentence"))}
    assert sentences == {r.sentence for r in chosen}


@pytest.mark.neo4j
def test_neo4j_export_says_the_same_about_each_event(store, example_graphs, neo4j_server,
                                                     tmp_path):
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    export_graph(store, "trig", tmp_path / "oxigraph.trig", include_all=True)
    with Neo4jStore(neo4j_server.uri) as cypher:
        cypher.query("MATCH (n) DETACH DELETE n", write=True)
        cypher.write(example_graphs)
        summary = export_graph(cypher, "trig", tmp_path / "neo4j.trig", include_all=True)
    rebuilt = parse(tmp_path / "neo4j.trig", "trig")
    stored = parse(tmp_path / "oxigraph.trig", "trig")
    assert len(statements(rebuilt, "trig")) == summary.triples
    iris = event_iris(stored)
    assert iris and event_iris(rebuilt) == iris
    about = lambda d: {q for q in statements(d, "trig") if str(q[0]) in iris}  # noqa: E731
    assert about(rebuilt) == about(stored)
