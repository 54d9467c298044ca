"""The store contract: what every backend behind `diplograph.graph.stores.Store` must do.

Each test runs on every backend (the embedded Oxigraph store, a real Neo4j server, and remote
SPARQL stores on real Fuseki and `oxigraph serve` servers) and uses only the protocol's methods, so a new
backend is done when this file passes on it. What is particular to one backend (its graph shape,
its rollup layout, crash repair, locking, the bulk loader) stays in tests/test_store_<backend>.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SERVER_BACKENDS, open_server_store

from diplograph.errors import QueryError
from diplograph.graph.model import Actor, Affiliation, Article, ArticleGraph, Event, Location
from diplograph.graph.stores import MonthCount, PartnerCount, RollupFilter, Store, open_store
from diplograph.graph.stores.bulk import write_bulk
from diplograph.graph.stores.protocol import BulkStore
from diplograph.graph.vocab import resource_iri
from diplograph.queries.events import events

BACKENDS = ["oxigraph", *SERVER_BACKENDS]

ATAMBAYEV = Actor("Almazbek Atambayev", "person", "KGZ", role="President")
XI = Actor("Xi Jinping", "person", "CHN", role="President")
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
    """A meeting, a joint agreement with no target, a negated meeting; an affiliation."""
    every = (
        event("a1", 0, "met", (ATAMBAYEV,), (XI,), date="2017-01-06",
              location=Location("Beijing", "CHN"), plover_context=("diplomatic",)),
        event("a1", 1, "agreed", (CHINA, KYRGYZSTAN), plover_type="AGREE", cameo_code="030",
              goldstein=4.0, date="2017-01"),
        event("a1", 2, "met", (ATAMBAYEV,), (PUTIN,), negated=True, date="2017"),
    )
    return ArticleGraph(
        Article("Atambayev met Xi.", id="a1", title="Beijing talks", date="2017-01-09"),
        every[:events],
        (Affiliation(ATAMBAYEV.id, "KGZ", "head_of_state", "2017-01-09", "2017-01-09", "a1", 0,
                     title="President"),))


def moscow() -> ArticleGraph:
    """Putin hosts Xi, and Xi accuses Kyrgyzstan: shares Xi with `beijing`."""
    return ArticleGraph(Article("Putin hosted Xi.", id="a2", date="2023-03-22"), (
        event("a2", 0, "hosted", (PUTIN,), (XI,), cameo_code="043", goldstein=2.8,
              date="2023-03-21"),
        event("a2", 1, "accused", (XI,), (KYRGYZSTAN,), plover_type="ACCUSE", cameo_code="112",
              goldstein=-2.0, quad_class=3, date="2023-03-21"),
    ))


def empty() -> ArticleGraph:
    return ArticleGraph(Article("Nothing happened.", id="a3"))


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend, opened by its address."""
    if request.param == "oxigraph":
        opened = open_store(str(tmp_path / "db"))
    else:
        opened = open_server_store(request, request.param)
    with opened:
        yield opened


def state(store: Store) -> tuple:
    """What a store answers through the protocol: its size and its rollup reads."""
    everything = RollupFilter(include_all=True)
    return (store.count(),
            sorted(store.pair_months("country:KGZ", "country:CHN", everything)),
            sorted(store.pair_months("country:KGZ", "country:CHN", RollupFilter(), directed=True)),
            sorted(store.partner_counts("id:person:xi-jinping", "actor", everything)),
            sorted(store.partner_counts("country:CHN", "country",
                                        RollupFilter(since="2017-01", until="2017-12"))))


def clear(store: Store, *article_ids: str) -> None:
    for article_id in article_ids:
        store.delete_article(article_id)
    assert store.count() == 0


def test_the_address_chooses_the_backend_and_it_is_a_store(store: Store) -> None:
    assert isinstance(store, Store)
    assert store.language in ("sparql", "cypher")
    assert store.count() == 0


def test_writing_the_same_articles_again_changes_nothing(store: Store) -> None:
    assert store.write([beijing(), moscow(), empty()]) == 3
    first = state(store)
    assert first[0] > 0
    store.write([beijing(), moscow(), empty()])
    store.write([moscow()])
    assert state(store) == first


def test_rewriting_an_article_leaves_what_writing_its_new_version_alone_gives(store) -> None:
    store.write([beijing(events=1), moscow()])
    expected = state(store)
    clear(store, "a1", "a2")
    store.write([beijing(), moscow()])
    store.write([beijing(events=1)])
    assert state(store) == expected


def test_an_article_twice_in_one_batch_is_written_as_its_last_version(store: Store) -> None:
    store.write([beijing(events=1)])
    expected = state(store)
    clear(store, "a1")
    store.write([beijing(), beijing(events=1)])
    assert state(store) == expected


def test_deleting_an_article_retracts_exactly_what_it_wrote(store: Store) -> None:
    store.write([moscow()])
    alone = state(store)
    store.write([beijing()])
    assert store.delete_article("a1") is True
    assert state(store) == alone
    assert store.delete_article("a1") is False
    assert store.delete_article("never-written") is False
    clear(store, "a2")


def test_write_order_does_not_change_the_answers(store: Store) -> None:
    store.write([beijing(), moscow()])
    forward = state(store)
    clear(store, "a1", "a2")
    store.write([moscow()])
    store.write([beijing()])
    assert state(store) == forward


@pytest.mark.parametrize("chunk", [1, 1000])
def test_the_bulk_path_leaves_what_write_leaves(store: Store, chunk: int) -> None:
    """Fresh, over articles already there, twice in one stream, and again: as `write` would."""
    store.write([beijing(), moscow(), empty()])
    expected = state(store)
    clear(store, "a1", "a2", "a3")
    options = {"chunk": chunk} if store.language == "sparql" else {"batch_size": chunk}
    if isinstance(store, BulkStore):  # a backend without a bulk path takes the fallback only
        assert store.write_bulk(iter([beijing(events=1), moscow()]), **options) == 2
        steps: list[int] = []
        store.write_bulk(iter([beijing(), empty(), moscow(), beijing()]),
                         on_written=steps.append, **options)
        assert sum(steps) == 4
        assert state(store) == expected
        clear(store, "a1", "a2", "a3")
    assert write_bulk(store, [beijing(), moscow(), empty()]) == 3
    assert state(store) == expected


def test_the_origin_of_events_is_kept_and_filters_the_rollup(store: Store) -> None:
    imported = ArticleGraph(Article("", id="gdelt1-1"), (
        event("gdelt1-1", 0, "met", (KYRGYZSTAN,), (CHINA,), date="2017-01-02",
              origin="gdelt1", source_event_id="1"),))
    store.write([beijing(), imported])
    both = RollupFilter(include_all=True)
    assert sum(r.events for r in store.pair_months("country:KGZ", "country:CHN", both)) == 3
    gdelt = RollupFilter(include_all=True, origins=("gdelt1",))
    assert store.pair_months("country:KGZ", "country:CHN", gdelt) == [
        MonthCount("2017-01", "CONSULT", 1, 1, 1.0)]
    assert [(p.counterpart_key, p.events) for p in store.partner_counts(
        "country:KGZ", "country", RollupFilter(origins=("gdelt1",)))] == [("country:CHN", 1)]
    found = events(store, origins="gdelt")
    assert [(r.id, r.origin) for r in found] == [(imported.events[0].id, "gdelt1")]
    assert {r.origin for r in events(store, origins="extract")} == {"extract"}


def test_rollup_reads_count_each_event_once_in_its_month_and_direction(store: Store) -> None:
    store.write([beijing(), moscow()])
    assert sorted(store.pair_months("country:KGZ", "id:person:xi-jinping", RollupFilter())) == [
        MonthCount("2017-01", "CONSULT", 1, 1, 1.0), MonthCount("2023-03", "ACCUSE", 3, 1, -2.0)]
    assert sorted(store.pair_months("country:KGZ", "country:CHN", RollupFilter(),
                                    directed=True)) == [
        MonthCount("2017-01", "AGREE", 1, 1, 4.0), MonthCount("2017-01", "CONSULT", 1, 1, 1.0)]
    assert store.pair_months("country:CHN", "country:KGZ", RollupFilter(plover_types=(
        "ACCUSE",)), directed=True) == [MonthCount("2023-03", "ACCUSE", 3, 1, -2.0)]
    # The negated meeting counts only when asked for; it has no month.
    assert store.pair_months("country:KGZ", "country:RUS", RollupFilter()) == []
    assert store.pair_months("country:KGZ", "country:RUS", RollupFilter(include_all=True)) == [
        MonthCount(None, "CONSULT", 1, 1, 1.0)]
    assert sorted(store.partner_counts("id:person:xi-jinping", "actor", RollupFilter())) == [
        PartnerCount("id:country:KGZ", "out", 3, 1, -2.0),
        PartnerCount("id:person:almazbek-atambayev", "in", 1, 1, 1.0),
        PartnerCount("id:person:vladimir-putin", "in", 1, 1, 2.8)]
    assert store.partner_counts("country:CHN", "country", RollupFilter(cameo=("03",))) == [
        PartnerCount("country:KGZ", "both", 1, 1, 4.0)]
    assert store.pair_months("name:nobody", "country:KGZ", RollupFilter()) == []


def test_a_hostile_parameter_is_only_ever_a_value(store: Store) -> None:
    store.write([beijing()])
    before = store.count()
    hostile = "x'}) MATCH (n) DETACH DELETE n //\" } ; DROP ALL ; #"
    echo = {"sparql": "SELECT ?name ?echo WHERE { BIND(STR(?name) AS ?echo) }",
            "cypher": "RETURN $name AS echo"}[store.language]
    assert store.query(echo, {"name": hostile}) == [{"echo": hostile}]
    assert store.count() == before


def test_a_write_needs_the_write_flag(store: Store) -> None:
    change = {"sparql": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
              "cypher": "CREATE (:Scratch {id: $id})"}[store.language]
    with pytest.raises(QueryError):
        store.query(change, {"id": "s1"} if store.language == "cypher" else None)
    assert store.count() == 0


def test_a_malformed_query_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="syntax"):
        store.query({"sparql": "SELEKT * WHERE {}", "cypher": "MATCH (n RETURN n"}[
            store.language])


def test_the_rdf_of_chosen_events_names_them_and_their_articles(store: Store) -> None:
    store.write([beijing(), moscow()])
    chosen = events(store, actor="Vladimir Putin")
    assert [r.article_id for r in chosen] == ["a2"]
    subjects = {q.subject.value for q in store.event_quads(chosen)}
    assert {resource_iri("event", chosen[0].id), resource_iri("article", "a2"),
            resource_iri("actor", PUTIN.id)} <= subjects
    assert resource_iri("article", "a1") not in subjects
    stored = store.stored_quads()
    assert stored is None or {resource_iri("article", "a1"), resource_iri("article", "a2")} <= {
        q.subject.value for q in stored}
