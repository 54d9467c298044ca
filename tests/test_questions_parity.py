"""Every canned question gives the same answers from each server backend (Neo4j with Cypher,
Fuseki and `oxigraph serve` with SPARQL over HTTP) as from the embedded Oxigraph store.

One corpus goes into both backends: hand-built articles that exercise the corners (an actor
described differently by two articles, a person whose country only an affiliation gives,
negated, future and joint events, dates of every precision, undated events) and the example
articles run through the real extractor.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SERVER_BACKENDS, open_server_store

from diplograph.graph.model import Actor, Affiliation, Article, ArticleGraph, Event, Location
from diplograph.graph.stores import Store
from diplograph.graph.stores.oxigraph_store import OxigraphStore
from diplograph.graph.vocab import REL
from diplograph.queries import questions
from diplograph.queries.actor import actor
from diplograph.queries.events import events

ATAMBAYEV = Actor("Almazbek Atambayev", "person", "KGZ", role="President")
XI = Actor("Xi Jinping", "person", "CHN", role="President", aliases=("President Xi",))
PUTIN = Actor("Vladimir Putin", "person", "RUS", role="President")
JEENBEKOV = Actor("Sooronbay Jeenbekov", "person", role="President")  # country from affiliation
LAVROV = Actor("Sergei Lavrov", "person", "RUS", role="Foreign Minister")
GUTERRES = Actor("Antonio Guterres", "person", role="Secretary-General")
PROTESTERS = Actor("protesters", "group", "KGZ")


def country(code: str, name: str) -> Actor:
    return Actor.country_actor(code, name)


def event(article: str, index: int, predicate: str, plover: str, cameo: str, goldstein: float,
          quad: int, source: tuple[Actor, ...], target: tuple[Actor, ...] = (),
          **fields: object) -> Event:
    return Event(article, index, f"Sentence {index} of {article}.", (index * 10, index * 10 + 4),
                 predicate, predicate, plover, cameo, goldstein, quad, source, target, **fields)


def hand_built() -> list[ArticleGraph]:
    a1, a2, a3, a4 = "p-beijing-2017", "p-bishkek-2019", "p-moscow-2023", "p-undated"
    return [
        ArticleGraph(Article("Beijing talks.", id=a1, date="2017-01-09"), (
            event(a1, 0, "met", "CONSULT", "040", 1.0, 1, (ATAMBAYEV,), (XI,), date="2017-01-06",
                  location=Location("Beijing", "CHN"), plover_context=("diplomatic",)),
            event(a1, 1, "agreed", "AGREE", "030", 4.0, 1,
                  (country("CHN", "China"), country("KGZ", "Kyrgyzstan")), date="2017-01"),
            event(a1, 2, "will visit", "CONSULT", "043", 2.8, 1, (ATAMBAYEV,),
                  (country("RUS", "Russia"),), date="2017-03", modality="future"),
            event(a1, 3, "praised", "SUPPORT", "051", 3.4, 1, (XI,),
                  (country("KGZ", "Kyrgyzstan"),), date="2017"),
        ), (Affiliation(ATAMBAYEV.id, "KGZ", "President", "2017-01-09", "2017-01-09", a1, 0),
            Affiliation("person:wang-yi", "CHN", "Foreign Minister", "2017-01-09", None, a1, 0))),
        ArticleGraph(Article("Bishkek visit.", id=a2, date="2019-06-14"), (
            event(a2, 0, "visited", "CONSULT", "042", 1.9, 1, (XI,),
                  (country("KGZ", "Kyrgyz Republic"),), date="2019-06-12",
                  location=Location("Bishkek", "KGZ")),
            event(a2, 1, "hosted", "CONSULT", "043", 2.8, 1, (JEENBEKOV,), (XI,),
                  date="2019-06-13", location=Location("Bishkek")),
            event(a2, 2, "awarded", "SUPPORT", "057", 8.0, 1, (JEENBEKOV,), (XI,), date="2019-06"),
            event(a2, 3, "met", "CONSULT", "040", 1.0, 1, (XI,), (PROTESTERS,), negated=True,
                  date="2019-06-13"),
            # Two Kyrgyz actors on one side: neither is the other's counterpart for "KGZ".
            event(a2, 4, "received", "CONSULT", "043", 2.8, 1,
                  (JEENBEKOV, country("KGZ", "Kyrgyz Republic")), (XI,), date="2019-06-13"),
        ), (Affiliation(JEENBEKOV.id, "KGZ", "President", "2019-06-14", "2019-06-14", a2, 1),)),
        ArticleGraph(Article("Moscow summit.", id=a3, date="2023-03-22"), (
            event(a3, 0, "hosted", "CONSULT", "043", 2.8, 1, (PUTIN,), (XI,), date="2023-03-21",
                  location=Location("Moscow", "RUS")),
            event(a3, 1, "signed", "AGREE", "057", 8.0, 1, (PUTIN, XI), date="2023-03-21"),
            event(a3, 2, "accused", "ACCUSE", "112", -2.0, 3, (country("RUS", "Russia"),),
                  (country("USA", "United States"),), date="2023"),
            event(a3, 3, "threatened", "THREATEN", "138", -7.0, 3, (country("RUS", "Russia"),),
                  (country("UKR", "Ukraine"),)),
            # The former president, with no country in this article: not "KGZ" here.
            event(a3, 4, "met", "CONSULT", "040", 1.0, 1,
                  (Actor("Almazbek Atambayev", "person"),), (PUTIN,), date="2023-03-20"),
            event(a3, 5, "may meet", "CONSULT", "040", 1.0, 1, (LAVROV,), (XI,),
                  modality="hypothetical", date="2023-03"),
        )),
        ArticleGraph(Article("Undated note.", id=a4), (
            event(a4, 0, "met", "CONSULT", "040", 1.0, 1, (GUTERRES,), (LAVROV,)),
            event(a4, 1, "criticised", "DISAPPROVE", "111", -2.0, 3, (LAVROV,),
                  (Actor("United Nations", "igo", id="igo:UN"),), date="2021-04"),
        )),
        ArticleGraph(Article("Nothing to code here.", id="p-empty", date="2020-02-02")),
    ]


@pytest.fixture(scope="module")
def corpus(example_graphs) -> list[ArticleGraph]:
    return hand_built() + list(example_graphs)


@pytest.fixture(scope="module", params=SERVER_BACKENDS)
def stores(request, corpus, tmp_path_factory) -> Iterator[tuple[OxigraphStore, Store]]:
    """The embedded store and one server backend (named `cypher` in the tests, whatever its
    language), the corpus in both."""
    with OxigraphStore(tmp_path_factory.mktemp("oxigraph")) as rdf, \
            open_server_store(request, request.param) as cypher:
        rdf.write(corpus)
        cypher.write(corpus)
        yield rdf, cypher


# (actor, options, whether the answer must be non-empty: a guard against comparing nothing)
MET_CASES = [
    ("KGZ", {}, True),
    ("CHN", {}, True),
    ("RUS", {}, True),
    ("KOR", {}, True),
    ("Xi Jinping", {}, True),
    ("  xi JINPING ", {}, True),
    ("President Xi", {}, True),
    ("person:xi-jinping", {}, True),
    ("country:KGZ", {}, True),
    ("Almazbek Atambayev", {}, True),
    ("Sergei Lavrov", {}, True),
    ("KGZ", {"include_all": True}, True),
    ("Xi Jinping", {"include_all": True}, True),
    ("Xi Jinping", {"since": "2019", "until": "2019-06-12"}, True),
    ("Xi Jinping", {"since": "2019-06-13"}, True),
    ("CHN", {"until": "2017-01"}, True),
    ("Nobody Known", {}, False),
]

TIMELINE_CASES = [
    ("KGZ", "CHN", {}, True),
    ("KGZ", "CHN", {"directed": True}, True),
    ("CHN", "KGZ", {"directed": True}, True),
    ("RUS", "CHN", {}, True),
    ("USA", "RUS", {}, True),
    ("RUS", "USA", {"directed": True}, True),
    ("RUS", "UKR", {}, True),
    ("Xi Jinping", "Vladimir Putin", {}, True),
    ("KGZ", "CHN", {"since": "2017-01", "until": "2019-12"}, True),
    ("KGZ", "CHN", {"since": "2019-06-13"}, True),
    ("KGZ", "CHN", {"until": "2019-06"}, True),
    ("Sergei Lavrov", "CHN", {"include_all": True}, True),
    ("JPN", "KOR", {"include_all": True}, True),
    ("KGZ", "USA", {}, False),
]


@pytest.mark.parametrize(("actor", "options", "found"), MET_CASES)
def test_met_matches(stores, actor: str, options: dict, found: bool) -> None:
    rdf, cypher = stores
    expected = questions.met(rdf, actor, **options)
    assert questions.met(cypher, actor, **options) == expected
    assert bool(expected) is found


@pytest.mark.parametrize(("a", "b", "options", "found"), TIMELINE_CASES)
def test_timeline_matches(stores, a: str, b: str, options: dict, found: bool) -> None:
    rdf, cypher = stores
    expected = questions.timeline(rdf, a, b, **options)
    assert questions.timeline(cypher, a, b, **options) == expected
    assert bool(expected) is found


EVENT_FILTERS = [
    ({}, True),
    ({"include_all": True}, True),
    ({"actor": "KGZ"}, True),
    ({"actor": "KGZ", "counterpart": "CHN"}, True),
    ({"actor": "CHN", "counterpart": "KGZ", "directed": True}, True),
    ({"actor": "Xi Jinping", "plover_types": "consult, support", "since": "2019"}, True),
    ({"cameo": ["04"], "until": "2019-06"}, True),
    ({"quad_classes": [3, 4], "include_all": True}, True),
    ({"actor": "Almazbek Atambayev", "include_all": True}, True),
    ({"actor": "UKR", "since": "2000"}, False),
]


@pytest.mark.parametrize(("filters", "found"), EVENT_FILTERS)
def test_events_match(stores, filters: dict, found: bool) -> None:
    rdf, cypher = stores
    expected = events(rdf, **filters)
    assert events(cypher, **filters) == expected
    assert bool(expected) is found


ACTOR_CASES = [
    ("Xi Jinping", {}, True),
    ("President Xi", {}, True),
    ("KGZ", {}, True),
    ("person:almazbek-atambayev", {"include_all": True}, True),
    ("Sooronbay Jeenbekov", {"top": 2}, True),
    ("Nobody Known", {}, False),
]


@pytest.mark.parametrize(("spec", "options", "found"), ACTOR_CASES)
def test_actor_matches(stores, spec: str, options: dict, found: bool) -> None:
    rdf, cypher = stores
    expected = actor(rdf, spec, **options)
    assert actor(cypher, spec, **options) == expected
    assert bool(expected) is found


def test_stats_match_except_the_backend_size(stores) -> None:
    rdf, cypher = stores
    expected = questions.stats(rdf).to_dict()
    got = questions.stats(cypher).to_dict()
    assert expected.pop("size") > 0 and got.pop("size") > 0
    assert got == expected
    assert expected["articles"] == 5 + 6 and expected["events"] > 20


def test_direct_links_match(stores) -> None:
    rdf, other = stores
    direct = ("SELECT ?s ?p ?o ?rel_iri WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), "
              "STR(?rel_iri))) }")
    triples = rdf.query(direct, {"rel_iri": REL})
    prefix = "https://w3id.org/diplograph/id/actor/"
    expected = {(t["s"].removeprefix(prefix), t["p"].removeprefix(REL), t["o"].removeprefix(prefix))
                for t in triples}
    if other.language == "sparql":
        got = {(t["s"].removeprefix(prefix), t["p"].removeprefix(REL), t["o"].removeprefix(prefix))
               for t in other.query(direct, {"rel_iri": REL})}
    else:
        links = other.query("MATCH (s:Actor)-[r]->(t:Actor) WHERE r.event_id IS NOT NULL "
                            "RETURN s.id AS s, type(r) AS type, t.id AS t")
        got = {(r["s"], r["type"].lower().replace("_", "-"), r["t"]) for r in links}
    assert got == expected and len(expected) > 5


def test_answers_still_match_after_replacing_and_deleting(stores, corpus) -> None:
    rdf, cypher = stores
    shorter = ArticleGraph(corpus[0].article, corpus[0].events[:1], corpus[0].affiliations[:1])
    try:
        for store in stores:
            store.write([shorter])
            assert store.delete_article(corpus[2].article.id)
        for spec, options, _ in MET_CASES:
            assert questions.met(cypher, spec, **options) == questions.met(rdf, spec, **options)
        for a, b, options, _ in TIMELINE_CASES:
            assert (questions.timeline(cypher, a, b, **options)
                    == questions.timeline(rdf, a, b, **options))
        for filters, _ in EVENT_FILTERS:
            assert events(cypher, **filters) == events(rdf, **filters)
        for spec, options, _ in ACTOR_CASES:
            assert actor(cypher, spec, **options) == actor(rdf, spec, **options)
        stats = [questions.stats(store).to_dict() for store in stores]
        assert [s.pop("size") for s in stats] and stats[0] == stats[1]
    finally:
        for store in stores:
            store.write([corpus[0], corpus[2]])
