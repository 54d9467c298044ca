"""The RDF an article becomes: IRIs only, one named graph per article, typed dates, provenance."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from diplograph.graph.lookup import dyad
from diplograph.graph.model import Actor, Affiliation, Article, ArticleGraph, Event, Location
from diplograph.graph.rdf import article_nquads, article_quads, serialize
from diplograph.graph.rollup import article_tallies, read_tally
from diplograph.graph.vocab import DG, SEM, graph_iri, relation_iri, resource_iri

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
IDENTIFIER = "http://purl.org/dc/terms/identifier"

ATAMBAYEV = Actor("Almazbek Atambayev", "person", "KGZ", role="President")
XI = Actor("Xi Jinping", "person", "CHN", aliases=("President Xi",))
KGZ = Actor.country_actor("KGZ", "Kyrgyzstan")


def make_event(article_id: str, index: int, date: str | None = "2017-01-06",
               **fields: object) -> Event:
    values: dict = {"source": (ATAMBAYEV,), "target": (XI,), "predicate": "met",
                    "plover_type": "CONSULT", "cameo_code": "042", "goldstein": 1.9,
                    "quad_class": 1}
    values.update(fields)
    return Event(article_id=article_id, sentence_index=index,
                 sentence=f"In Beijing the Kyrgyz leader sat down with Xi ({index}).",
                 span=(index, index + 3), trigger="sat down", date=date, **values)


def article_graph(article_id: str = "a1", *events: Event, **article: object) -> ArticleGraph:
    return ArticleGraph(Article("Some text.", id=article_id, **article),
                        events or (make_event(article_id, 0),))


def triples(ag: ArticleGraph) -> list[tuple[str, str, object]]:
    """(subject, predicate, object) with IRIs as strings and literals as pyoxigraph Literals."""
    return [(q.subject.value, q.predicate.value,
             q.object.value if isinstance(q.object, ox.NamedNode) else q.object)
            for q in article_quads(ag)]


def objects(ag: ArticleGraph, subject: str, predicate: object) -> list:
    return [o for s, p, o in triples(ag) if s == subject and p == str(predicate)]


def test_no_blank_nodes_anywhere() -> None:
    ag = ArticleGraph(
        Article("Some text.", id="a1", title="Talks", date="2017-01-09", url="https://x.test/1"),
        (make_event("a1", 0, location=Location("Beijing", "CHN"), plover_context=("diplomatic",)),
         make_event("a1", 1, source=(ATAMBAYEV, KGZ), target=(XI,), date=None)),
        (Affiliation(ATAMBAYEV.id, "KGZ", "President", start="2017-01-06", article_id="a1"),))
    quads = article_quads(ag)
    assert len(quads) > 50
    for quad in quads:
        for term in (quad.subject, quad.object, quad.graph_name):
            assert not isinstance(term, ox.BlankNode), quad


def test_every_statement_is_in_the_articles_own_graph() -> None:
    first, second = article_graph("a1"), article_graph("a/2 b")
    assert {q.graph_name.value for q in article_quads(first)} == {graph_iri("a1")}
    assert {q.graph_name.value for q in article_quads(second)} == {
        "https://w3id.org/diplograph/graph/a%2F2%20b"}


def test_an_event_carries_its_coding_and_provenance() -> None:
    event = make_event("a1", 3, plover_mode="visit", plover_context=("diplomatic", "security"),
                       object="security cooperation", confidence=0.75)
    ag = article_graph("a1", event)
    node = resource_iri("event", event.id)
    expected = {
        RDF_TYPE: [str(SEM.Event)],
        IDENTIFIER: [ox.Literal(event.id)],
        str(DG.source): [resource_iri("actor", ATAMBAYEV.id)],
        str(DG.target): [resource_iri("actor", XI.id)],
        str(DG.ploverType): [ox.Literal("CONSULT")],
        str(DG.ploverMode): [ox.Literal("visit")],
        str(DG.cameoCode): [ox.Literal("042")],
        str(DG.goldstein): [ox.Literal(1.9)],
        str(DG.quadClass): [ox.Literal(1)],
        str(DG.trigger): [ox.Literal("sat down")],
        str(DG.predicate): [ox.Literal("met")],
        str(DG.object): [ox.Literal("security cooperation")],
        str(DG.negated): [ox.Literal(False)],
        str(DG.modality): [ox.Literal("asserted")],
        str(DG.confidence): [ox.Literal(0.75)],
        PROV_DERIVED: [resource_iri("article", "a1")],
        str(DG.sentence): [ox.Literal(event.sentence)],
        str(DG.sentenceIndex): [ox.Literal(3)],
        str(DG.spanStart): [ox.Literal(3)],
        str(DG.spanEnd): [ox.Literal(6)],
    }
    for predicate, values in expected.items():
        assert objects(ag, node, predicate) == values, predicate
    assert sorted(o.value for o in objects(ag, node, DG.ploverContext)) == ["diplomatic",
                                                                             "security"]
    assert sorted(objects(ag, node, SEM.hasActor)) == sorted(
        resource_iri("actor", a.id) for a in (ATAMBAYEV, XI))


@pytest.mark.parametrize(("date", "datatype", "precision", "month"), [
    ("2017-01-06", "date", "day", "2017-01"),
    ("2017-01", "gYearMonth", "month", "2017-01"),
    ("2017", "gYear", "year", None),
])
def test_the_date_datatype_follows_its_precision(date, datatype, precision, month) -> None:
    event = make_event("a1", 0, date=date)
    ag = article_graph("a1", event)
    node = resource_iri("event", event.id)
    assert objects(ag, node, DG.date) == [ox.Literal(date, datatype=ox.NamedNode(XSD + datatype))]
    assert objects(ag, node, DG.datePrecision) == [ox.Literal(precision)]
    assert objects(ag, node, DG.month) == ([ox.Literal(month)] if month else [])


def test_an_undated_event_has_no_date_statements() -> None:
    event = make_event("a1", 0, date=None)
    node = resource_iri("event", event.id)
    ag = article_graph("a1", event)
    assert objects(ag, node, DG.date) == objects(ag, node, DG.month) == []


@pytest.mark.parametrize(("fields", "linked"), [
    ({}, True),
    ({"modality": "reported"}, True),
    ({"negated": True}, False),
    ({"modality": "future"}, False),
    ({"modality": "hypothetical"}, False),
    ({"target": ()}, False),
])
def test_the_direct_actor_link_is_only_for_events_that_happened(fields, linked) -> None:
    ag = article_graph("a1", make_event("a1", 0, **fields))
    links = objects(ag, resource_iri("actor", ATAMBAYEV.id), relation_iri("met"))
    assert links == ([resource_iri("actor", XI.id)] if linked else [])


def test_a_joint_act_links_its_sources_both_ways() -> None:
    ag = article_graph("a1", make_event("a1", 0, source=(ATAMBAYEV, XI), target=()))
    atambayev, xi = (resource_iri("actor", a.id) for a in (ATAMBAYEV, XI))
    assert objects(ag, atambayev, relation_iri("met")) == [xi]
    assert objects(ag, xi, relation_iri("met")) == [atambayev]
    pair, _ = dyad("country:KGZ", "country:CHN")
    assert [o.value for o in objects(ag, pair, DG.tally)] == ["2017-01 both 1 042 1 1.9 extract CONSULT 1"]


def test_actors_are_typed_labelled_and_findable() -> None:
    ag = article_graph("a1")
    xi = resource_iri("actor", XI.id)
    assert sorted(objects(ag, xi, RDF_TYPE)) == sorted([str(SEM.Actor), str(DG.Person)])
    assert objects(ag, xi, "http://www.w3.org/2000/01/rdf-schema#label") == [
        ox.Literal("Xi Jinping")]
    assert objects(ag, xi, "http://www.w3.org/2004/02/skos/core#altLabel") == [
        ox.Literal("President Xi")]
    assert objects(ag, xi, DG.country) == [ox.Literal("CHN")]
    assert objects(ag, xi, DG.actorType) == [ox.Literal("person")]
    assert sorted(o.value for o in objects(ag, xi, DG.matchKey)) == [
        "country:CHN", "id:person:xi-jinping", "name:president xi", "name:xi jinping"]


def test_an_affiliation_is_a_dated_membership_that_makes_the_person_findable_by_country() -> None:
    jeenbekov = Actor("Sooronbay Jeenbekov", "person")
    affiliation = Affiliation(jeenbekov.id, "KGZ", "President", start="2019-06", article_id="a1",
                              sentence_index=2)
    ag = ArticleGraph(Article("Some text.", id="a1"),
                      (make_event("a1", 0, source=(jeenbekov,)),), (affiliation,))
    node = resource_iri("affiliation", affiliation.id)
    assert objects(ag, node, RDF_TYPE) == ["http://www.w3.org/ns/org#Membership"]
    assert objects(ag, node, "http://www.w3.org/ns/org#member") == [
        resource_iri("actor", jeenbekov.id)]
    assert objects(ag, node, "http://www.w3.org/ns/org#organization") == [
        resource_iri("actor", "country:KGZ")]
    assert objects(ag, node, DG.role) == [ox.Literal("President")]
    assert objects(ag, node, "https://schema.org/startDate") == [
        ox.Literal("2019-06", datatype=ox.NamedNode(XSD + "gYearMonth"))]
    assert objects(ag, node, PROV_DERIVED) == [resource_iri("article", "a1")]
    assert ox.Literal("country:KGZ") in objects(ag, resource_iri("actor", jeenbekov.id),
                                                DG.matchKey)


def test_the_article_node_describes_the_source() -> None:
    ag = article_graph("a1", title="Talks in Beijing", date="2017-01-09", url="https://x.test/1",
                       origin="news.jsonl:3")
    node = resource_iri("article", "a1")
    assert objects(ag, node, "http://purl.org/dc/terms/title") == [ox.Literal("Talks in Beijing")]
    assert objects(ag, node, "http://purl.org/dc/terms/date") == [
        ox.Literal("2017-01-09", datatype=ox.NamedNode(XSD + "date"))]
    assert objects(ag, node, "https://schema.org/url") == [
        ox.Literal("https://x.test/1", datatype=ox.NamedNode(XSD + "anyURI"))]
    assert objects(ag, node, DG.origin) == [ox.Literal("news.jsonl:3")]


def test_text_with_quotes_backslashes_and_newlines_survives_exactly() -> None:
    sentence = 'He said "no" \\ twice,\nthen left\t\u00e9\u4e2d\r.'
    event = Event("a1", 0, sentence, (0, 2), "said", "said", "REJECT", "120", -4.0, 3,
                  source=(Actor('Name "quoted" \\', "person"),))
    ag = ArticleGraph(Article("x", id="a1"), (event,))
    assert objects(ag, resource_iri("event", event.id), DG.sentence) == [ox.Literal(sentence)]


def test_tallies_count_an_event_once_per_key_pair_and_keep_its_direction() -> None:
    events = (make_event("a1", 0, source=(ATAMBAYEV, KGZ)),  # two KGZ actors, one event
              make_event("a1", 1),
              make_event("a1", 2, negated=True),
              make_event("a1", 3, source=(XI,), target=(KGZ,), date="2017"))
    ag = ArticleGraph(Article("x", id="a1"), events)
    pair, direction = dyad("country:KGZ", "country:CHN")
    assert direction == "ba"
    tallies = sorted(o.value for o in objects(ag, pair, DG.tally))
    assert tallies == ["- ab 1 042 1 1.9 extract CONSULT 1",  # CHN -> KGZ, no month
                       "2017-01 ba 0 042 1 1.9 extract CONSULT 1",  # the negated one
                       "2017-01 ba 1 042 1 1.9 extract CONSULT 2"]
    read = sorted(read_tally(pair, o.value) for o in objects(ag, pair, DG.tally))
    assert read == sorted(article_tallies(ag).items())[:3]  # the CHN-KGZ pair sorts first


def test_every_tally_reads_back_as_the_article_tallies() -> None:
    events = (make_event("a1", 0, source=(ATAMBAYEV, KGZ)), make_event("a1", 1, date=None),
              make_event("a1", 2, source=(ATAMBAYEV, XI), target=()))
    ag = ArticleGraph(Article("x", id="a1"), events)
    read = Counter()
    for quad in article_quads(ag):
        if quad.predicate.value == str(DG.tally):
            cell, count = read_tally(quad.subject.value, quad.object.value)
            read[cell] += count
    assert read == article_tallies(ag) and len(read) > 10


def test_rewriting_the_same_article_gives_the_same_text() -> None:
    ag = article_graph("a1", make_event("a1", 0), make_event("a1", 1, date=None))
    assert article_nquads(ag) == article_nquads(ag)
    lines = article_nquads(ag).splitlines()
    assert len(lines) == len(set(lines))


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_dataset_formats_keep_the_graphs(fmt: str) -> None:
    quads = article_quads(article_graph("a1"))
    data = serialize(quads, fmt)
    back = list(ox.parse(data, format={"nquads": ox.RdfFormat.N_QUADS,
                                       "trig": ox.RdfFormat.TRIG,
                                       "jsonld": ox.RdfFormat.JSON_LD}[fmt]))
    assert set(back) == set(quads)


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml"])
def test_triple_formats_merge_the_graphs(fmt: str) -> None:
    quads = article_quads(article_graph("a1")) + article_quads(article_graph("a2"))
    data = serialize(quads, fmt)
    back = ox.parse(data, format={"turtle": ox.RdfFormat.TURTLE,
                                  "ntriples": ox.RdfFormat.N_TRIPLES,
                                  "rdfxml": ox.RdfFormat.RDF_XML}[fmt])
    assert {q.triple for q in back} == {q.triple for q in quads}


def test_an_unknown_format_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="trig"):
        serialize([], "yaml")


def test_the_vocabulary_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = DG.ploverTyp
    with pytest.raises(AttributeError):
        _ = SEM.hasActors
