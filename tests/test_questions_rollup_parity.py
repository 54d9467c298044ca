"""Timelines and partner lists read the rollup, and every backend's rollup gives one answer.

The corpus is the one of tests/test_questions_parity.py (hand-built corners and the example
articles through the real extractor) plus articles that share cells with it (the rollup must sum
them), pair a key with itself, span quarters and years, and carry a four-digit CAMEO code. Each
server backend (Neo4j, Fuseki, `oxigraph serve`) gets it through a detour (an article written,
replaced and deleted again, another written in an older version first), so its rollup is the
incremental one, and is checked against the tallies of the articles present, summed in Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import pytest
from conftest import SERVER_BACKENDS, open_server_store
from test_questions_parity import ATAMBAYEV, PROTESTERS, XI, country, event, hand_built

from diplograph.graph.lookup import lookup_key
from diplograph.graph.model import Article, ArticleGraph, Event
from diplograph.graph.neo4j_shape import rollup_changes, rollup_rows
from diplograph.graph.rollup import pair_changes
from diplograph.graph.stores import Store
from diplograph.graph.stores.oxigraph_store import OxigraphStore
from diplograph.graph.tallies import Cell, article_tallies
from diplograph.queries import questions
from diplograph.queries.partners import SORTS, partners
from diplograph.queries.questions import GRANULARITIES

def corners() -> list[ArticleGraph]:
    """Articles whose cells overlap the hand-built ones, or that no other article reaches."""
    repeat, home = "r-repeat", "r-home"
    return [
        ArticleGraph(Article("Talks again.", id=repeat, date="2017-04-03"), (
            # The cell of the Beijing meeting in p-beijing-2017: two articles' events in one cell.
            event(repeat, 0, "met", "CONSULT", "040", 1.0, 1, (ATAMBAYEV,), (XI,),
                  date="2017-01-18"),
            event(repeat, 1, "met", "CONSULT", "040", 1.0, 1, (XI,), (ATAMBAYEV,),
                  date="2017-04-02"),
            event(repeat, 2, "destroyed", "ASSAULT", "1712", -9.2, 4, (country("CHN", "China"),),
                  (country("KGZ", "Kyrgyzstan"),), date="2018-11-30"),
            event(repeat, 3, "pledged", "AGREE", "0311", 5.2, 1, (country("KGZ", "Kyrgyzstan"),),
                  (country("CHN", "China"),), date="2018-11", modality="future"),
        )),
        ArticleGraph(Article("At home.", id=home, date="2018-05-05"), (
            # Both sides Kyrgyz: "KGZ" paired with itself, never its own partner.
            event(home, 0, "met", "CONSULT", "040", 1.0, 1, (ATAMBAYEV,), (PROTESTERS,),
                  date="2018-05-04"),
            event(home, 1, "refused", "REJECT", "120", -4.0, 3, (PROTESTERS,),
                  (country("CHN", "China"),), date="2018"),
        )),
    ]


def detour(final: list[ArticleGraph]) -> list[list[ArticleGraph]]:
    """Batches that end with `final` stored, by way of older versions and a deleted article."""
    first = final[0]

    def moved(graph: ArticleGraph, article_id: str) -> tuple[Event, ...]:
        return tuple(replace(e, article_id=article_id, id="") for e in graph.events)

    older = ArticleGraph(first.article, first.events[1:] + moved(corners()[1], first.article.id))
    passing = ArticleGraph(Article("Gone soon.", id="r-gone"), moved(corners()[0], "r-gone"))
    return [[older, passing], final, [passing]]


@pytest.fixture(scope="module")
def corpus(example_graphs) -> list[ArticleGraph]:
    return hand_built() + corners() + list(example_graphs)


@pytest.fixture(scope="module", params=SERVER_BACKENDS)
def server(request, corpus) -> Iterator[Store]:
    """A server backend that took the detour to the corpus."""
    options = {"batch_size": 40} if request.param == "neo4j" else {}
    with open_server_store(request, request.param, **options) as store:
        for batch in detour(corpus):
            store.write(batch)
        assert store.delete_article("r-gone")
        yield store


def test_the_stored_rollup_is_the_sum_of_the_articles_tallies(server, corpus) -> None:
    total: Counter[Cell] = Counter()
    for ag in corpus:
        total.update(article_tallies(ag))
    assert max(total.values()) > 1  # some cell holds events of two articles
    if server.language == "sparql":
        assert server.rollup() == total == server.tallies()
        return
    rows = server.query("MATCH (r:Rollup) RETURN r.id AS id, r.series AS series, "
                       "r.totals AS totals")
    fresh, _ = rollup_rows(rollup_changes(pair_changes(total)), {})
    assert ({r["id"]: (r["series"], r["totals"]) for r in rows}
            == {r["id"]: (r["series"], r["totals"]) for r in fresh})


FILTERS = [
    {},
    {"include_all": True},
    {"since": "2017-02"},
    {"until": "2018-12", "include_all": True},
    {"since": "2017-01", "until": "2017-01"},
    {"plover_types": "consult, assault"},
    {"cameo": ["04"], "include_all": True},
    {"cameo": ["1712", "057"]},
    {"cameo": ["031"], "include_all": True},
    {"quad_classes": [3, 4], "include_all": True},
    {"quad_classes": [1], "since": "2019", "until": "2023-12"},
]

PAIRS = [("KGZ", "CHN"), ("CHN", "KGZ"), ("Xi Jinping", "Almazbek Atambayev"), ("KGZ", "KGZ"),
         ("RUS", "CHN"), ("Vladimir Putin", "Xi Jinping"), ("person:xi-jinping", "KGZ")]
# (actor, by, whether it has partners: a guard against comparing nothing)
WHO = [("KGZ", "country", True), ("KGZ", "actor", True), ("CHN", "country", True),
       ("CHN", "actor", True), ("RUS", "country", True), ("Xi Jinping", "country", True),
       ("Xi Jinping", "actor", True), ("person:xi-jinping", "actor", True),
       ("Sergei Lavrov", "actor", True), ("Sergei Lavrov", "country", False)]


@pytest.fixture(scope="module")
def stores(corpus, server, tmp_path_factory) -> Iterator[tuple[OxigraphStore, Store]]:
    """The corpus loaded fresh into Oxigraph, next to the server store that took the detour."""
    with OxigraphStore(tmp_path_factory.mktemp("oxigraph")) as rdf:
        rdf.write(corpus)
        yield rdf, server


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_timeline_is_the_same_on_both_backends(stores, a: str, b: str, directed: bool,
                                               granularity: str) -> None:
    rdf, cypher = stores
    expected = questions.timeline(rdf, a, b, directed=directed, granularity=granularity)
    assert questions.timeline(cypher, a, b, directed=directed, granularity=granularity) == expected
    assert any(row.events for row in expected)


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("directed", [False, True])
def test_filtered_timeline_is_the_same_on_both_backends(stores, directed: bool, filters: dict,
                                                        granularity: str) -> None:
    rdf, cypher = stores
    options = {"directed": directed, "granularity": granularity, **filters}
    assert (questions.timeline(cypher, "KGZ", "CHN", **options)
            == questions.timeline(rdf, "KGZ", "CHN", **options))


@pytest.mark.parametrize(("who", "by", "found"), WHO)
def test_partners_are_the_same_on_both_backends(stores, who: str, by: str, found: bool) -> None:
    rdf, cypher = stores
    for sort in SORTS:
        expected = partners(rdf, who, by=by, sort=sort)
        assert partners(cypher, who, by=by, sort=sort) == expected
        assert bool(expected) is found
        assert lookup_key(who) not in {p.counterpart_key for p in expected}


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("by", ["country", "actor"])
def test_filtered_partners_are_the_same_on_both_backends(stores, by: str, filters: dict) -> None:
    rdf, cypher = stores
    for who in ("KGZ", "Xi Jinping"):
        for sort in SORTS:
            options = {"by": by, "sort": sort, "top": 3, **filters}
            assert partners(cypher, who, **options) == partners(rdf, who, **options)


def test_nobody_has_no_partners_and_no_timeline(stores) -> None:
    for store in stores:
        assert partners(store, "Nobody Known") == []
        assert questions.timeline(store, "Nobody Known", "KGZ") == []
