"""`ask agreements`: AGREE events and signings (CAMEO 057), with their parties, on both backends."""

from __future__ import annotations

import pytest

from diplograph.errors import QueryError
from diplograph.graph.model import Actor, Article, ArticleGraph, Event, Location
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.agreements import agreements

ARMENIA = Actor.country_actor("ARM", "Armenia")
GEORGIA = Actor.country_actor("GEO", "Georgia")
AZERBAIJAN = Actor.country_actor("AZE", "Azerbaijan")
PASHINYAN = Actor("Nikol Pashinyan", "person", "ARM", role="Prime Minister")
ALIYEV = Actor("Ilham Aliyev", "person", "AZE", role="President")


def event(index: int, predicate: str, plover: str, cameo: str, source: tuple[Actor, ...],
          target: tuple[Actor, ...] = (), **fields: object) -> Event:
    return Event("caucasus", index, f"Sentence {index}.", (index, index + 1), predicate,
                 predicate, plover, cameo, 5.0, 1, source, target, **fields)


EVENTS = (
    # a signing that our code table reads as SUPPORT: still an agreement, and signed
    event(0, "signed", "SUPPORT", "057", (PASHINYAN, ALIYEV), date="2024-05-02",
          object="a border protocol", location=Location("Almaty", "KAZ")),
    event(1, "pledged", "AGREE", "0311", (ARMENIA,), (GEORGIA,), date="2024-03",
          object="trade cooperation"),
    event(2, "met", "CONSULT", "040", (PASHINYAN,), (ALIYEV,), date="2024-05-02"),
    event(3, "did not agree", "AGREE", "030", (AZERBAIJAN,), (GEORGIA,), negated=True,
          date="2024-04-10"),
    event(4, "may sign", "AGREE", "036", (GEORGIA,), (AZERBAIJAN,), modality="hypothetical",
          date="2024-06"),
    event(5, "offered", "AGREE", "036", (ARMENIA,), (AZERBAIJAN,)),
)
CAUCASUS = ArticleGraph(Article("Caucasus round-up.", id="caucasus", date="2024-05-03"), EVENTS)


def predicates(records) -> list[str]:
    return [r.predicate for r in records]


@pytest.fixture(scope="module")
def corpus(seed_graph, example_graphs) -> list[ArticleGraph]:
    return [CAUCASUS, seed_graph, *example_graphs]


@pytest.fixture(scope="module")
def oxigraph(corpus, tmp_path_factory):
    with OxigraphStore(tmp_path_factory.mktemp("agreements")) as store:
        store.write(corpus)
        yield store


def test_the_seed_article_lists_the_security_cooperation_agreement(oxigraph):
    found = agreements(oxigraph, "Almazbek Atambayev", "Xi Jinping")
    [security] = [r for r in found if r.article_id == "seed"]
    assert "security cooperation" in security.what
    assert [p.name for p in security.parties] == ["Almazbek Atambayev", "Xi Jinping"]
    assert (security.date, security.plover_type, security.signed) == ("2017-01-06", "AGREE", False)
    assert security.sentence.startswith("During their meeting, Atambayev and Xi Jinping agreed")


def test_signings_and_agree_events_but_nothing_else(oxigraph):
    found = agreements(oxigraph, "Nikol Pashinyan")
    assert predicates(found) == ["signed"]
    [signing] = found
    assert signing.signed and signing.cameo_code == "057" and signing.plover_type == "SUPPORT"
    assert (signing.what, signing.place, signing.place_country) == (
        "a border protocol", "Almaty", "KAZ")
    assert [(p.id, p.name) for p in signing.parties] == [
        ("person:ilham-aliyev", "Ilham Aliyev"), ("person:nikol-pashinyan", "Nikol Pashinyan")]


def test_unrealised_agreements_only_when_asked(oxigraph):
    assert predicates(agreements(oxigraph, "AZE")) == ["signed", "offered"]
    assert predicates(agreements(oxigraph, "AZE", include_all=True)) == [
        "did not agree", "signed", "may sign", "offered"]


def test_counterpart_and_dates(oxigraph):
    assert predicates(agreements(oxigraph, "ARM", "GEO")) == ["pledged"]
    assert predicates(agreements(oxigraph, "ARM", since="2024-04")) == ["signed"]
    assert predicates(agreements(oxigraph, "ARM", until="2024-04")) == ["pledged"]


@pytest.mark.parametrize(("options", "expected"), [
    ({"signed_only": True}, ["signed"]),
    ({"plover_types": "support"}, ["signed"]),
    ({"plover_types": ["AGREE"]}, ["pledged", "offered"]),
    ({"plover_types": "CONSULT"}, []),
    ({"cameo": "05"}, ["signed"]),
    ({"cameo": "031"}, ["pledged"]),
    ({"cameo": ["031", "057"]}, ["pledged", "signed"]),
    ({"cameo": "04"}, []),
    ({"quad_classes": [1]}, ["pledged", "signed", "offered"]),
    ({"quad_classes": [3]}, []),
])
def test_type_filters_narrow_both_kinds_of_agreement(oxigraph, options, expected):
    assert predicates(agreements(oxigraph, "ARM", **options)) == expected


@pytest.mark.parametrize("options", [{"plover_types": "AGREEMENT"}, {"cameo": "99"},
                                     {"since": "2024-13"}, {"counterpart": "GEO"}])
def test_bad_filters_are_refused_before_any_query(oxigraph, options):
    with pytest.raises(QueryError):
        agreements(oxigraph, **options)


@pytest.fixture(scope="module")
def neo4j(corpus, neo4j_server):
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    with Neo4jStore(neo4j_server.uri) as store:
        store.query("MATCH (n) DETACH DELETE n", write=True)
        store.write(corpus)
        yield store


@pytest.mark.neo4j
@pytest.mark.parametrize(("actor", "counterpart", "options", "found"), [
    (None, None, {}, True),
    (None, None, {"include_all": True}, True),
    (None, None, {"signed_only": True}, True),
    ("KGZ", "CHN", {}, True),
    ("Xi Jinping", None, {"since": "2019", "until": "2023-03"}, True),
    ("AZE", None, {"include_all": True, "cameo": ["03", "05"]}, True),
    ("ARM", None, {"plover_types": "SUPPORT"}, True),
    ("USA", None, {}, False),
])
def test_same_agreements_on_both_backends(oxigraph, neo4j, actor, counterpart, options, found):
    expected = agreements(oxigraph, actor, counterpart, **options)
    assert agreements(neo4j, actor, counterpart, **options) == expected
    assert bool(expected) is found
