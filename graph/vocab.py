"""The RDF vocabulary of diplograph: our own closed namespace, the ones we reuse, and our IRIs.

Terms come from established vocabularies where one fits: the Simple Event Model (SEM) for events,
actors and places, PROV-O for provenance, the W3C Organization Ontology (ORG) for a person's role
for a country, DCTERMS and schema.org for articles. What none of them says (PLOVER and CAMEO codes,
Goldstein scores, negation, modality, sentence offsets) lives in `DG`. Both `DG` and the SEM subset
are closed: a misspelt term raises instead of quietly minting a new IRI.

Every resource has an IRI derived from its model id, so the same input names the same node on every
run and a remote store can address it later (there are no blank nodes anywhere):

- resources: ``https://w3id.org/diplograph/id/{event,actor,article,place,affiliation}/<id>``
  with the id percent-encoded (``:`` kept, so ``id/actor/person:xi-jinping`` stays readable);
- the pair of actor lookup keys a timeline tally is filed under:
  ``https://w3id.org/diplograph/id/dyad/<key>/<key>`` (see `diplograph.graph.lookup.dyad`);
- the named graph holding everything one article says: ``https://w3id.org/diplograph/graph/<id>``,
  a path of its own rather than a fragment of the article IRI, so graphs are easy to tell apart
  from resources (``STRSTARTS(STR(?g), ...)``) and the article node is not its own graph;
- the graph of store-wide counts derived from every article's tallies (the rollup),
  ``https://w3id.org/diplograph/rollup``, outside ``graph/`` so no article id can name it;
- the direct actor-to-actor link of an event: ``https://w3id.org/diplograph/rel/<predicate slug>``.

>>> str(DG.ploverType)
'https://w3id.org/diplograph/ns#ploverType'
>>> resource_iri("actor", "person:xi-jinping")
'https://w3id.org/diplograph/id/actor/person:xi-jinping'
>>> graph_iri("a 1/2")
'https://w3id.org/diplograph/graph/a%201%2F2'
>>> relation_iri("Met with")
'https://w3id.org/diplograph/rel/met-with'
>>> DG.ploverTyp
Traceback (most recent call last):
...
AttributeError: term 'ploverTyp' not in namespace 'https://w3id.org/diplograph/ns#'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal
from urllib.parse import quote, unquote

from rdflib import URIRef
from rdflib import namespace as rdfns

from diplograph.graph.model import Location, slugify

BASE = "https://w3id.org/diplograph/"
NS = BASE + "ns#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
ROLLUP = BASE + "rollup"
REL = BASE + "rel/"

ResourceKind = Literal["event", "actor", "article", "place", "affiliation", "dyad"]


class DG(rdfns.DefinedNamespace):
    """diplograph's own terms; each comment says how the term relates to the reused vocabularies."""

    _NS = rdfns.Namespace(NS)
    _fail = True

    # Classes: actor kinds, each also typed sem:Actor.
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Igo: URIRef
    Group: URIRef

    # Event participants: sub-properties of sem:hasActor, which is also written out because
    # Oxigraph does no inference.
    source: URIRef
    target: URIRef

    # Event coding (PLOVER and CAMEO), as plain literals so GROUP BY stays cheap.
    ploverType: URIRef  # "CONSULT"
    ploverMode: URIRef
    ploverContext: URIRef  # one triple per context
    cameoCode: URIRef  # "042", a string: leading zeros matter
    goldstein: URIRef  # xsd:double, -10..10
    quadClass: URIRef  # xsd:integer 1..4
    trigger: URIRef  # the word(s) in the text
    predicate: URIRef  # the normalised verb phrase; its slug names the rel/ link
    object: URIRef  # what was agreed, requested, ... when the text says
    negated: URIRef  # xsd:boolean
    modality: URIRef  # asserted | reported | future | hypothetical
    confidence: URIRef  # xsd:double 0..1

    # Time: the date at the precision the text supports (xsd:date, xsd:gYearMonth or xsd:gYear;
    # a sub-property of sem:hasTimeStamp), its precision, and "YYYY-MM" for monthly rollups.
    date: URIRef
    datePrecision: URIRef
    month: URIRef
    dateBasis: URIRef  # text | context | article: where the extractor found the date

    # Provenance beyond prov:wasDerivedFrom: the sentence and the trigger's character offsets.
    sentence: URIRef
    sentenceIndex: URIRef
    spanStart: URIRef
    spanEnd: URIRef
    mentionSentence: URIRef  # xsd:integer, one triple per other sentence telling the same event
    storyKey: URIRef  # what reports of one story share across articles (diplograph.ingest.dedupe)
    dataset: URIRef  # the dataset an imported event came from ("gdelt1", "icews"; Event.origin)
    sourceEventId: URIRef  # that dataset's own id of the event (GLOBALEVENTID, Event ID)

    # Actors and places.
    country: URIRef  # ISO 3166-1 alpha-3 (or IGO code) literal
    actorType: URIRef  # person | country | organization | igo | group
    role: URIRef  # role class on an org:Membership ("head_of_state"); org:role wants an org:Role
    title: URIRef  # the title as the text wrote it ("President")
    evidence: URIRef  # the sentence that states a membership
    matchKey: URIRef  # lookup keys, see diplograph.graph.lookup
    tally: URIRef  # a dyad's per-article event counts per timeline cell, see diplograph.graph.rdf

    # The rollup graph (derived from the tallies, see diplograph.graph.rollup): per pair, its
    # summed tallies packed in two literals, and which partner lists it belongs to.
    countryPairOf: URIRef  # a key of the pair whose other key is a country ("country:CHN")
    actorPairOf: URIRef  # a key of the pair whose other key is an actor id ("id:person:...")
    series: URIRef  # counts and cells month by month
    totals: URIRef  # counts over all time
    stale: URIRef  # set while a write is changing the rollup; found at open, it is rebuilt

    # Articles.
    origin: URIRef  # file and line the article was read from


class SEM(rdfns.DefinedNamespace):
    """The part of the Simple Event Model we use (https://semanticweb.cs.vu.nl/2009/11/sem/)."""

    _NS = rdfns.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef


ACTOR_CLASSES: dict[str, URIRef] = {
    "person": DG.Person,
    "country": DG.Country,
    "organization": DG.Organization,
    "igo": DG.Igo,
    "group": DG.Group,
}

PREFIXES: dict[str, str] = {
    "dg": NS,
    "sem": str(SEM._NS),
    "prov": str(rdfns.PROV),
    "org": str(rdfns.ORG),
    "dcterms": str(rdfns.DCTERMS),
    "schema": str(rdfns.SDO),
    "skos": str(rdfns.SKOS),
    "rdf": str(rdfns.RDF),
    "rdfs": str(rdfns.RDFS),
    "xsd": str(rdfns.XSD),
    "actor": ID + "actor/",
    "event": ID + "event/",
    "article": ID + "article/",
    "rel": REL,
}


@lru_cache(maxsize=1 << 16)
def _quote(value: str) -> str:
    """Percent-encode an id for an IRI path segment; cached, as the same ids recur all the time."""
    return quote(value, safe=":")


def resource_iri(kind: ResourceKind, id_: str) -> str:
    """The IRI of a model object from its id."""
    return f"{ID}{kind}/{_quote(id_)}"


def dyad_iri(first_key: str, second_key: str) -> str:
    """Where the tallies between two lookup keys are filed; callers put the keys in order."""
    return f"{ID}dyad/{_quote(first_key)}/{_quote(second_key)}"


def dyad_keys(iri: str) -> tuple[str, str]:
    """The two keys a dyad IRI was made from (the inverse of `dyad_iri`).

    >>> dyad_keys(dyad_iri("country:CHN", "name:xi jinping"))
    ('country:CHN', 'name:xi jinping')
    """
    first, second = iri[len(ID) + len("dyad/"):].split("/")
    return unquote(first), unquote(second)


def graph_iri(article_id: str) -> str:
    """The named graph that holds everything one article contributes."""
    return GRAPH + _quote(article_id)


def relation_iri(predicate: str) -> str:
    """The direct actor-to-actor property for an event predicate."""
    return REL + slugify(predicate)


def place_id(location: Location) -> str:
    """Places are keyed by country and name, so Paris, FRA and Paris, USA stay apart.

    >>> place_id(Location("Beijing", "CHN")), place_id(Location("Geneva"))
    ('CHN:beijing', 'geneva')
    """
    name = slugify(location.name)
    return f"{location.country}:{name}" if location.country else name
