"""`ask path A B`: every shortest chain of relations between two actors, on both backends."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from diplograph.errors import QueryError
from diplograph.graph.model import Actor, Article, ArticleGraph, Event
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.path import path

GEO, ARM, AZE, TUR, IRN = (Actor.country_actor(code, name) for code, name in (
    ("GEO", "Georgia"), ("ARM", "Armenia"), ("AZE", "Azerbaijan"), ("TUR", "Turkey"),
    ("IRN", "Iran")))
TOKAYEV = Actor("Kassym-Jomart Tokayev", "person", "KAZ", role="President")


def link(index: int, predicate: str, source: tuple[Actor, ...], target: tuple[Actor, ...] = (),
         plover: str = "CONSULT", cameo: str = "040", quad: int = 1, **fields: object) -> Event:
    return Event("region", index, f"Sentence {index}.", (index, index + 1), predicate, predicate,
                 plover, cameo, 1.0, quad, source, target, **fields)


REGION = ArticleGraph(Article("Regional news.", id="region", date="2024-06-01"), (
    link(0, "met", (GEO,), (ARM,), date="2024-01-10"),
    link(1, "visited", (ARM,), (TUR,), cameo="042", date="2024-02-01"),
    link(2, "pledged", (GEO,), (AZE,), plover="AGREE", cameo="030", date="2024-03"),
    link(3, "signed", (AZE, TUR), plover="SUPPORT", cameo="057", date="2024-04-02"),
    link(4, "did not meet", (IRN,), (GEO,), negated=True, date="2024-04"),
    link(5, "hosted", (TUR,), (TOKAYEV,), cameo="043", date="2023"),
    link(6, "criticised", (ARM,), (AZE,), plover="ACCUSE", cameo="111", quad=3),
    link(7, "hosted", (ARM,), (GEO,), cameo="043", date="2024-05"),
))


def chains(records) -> list[list[str]]:
    return [[a.id for a in record.actors] for record in records]


@pytest.fixture(scope="module")
def corpus(seed_graph, example_graphs) -> list[ArticleGraph]:
    return [REGION, seed_graph, *example_graphs]


@pytest.fixture(scope="module")
def oxigraph(corpus, tmp_path_factory):
    with OxigraphStore(tmp_path_factory.mktemp("path")) as store:
        store.write(corpus)
        yield store


def test_the_seed_article_links_atambayev_to_xi(oxigraph, seed_graph):
    [first, *_] = path(oxigraph, "Almazbek Atambayev", "Xi Jinping")
    assert chains([first]) == [["person:almazbek-atambayev", "person:xi-jinping"]]
    assert [a.name for a in first.actors] == ["Almazbek Atambayev", "Xi Jinping"]
    [hop] = first.hops
    [met] = [e for e in seed_graph.events if e.trigger == "met"]
    [seen] = [e for e in hop.events if e.event_id == met.id]
    assert (seen.direction, seen.date, seen.plover_type, seen.predicate) == (
        "forward", "2017-01-06", "CONSULT", "met")
    assert seen.sentence == met.sentence


def test_all_shortest_chains_in_id_order_with_every_event_on_each_hop(oxigraph):
    found = path(oxigraph, "GEO", "Kassym-Jomart Tokayev")
    assert chains(found) == [
        ["country:GEO", "country:ARM", "country:TUR", "person:kassym-jomart-tokayev"],
        ["country:GEO", "country:AZE", "country:TUR", "person:kassym-jomart-tokayev"]]
    assert found[0].length == 3 and found[0].to_dict()["length"] == 3
    geo_arm = found[0].hops[0]
    assert (geo_arm.from_id, geo_arm.to_id) == ("country:GEO", "country:ARM")
    assert [(e.predicate, e.direction, e.date) for e in geo_arm.events] == [
        ("met", "forward", "2024-01-10"), ("hosted", "backward", "2024-05")]
    assert [(e.predicate, e.direction) for e in found[1].hops[1].events] == [("signed", "joint")]
    assert [a.name for a in found[1].actors] == [
        "Georgia", "Azerbaijan", "Turkey", "Kassym-Jomart Tokayev"]


def test_reversed_ends_reverse_the_directions(oxigraph):
    [back] = path(oxigraph, "ARM", "GEO", max_hops=1)
    assert [(e.predicate, e.direction) for e in back.hops[0].events] == [
        ("met", "backward"), ("hosted", "forward")]


@pytest.mark.parametrize(("options", "expected"), [
    ({"limit": 1}, [["country:GEO", "country:ARM", "country:TUR"]]),
    ({"plover_types": "consult"}, [["country:GEO", "country:ARM", "country:TUR"]]),
    ({"cameo": ["03", "057"]}, [["country:GEO", "country:AZE", "country:TUR"]]),
    ({"since": "2024-02"}, [["country:GEO", "country:ARM", "country:TUR"],
                            ["country:GEO", "country:AZE", "country:TUR"]]),
    ({"since": "2024-03"}, [["country:GEO", "country:AZE", "country:TUR"]]),
    ({"until": "2024-02"}, [["country:GEO", "country:ARM", "country:TUR"]]),
    ({"until": "2024-01"}, []),
    ({"quad_classes": [3]}, []),
    ({"max_hops": 1}, []),
])
def test_filters_cut_links(oxigraph, options, expected):
    assert chains(path(oxigraph, "GEO", "TUR", **options)) == expected


def test_unrealised_links_only_when_asked(oxigraph):
    assert path(oxigraph, "IRN", "GEO") == []
    [direct] = path(oxigraph, "IRN", "GEO", include_all=True)
    assert [(e.predicate, e.direction) for e in direct.hops[0].events] == [
        ("did not meet", "forward")]


def test_country_code_starts_from_every_actor_of_that_country(oxigraph):
    assert chains(path(oxigraph, "KAZ", "GEO")) == [
        ["person:kassym-jomart-tokayev", "country:TUR", "country:ARM", "country:GEO"],
        ["person:kassym-jomart-tokayev", "country:TUR", "country:AZE", "country:GEO"]]


def test_an_actor_both_ends_name_is_a_chain_of_no_hops(oxigraph):
    [same] = path(oxigraph, "KAZ", "Kassym-Jomart Tokayev")
    assert (chains([same]), same.hops, same.length) == (
        [["person:kassym-jomart-tokayev"]], (), 0)


def test_unknown_or_unlinked_actors_have_no_chain(oxigraph):
    assert path(oxigraph, "Nobody Known", "GEO") == []
    assert path(oxigraph, "GEO", "Nobody Known") == []


@pytest.mark.parametrize("options", [{"max_hops": 0}, {"limit": 0}, {"cameo": "99"},
                                     {"since": "last week"}])
def test_bad_arguments_are_refused(oxigraph, options):
    with pytest.raises(QueryError):
        path(oxigraph, "GEO", "TUR", **options)


@pytest.mark.parametrize("seed", range(4))
def test_same_chains_as_networkx_on_random_graphs(seed, tmp_path):
    """Every shortest chain, compared with networkx's own search on the same relations."""
    rng = random.Random(seed)
    people = [Actor(f"Envoy {n:02d}", "person", "GEO" if n < 3 else None) for n in range(14)]
    events = []
    for index in range(22):
        first, second, third = rng.sample(people, 3)
        shape = rng.random()
        if shape < 0.15:
            source, target = (first, second), ()  # a joint act links its two sources
        elif shape < 0.25:
            source, target = (first,), (second, third)  # two targets: not linked to each other
        else:
            source, target = (first,), (second,)
        events.append(link(index, "met", source, target, negated=rng.random() < 0.1))
    graph = ArticleGraph(Article("Envoys.", id="region"), tuple(events))
    relations = nx.Graph()
    relations.add_nodes_from(p.id for p in people)
    relations.add_edges_from((s.id, t.id) for e in events if not e.negated
                             for s, t in e.dyads() if t is not None and s.id != t.id)
    relations.add_edges_from(("GEO", p.id) for p in people[:3])
    with OxigraphStore(tmp_path) as store:
        store.write([graph])
        compared = 0
        for end in people[3:]:
            try:
                expected = sorted(p[1:] for p in nx.all_shortest_paths(relations, "GEO", end.id))
            except nx.NetworkXNoPath:
                expected = []
            expected = [p for p in expected if len(p) <= 4]  # at most 3 hops
            found = chains(path(store, "GEO", end.name, max_hops=3, limit=1000))
            assert found == expected, end.name
            compared += bool(expected)
        assert compared >= 3


@pytest.fixture(scope="module")
def neo4j(corpus, neo4j_server):
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    with Neo4jStore(neo4j_server.uri) as store:
        store.query("MATCH (n) DETACH DELETE n", write=True)
        store.write(corpus)
        yield store


@pytest.mark.neo4j
@pytest.mark.parametrize(("a", "b", "options", "found"), [
    ("GEO", "Kassym-Jomart Tokayev", {}, True),
    ("ARM", "GEO", {"max_hops": 1}, True),
    ("IRN", "GEO", {"include_all": True}, True),
    ("GEO", "TUR", {"since": "2024-02", "plover_types": ["AGREE", "SUPPORT"]}, True),
    ("KGZ", "RUS", {}, True),
    ("Almazbek Atambayev", "Vladimir Putin", {"limit": 10}, True),
    ("igo:EU", "person:vladimir-putin", {}, True),
    ("country:KGZ", "person:chn-minister-of-commerce", {"limit": 10}, True),
    ("JPN", "KOR", {"cameo": "04"}, True),
    ("KGZ", "USA", {"max_hops": 6, "limit": 20}, False),
    ("EU", "KGZ", {"quad_classes": [3, 4]}, False),
])
def test_same_chains_on_both_backends(oxigraph, neo4j, a, b, options, found):
    expected = path(oxigraph, a, b, **options)
    assert path(neo4j, a, b, **options) == expected
    assert bool(expected) is found
