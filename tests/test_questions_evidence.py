"""`ask evidence EVENT_ID`: the article, sentence and span behind an event, on both backends."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplograph.errors import QueryError
from diplograph.graph.model import Actor, Article, ArticleGraph, Event
from diplograph.graph.rdf import article_quads
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.graph.vocab import DG, resource_iri
from diplograph.queries.evidence import EvidenceRecord, evidence

TEXT = "Tbilisi, 4 March. Georgia and Armenia talked. Later the two sides talked again."
TALKS = Event(
    "caucasus-talks", 1, "Georgia and Armenia talked.", (38, 44), "talked", "talked", "CONSULT",
    "040", 1.0, 1, (Actor.country_actor("GEO", "Georgia"),),
    (Actor.country_actor("ARM", "Armenia"),),
    date="2024-03-04", date_basis="context", mention_sentences=(2, 5), story_key="k-talks")
BARE = Event("caucasus-talks", 3, "Nobody knows when.", (90, 95), "knows", "knows", "CONSULT",
             "040", 1.0, 1, (Actor.country_actor("GEO", "Georgia"),))
TALKS_GRAPH = ArticleGraph(
    Article(TEXT, id="caucasus-talks", title="Talks in Tbilisi", date="2024-03-05",
            url="https://news.test/talks", origin="talks.jsonl:3"), (TALKS, BARE))


@pytest.fixture(scope="module")
def corpus(seed_graph, example_graphs) -> list[ArticleGraph]:
    return [TALKS_GRAPH, seed_graph, *example_graphs]


@pytest.fixture(scope="module")
def oxigraph(corpus, tmp_path_factory):
    with OxigraphStore(tmp_path_factory.mktemp("evidence")) as store:
        store.write(corpus)
        yield store


def test_the_seed_meeting_points_at_its_sentence_and_exact_span(oxigraph, seed_graph, seed_text):
    [met] = [e for e in seed_graph.events if e.trigger == "met"]
    found = evidence(oxigraph, met.id)
    assert found.article_id == "seed" and found.article_date == "2017-01-09"
    assert found.sentence.startswith("During his working visit to China on January 6")
    assert "Atambayev met with Chinese President Xi Jinping" in found.sentence
    start, end = found.span
    assert seed_text[start:end] == found.span_text == "met"
    assert seed_text[start - 10:end + 13] == "Atambayev met with Chinese"
    assert (found.date, found.date_basis) == ("2017-01-06", "text")
    assert found.story_key == met.story_key and found.story_key


def test_every_field_of_a_hand_built_event(oxigraph):
    assert evidence(oxigraph, f"  {TALKS.id} ") == EvidenceRecord(
        event_id=TALKS.id, article_id="caucasus-talks", article_title="Talks in Tbilisi",
        article_url="https://news.test/talks", article_date="2024-03-05",
        article_origin="talks.jsonl:3", sentence_index=1, sentence="Georgia and Armenia talked.",
        span=(38, 44), span_text="talked", trigger="talked", predicate="talked",
        plover_type="CONSULT", cameo_code="040", date="2024-03-04", date_basis="context",
        mention_sentences=(2, 5), story_key="k-talks")
    assert TEXT[38:44] == "talked"


def test_missing_fields_stay_empty(oxigraph):
    found = evidence(oxigraph, BARE.id)
    assert (found.date, found.date_basis, found.story_key, found.mention_sentences) == (
        None, None, None, ())


def test_unknown_event_is_a_clear_error(oxigraph):
    with pytest.raises(QueryError, match="no event with id 'e-nope'.*ask events"):
        evidence(oxigraph, "e-nope")


def test_rdf_keeps_date_basis_mentions_and_story_key():
    node = ox.NamedNode(resource_iri("event", TALKS.id))
    quads = [q for q in article_quads(TALKS_GRAPH) if q.subject == node]

    def values(term):
        return sorted(q.object.value for q in quads if q.predicate.value == str(term))

    assert values(DG.dateBasis) == ["context"]
    assert values(DG.mentionSentence) == ["2", "5"]
    assert values(DG.storyKey) == ["k-talks"]


def test_to_dict_is_json_ready(oxigraph):
    record = evidence(oxigraph, TALKS.id).to_dict()
    assert record["span"] == [38, 44] and record["mention_sentences"] == [2, 5]


@pytest.fixture(scope="module")
def neo4j(corpus, neo4j_server):
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    with Neo4jStore(neo4j_server.uri) as store:
        store.query("MATCH (n) DETACH DELETE n", write=True)
        store.write(corpus)
        yield store


@pytest.mark.neo4j
def test_same_evidence_for_every_event_on_both_backends(oxigraph, neo4j, corpus):
    ids = [e.id for graph in corpus for e in graph.events]
    assert len(ids) > 25  # the seed and examples, restatements folded (issue 13)
    assert any(e.mention_sentences for graph in corpus for e in graph.events)
    for event_id in ids:
        assert evidence(neo4j, event_id) == evidence(oxigraph, event_id), event_id


@pytest.mark.neo4j
def test_unknown_event_on_neo4j(neo4j):
    with pytest.raises(QueryError, match="no event with id"):
        evidence(neo4j, "e-nope")
