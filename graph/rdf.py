"""The RDF shape of an article: every statement it contributes, in its own named graph.

The mapping writes N-Quads text. Building a pyoxigraph `Quad` object costs several microseconds
in Python, about as much as storing it, while a line of text costs a fraction of that and
Oxigraph's parser reads it in Rust; a remote SPARQL store sends the same lines in its INSERT DATA.
`article_quads` parses the text back into pyoxigraph quads for inspection and export, and
`serialize` writes quads in any RDF format pyoxigraph knows.

All of an article's statements, its actors' labels included, go into the article's graph, so
dropping that graph retracts the article exactly. An actor named by several articles is therefore
described in several graphs; queries that must not count it twice match it inside the graph of the
event that names it (``GRAPH ?g { ?e dg:source ?x . ?x dg:matchKey ?k }``).

>>> from diplograph.graph.model import Actor, Article, ArticleGraph, Event
>>> xi = Actor("Xi Jinping", "person", "CHN")
>>> event = Event("a1", 0, "Xi met Putin.", (3, 6), "met", "met", "CONSULT", "040", 1.0, 1,
...               source=(xi,), target=(Actor("Vladimir Putin", "person", "RUS"),), date="2019-06")
>>> quads = article_quads(ArticleGraph(Article("Xi met Putin.", id="a1"), (event,)))
>>> {q.graph_name.value for q in quads}
{'https://w3id.org/diplograph/graph/a1'}
>>> [q.object for q in quads if q.predicate.value.endswith("#date")]
[<Literal value=2019-06 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYearMonth>>]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence

from pyoxigraph import Quad, RdfFormat, Triple, parse
from pyoxigraph import serialize as _serialize
from rdflib import namespace as rdfns

from diplograph.graph.lookup import article_actors
from diplograph.graph.model import (
    EXTRACTED,
    Affiliation,
    Article,
    ArticleGraph,
    Event,
    Location,
    actor_id,
    date_precision,
)
from diplograph.graph.records import EventRecord
from diplograph.graph.rollup import Cell, article_tallies, is_factual, tally_text
from diplograph.graph.vocab import (
    ACTOR_CLASSES,
    DG,
    PREFIXES,
    REL,
    SEM,
    dyad_iri,
    graph_iri,
    place_id,
    relation_iri,
    resource_iri,
)

def iri(value: object) -> str:
    """An IRI as an N-Triples term; ours are percent-encoded, so nothing needs escaping."""
    return f"<{value}>"


def text(value: str) -> str:
    """A string literal as an N-Triples term (JSON string escapes are valid N-Triples escapes).

    >>> text('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    """
    return json.dumps(value, ensure_ascii=False)


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^{datatype}'


TYPE = iri(rdfns.RDF.type)
LABEL = iri(rdfns.RDFS.label)
ALT_LABEL = iri(rdfns.SKOS.altLabel)
IDENTIFIER = iri(rdfns.DCTERMS.identifier)
TITLE = iri(rdfns.DCTERMS.title)
DCT_DATE = iri(rdfns.DCTERMS.date)
URL = iri(rdfns.SDO.url)
NEWS_ARTICLE = iri(rdfns.SDO.NewsArticle)
START_DATE = iri(rdfns.SDO.startDate)
END_DATE = iri(rdfns.SDO.endDate)
PROV_ENTITY = iri(rdfns.PROV.Entity)
DERIVED_FROM = iri(rdfns.PROV.wasDerivedFrom)
MEMBERSHIP = iri(rdfns.ORG.Membership)
MEMBER = iri(rdfns.ORG.member)
ORGANIZATION = iri(rdfns.ORG.organization)
SEM_EVENT, SEM_ACTOR, SEM_PLACE = iri(SEM.Event), iri(SEM.Actor), iri(SEM.Place)
HAS_ACTOR, HAS_PLACE = iri(SEM.hasActor), iri(SEM.hasPlace)
ACTOR_CLASS = {kind: iri(term) for kind, term in ACTOR_CLASSES.items()}
P = {name: iri(getattr(DG, name)) for name in (
    "source", "target", "ploverType", "ploverMode", "ploverContext", "cameoCode", "goldstein",
    "quadClass", "trigger", "predicate", "object", "negated", "modality", "confidence", "date",
    "datePrecision", "month", "dateBasis", "sentence", "sentenceIndex", "spanStart", "spanEnd",
    "mentionSentence", "storyKey", "country", "actorType", "role", "title", "evidence", "matchKey",
    "tally", "origin", "dataset", "sourceEventId")}
XSD_DATE_TYPES = {"day": iri(rdfns.XSD.date), "month": iri(rdfns.XSD.gYearMonth),
                  "year": iri(rdfns.XSD.gYear)}
INTEGER, DOUBLE, BOOLEAN = iri(rdfns.XSD.integer), iri(rdfns.XSD.double), iri(rdfns.XSD.boolean)
ANY_URI = iri(rdfns.XSD.anyURI)


def date_term(value: str) -> str:
    """An ISO date of any precision as a literal of the XSD type of that precision.

    >>> date_term("2017")
    '"2017"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    """
    return typed(value, XSD_DATE_TYPES[date_precision(value)])


def integer(value: int) -> str:
    return typed(int(value), INTEGER)


def double(value: float) -> str:
    return typed(repr(float(value)), DOUBLE)


def boolean(value: bool) -> str:
    return typed("true" if value else "false", BOOLEAN)


def actor_node(id_: str) -> str:
    return iri(resource_iri("actor", id_))


def article_nquads(ag: ArticleGraph, tallies: Mapping[Cell, int] | None = None) -> str:
    """Every statement one article contributes, as N-Quads in its named graph, no line twice.

    `tallies` are the article's `article_tallies`, for a caller that has them already.
    """
    out = _Lines(iri(graph_iri(ag.article.id)))
    article = iri(resource_iri("article", ag.article.id))
    _article(out, article, ag.article)
    _actors(out, ag)
    for event in ag.events:
        _event(out, article, event)
    for affiliation in ag.affiliations:
        _affiliation(out, article, affiliation)
    _tallies(out, article_tallies(ag) if tallies is None else tallies)
    return "".join(out.lines)


def article_quads(ag: ArticleGraph) -> list[Quad]:
    """The statements of `article_nquads` as pyoxigraph quads."""
    return list(parse(article_nquads(ag), format=RdfFormat.N_QUADS))


class _Lines:
    """Collects the lines of one graph; a dict keeps insertion order and drops repeats."""

    def __init__(self, graph: str):
        self.graph = graph
        self.lines: dict[str, None] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o} {self.graph} .\n"] = None


def _article(out: _Lines, node: str, article: Article) -> None:
    out.add(node, TYPE, NEWS_ARTICLE)
    out.add(node, TYPE, PROV_ENTITY)
    out.add(node, IDENTIFIER, text(article.id))
    if article.title:
        out.add(node, TITLE, text(article.title))
    if article.date:
        out.add(node, DCT_DATE, date_term(article.date))
    if article.url:
        out.add(node, URL, f"{text(article.url)}^^{ANY_URI}")
    if article.origin:
        out.add(node, P["origin"], text(article.origin))


def _actors(out: _Lines, ag: ArticleGraph) -> None:
    """One description per actor (`diplograph.graph.lookup.article_actors`)."""
    for id_, view in article_actors(ag).items():
        node = actor_node(id_)
        out.add(node, TYPE, SEM_ACTOR)
        out.add(node, TYPE, ACTOR_CLASS[view.type])
        out.add(node, IDENTIFIER, text(id_))
        out.add(node, LABEL, text(view.name))
        out.add(node, P["actorType"], text(view.type))
        if view.country:
            out.add(node, P["country"], text(view.country))
        for alias in view.aliases:
            out.add(node, ALT_LABEL, text(alias))
        for key in view.match_keys:
            out.add(node, P["matchKey"], text(key))


def _event(out: _Lines, article: str, event: Event) -> None:
    node = iri(resource_iri("event", event.id))
    place = _place(out, event.location) if event.location else None
    add = out.add
    add(node, TYPE, SEM_EVENT)
    add(node, IDENTIFIER, text(event.id))
    for role, actors in (("source", event.source), ("target", event.target)):
        for actor in actors:
            add(node, P[role], actor_node(actor.id))
            add(node, HAS_ACTOR, actor_node(actor.id))
    add(node, P["ploverType"], text(event.plover_type))
    if event.plover_mode:
        add(node, P["ploverMode"], text(event.plover_mode))
    for context in event.plover_context:
        add(node, P["ploverContext"], text(context))
    add(node, P["cameoCode"], text(event.cameo_code))
    add(node, P["goldstein"], double(event.goldstein))
    add(node, P["quadClass"], integer(event.quad_class))
    add(node, P["trigger"], text(event.trigger))
    add(node, P["predicate"], text(event.predicate))
    if event.object:
        add(node, P["object"], text(event.object))
    add(node, P["negated"], boolean(event.negated))
    add(node, P["modality"], text(event.modality))
    add(node, P["confidence"], double(event.confidence))
    if event.date:
        add(node, P["date"], date_term(event.date))
        add(node, P["datePrecision"], text(event.date_precision))
        if event.date_precision != "year":
            add(node, P["month"], text(event.date[:7]))
    if event.date_basis:
        add(node, P["dateBasis"], text(event.date_basis))
    if place:
        add(node, HAS_PLACE, place)
    add(node, DERIVED_FROM, article)
    add(node, P["sentence"], text(event.sentence))
    add(node, P["sentenceIndex"], integer(event.sentence_index))
    add(node, P["spanStart"], integer(event.span[0]))
    add(node, P["spanEnd"], integer(event.span[1]))
    for index in event.mention_sentences:
        add(node, P["mentionSentence"], integer(index))
    if event.story_key:
        add(node, P["storyKey"], text(event.story_key))
    if event.origin != EXTRACTED:  # the common case goes unsaid; readers default to it
        add(node, P["dataset"], text(event.origin))
    if event.source_event_id:
        add(node, P["sourceEventId"], text(event.source_event_id))
    if is_factual(event):
        relation = iri(relation_iri(event.predicate))
        for source, target in event.dyads():
            if target is not None:
                add(actor_node(source.id), relation, actor_node(target.id))


def _tallies(out: _Lines, tallies: Mapping[Cell, int]) -> None:
    """The article's `diplograph.graph.tallies.article_tallies`, filed under each pair's dyad IRI.

    They live in the article's graph, so they go when the article goes, and a store that drops
    the article reads them first to know what to take off its rollup (`diplograph.graph.rollup`).
    """
    for cell, events in tallies.items():
        out.add(iri(dyad_iri(cell.first_key, cell.second_key)), P["tally"],
                text(tally_text(cell, events)))


def _place(out: _Lines, location: Location) -> str:
    node = iri(resource_iri("place", place_id(location)))
    out.add(node, TYPE, SEM_PLACE)
    out.add(node, LABEL, text(location.name))
    if location.country:
        out.add(node, P["country"], text(location.country))
    return node


def _affiliation(out: _Lines, article: str, aff: Affiliation) -> None:
    """An org:Membership of a person in a country actor, dated and traced to the article."""
    node = iri(resource_iri("affiliation", aff.id))
    country_id = actor_id("country", aff.country, aff.country)
    country = actor_node(country_id)
    out.add(node, TYPE, MEMBERSHIP)
    out.add(node, MEMBER, actor_node(aff.actor_id))
    out.add(node, ORGANIZATION, country)
    out.add(node, P["role"], text(aff.role))
    if aff.title:
        out.add(node, P["title"], text(aff.title))
    if aff.evidence:
        out.add(node, P["evidence"], text(aff.evidence))
    if aff.start:
        out.add(node, START_DATE, date_term(aff.start))
    if aff.end:
        out.add(node, END_DATE, date_term(aff.end))
    out.add(node, DERIVED_FROM, article)
    if aff.sentence_index is not None:
        out.add(node, P["sentenceIndex"], integer(aff.sentence_index))
    # The country may take part in no event of this article; say at least what it is.
    out.add(country, TYPE, SEM_ACTOR)
    out.add(country, TYPE, ACTOR_CLASS["country"])
    out.add(country, IDENTIFIER, text(country_id))
    out.add(country, P["actorType"], text("country"))
    out.add(country, P["country"], text(aff.country))


FORMATS: dict[str, RdfFormat] = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}


def chosen_quads(records: Sequence[EventRecord],
                 graph_quads: Callable[[str], Iterable[Quad]]) -> list[Quad]:
    """The quads about the chosen events among their articles' graphs, for every RDF backend.

    `graph_quads` gives the quads of one article's graph; each is read once. Kept: its quads about
    the chosen events, the article, their places and their actors, and of the direct
    actor-to-actor links only the chosen events' own.
    """
    by_article: dict[str, list[EventRecord]] = {}
    for record in records:
        by_article.setdefault(record.article_id, []).append(record)
    chosen: list[Quad] = []
    for article_id, group in by_article.items():
        subjects = {resource_iri("article", article_id)}
        links: set[tuple[str, str, str]] = set()
        for r in group:
            subjects.add(resource_iri("event", r.id))
            subjects.update(resource_iri("actor", a.id) for a in (*r.source, *r.target))
            if r.location_name:
                subjects.add(resource_iri("place", place_id(
                    Location(r.location_name, r.location_country))))
            if is_factual(r):
                relation = relation_iri(r.predicate)
                links.update((resource_iri("actor", s.id), relation, resource_iri("actor", t.id))
                             for s in r.source for t in r.target)
        for quad in graph_quads(article_id):
            subject, predicate = quad.subject.value, quad.predicate.value
            if subject not in subjects:
                continue
            if not predicate.startswith(REL) or (subject, predicate, quad.object.value) in links:
                chosen.append(quad)
    return chosen


def serialize(quads: Iterable[Quad], format: str) -> bytes:
    """Quads as one of `FORMATS`; triple-only formats get the union of the graphs.

    >>> from pyoxigraph import Literal, NamedNode
    >>> q = Quad(NamedNode(DG.country), NamedNode(DG.country), Literal("x"), NamedNode("urn:g"))
    >>> serialize([q, q], "ntriples")
    b'<https://w3id.org/diplograph/ns#country> <https://w3id.org/diplograph/ns#country> "x" .\\n'

    Raises:
        ValueError: for an unknown format name.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; choose one of {sorted(FORMATS)}")
    rdf_format = FORMATS[format]
    terms: Iterable[Quad | Triple] = quads
    if not rdf_format.supports_datasets:
        terms = dict.fromkeys(q.triple for q in quads)
    return _serialize(terms, format=rdf_format, prefixes=PREFIXES)
