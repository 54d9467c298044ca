"""`ask actor` gives the same profile on the embedded store and on Neo4j, with evidence."""

from __future__ import annotations

import pytest

from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.actor import actor


@pytest.fixture(scope="module")
def oxigraph(example_graphs, tmp_path_factory):
    with OxigraphStore(tmp_path_factory.mktemp("actor")) as store:
        store.write(example_graphs)
        yield store


@pytest.fixture(scope="module")
def neo4j(example_graphs, neo4j_server):
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    with Neo4jStore(neo4j_server.uri) as store:
        store.query("MATCH (n) DETACH DELETE n", write=True)
        store.write(example_graphs)
        yield store


def test_profile_of_a_head_of_state(oxigraph):
    [xi] = actor(oxigraph, "Xi Jinping")
    assert (xi.id, xi.type, xi.country) == ("person:xi-jinping", "person", "CHN")
    assert {(a.role, a.country) for a in xi.affiliations} == {("head_of_state", "CHN")}
    assert all(a.evidence and "Xi Jinping" in a.evidence for a in xi.affiliations)
    assert {a.article_id for a in xi.affiliations} >= {"chn-kgz-bishkek-2019",
                                                      "rus-chn-moscow-2023"}
    names = [c.name for c in xi.counterparts]
    assert {"Sooronbay Jeenbekov", "Almazbek Atambayev", "Vladimir Putin"} <= set(names)
    assert xi.event_mix["CONSULT"] >= 3


def test_an_iso3_code_means_the_country_itself(oxigraph):
    [kgz] = actor(oxigraph, "KGZ")
    assert (kgz.id, kgz.type) == ("country:KGZ", "country")
    assert kgz.affiliations == ()


def test_unknown_actor_has_no_profile(oxigraph):
    assert actor(oxigraph, "Nobody Atall") == []


@pytest.mark.neo4j
@pytest.mark.parametrize("spec", ["Xi Jinping", "xi jinping", "person:vladimir-putin", "KGZ",
                                  "Jeenbekov", "RUS", "European Union"])
def test_same_profile_on_both_backends(oxigraph, neo4j, spec):
    assert actor(neo4j, spec) == actor(oxigraph, spec)
