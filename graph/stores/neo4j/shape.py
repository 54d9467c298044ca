"""The Neo4j shape of articles: the label and relationship-type table, and the rows a writer sends.

The graph follows DESIGN.md::

    (:Actor:Person)-[:SOURCE_OF {role, name, country, wikidata, match_keys}]->(:Event)
    (:Event)-[:TARGETS {role, name, country, wikidata, match_keys}]->(:Actor:Country)
    (:Event)-[:REPORTED_IN {sentence_index, span}]->(:Article)
    (:Actor:Person)-[:AFFILIATED_WITH {id, role, title, from, to, article_id, sentence_index,
                                       evidence}]->(:Actor:Country)
    (:Actor)-[:KNOWN_AS]->(:LookupKey {key})                    "country:KGZ", "name:xi jinping"
    (:Actor)-[:MET {event_id, article_id, date}]->(:Actor)      direct link, type from the predicate
    (:Rollup {id, first, second, month, series, totals})        the timeline rollup

Choices that matter when writing Cypher against it:

- Every event field is an :Event property (``plover_context`` a list, ``span`` ``[start, end]``,
  ``date`` an ISO string at its own precision, plus ``date_precision`` and ``month`` "YYYY-MM"
  for monthly rollups). The place is two properties, ``location_name`` and ``location_country``,
  not a node: it belongs to one event, and there is nothing to clean up when the event goes.
- Actors are shared by every article that names them, but articles may describe one actor
  differently (a name, a country, a role for a country that holds only at that date). How an
  article describes an actor lives on the actor's SOURCE_OF/TARGETS relationships, lookup keys
  (`diplograph.graph.lookup`) included, exactly as the RDF side keeps it in the article's named
  graph; the canned questions read it there, so the answers never depend on write order.
  Neo4j cannot index the elements of a list, so each key is also a :LookupKey node, linked
  from every actor some article gives that key: a question enters the graph with one index
  seek on the key and then checks the relationship's own keys. The :Actor node shows its id
  and type, and for browsing one name, country and Wikidata id: the smallest (in string order)
  that any article now in the graph gives it, so the node too is the same whatever order
  articles were written, replaced or deleted in. (The extractor names one id the same way
  everywhere, so there is rarely a choice.) A person or country known only from an affiliation
  has no name, as in RDF.
- The direct actor-to-actor relationship is written for the same events as RDF's direct triple:
  neither negated nor future/hypothetical, one per dyad of `Event.dyads` (source x target, or
  every two sources of a joint act such as a joint statement).
- Timelines and partner lists read only the rollup, in the packed form of
  `diplograph.graph.rollup` that the RDF store keeps too, a node per pair of lookup keys
  (``first`` sorts before ``second``) and month: :Rollup nodes whose ``id`` is the pair's IRI
  (`vocab.dyad_iri`) and "#<month>" (``month`` "YYYY-MM", or "-" for events without one),
  holding that month's ``series``; and one with the bare IRI and ``month`` "all", holding the
  pair's all-time ``series`` and ``totals``. A timeline reads a node a month, a partner list a
  node per counterpart, however many events lie behind them. Each :Article keeps its own
  tallies in a ``tallies`` list (`tally_entries`), which is what replacing or deleting it
  subtracts; the writer keeps every node equal to the sum of those lists, and deletes a node
  left with no events.

>>> direct_type("met with"), direct_type("source of")
('MET_WITH', 'SOURCE_OF_ACTOR')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from diplograph.graph.lookup import article_actors
from diplograph.graph.model import ArticleGraph, Event, actor_id, slugify
from diplograph.graph.records import EventRecord
from diplograph.graph.rollup import (
    ALL,
    Cell,
    Line,
    article_tallies,
    is_factual,
    pack,
    read_cells,
    tally_entries,
)
from diplograph.graph.vocab import dyad_iri

#: The table of labels and relationship types the writer uses; direct links aside, whose types
#: come from predicates (`direct_type`). The Cypher of `store` and queries/cypher spells
#: them out, and tests/test_store_neo4j.py checks that a written graph uses exactly these.
ACTOR_LABELS: dict[str, str] = {  # extra label of an :Actor, by Actor.type
    "person": "Person",
    "country": "Country",
    "organization": "Organization",
    "igo": "Igo",
    "group": "Group",
}
NODE_LABELS = ("Actor", "Event", "Article", "LookupKey", "Rollup", *ACTOR_LABELS.values())
RELATIONSHIP_TYPES: dict[str, tuple[str, str]] = {  # type: (start label, end label)
    "SOURCE_OF": ("Actor", "Event"),
    "TARGETS": ("Event", "Actor"),
    "REPORTED_IN": ("Event", "Article"),
    "AFFILIATED_WITH": ("Person", "Country"),
    "KNOWN_AS": ("Actor", "LookupKey"),
}


def direct_type(predicate: str) -> str:
    """The relationship type of an event's direct link: its predicate in UPPER_SNAKE_CASE.

    A predicate that would collide with a structural type gets an ``_ACTOR`` suffix, so
    ``MATCH ()-[:SOURCE_OF]->()`` only ever finds actor-to-event links.
    """
    name = slugify(predicate).replace("-", "_").upper()
    return name + "_ACTOR" if name in RELATIONSHIP_TYPES else name


def has_direct_link(event: Event | EventRecord) -> bool:
    """Whether an event also gets direct actor-to-actor links: when it happened, the same rule
    as the RDF triple."""
    return is_factual(event)


def event_properties(event: Event) -> dict[str, Any]:
    """Every field of an event as a Neo4j property value (no maps, lists of one type)."""
    precision = event.date_precision
    return {
        "id": event.id, "article_id": event.article_id, "sentence_index": event.sentence_index,
        "sentence": event.sentence, "span": list(event.span), "trigger": event.trigger,
        "predicate": event.predicate, "plover_type": event.plover_type,
        "plover_mode": event.plover_mode, "plover_context": list(event.plover_context),
        "cameo_code": event.cameo_code, "goldstein": float(event.goldstein),
        "quad_class": int(event.quad_class), "object": event.object, "date": event.date,
        "date_precision": precision, "date_basis": event.date_basis,
        "month": event.date[:7] if event.date and precision != "year" else None,
        "location_name": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "negated": bool(event.negated), "modality": event.modality,
        "confidence": float(event.confidence),
        "mention_sentences": list(event.mention_sentences), "story_key": event.story_key,
        "origin": event.origin, "source_event_id": event.source_event_id,
    }


@dataclass
class Rows:
    """Parameter lists for one write transaction, one list per UNWIND statement."""

    articles: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    events: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    direct: list[dict[str, Any]]
    affiliations: list[dict[str, Any]]
    #: The articles' tallies summed: what they add to the rollup (see `rollup_rows`).
    tallies: Counter[Cell]


def rows(graphs: Iterable[ArticleGraph]) -> Rows:
    """The rows that write `graphs`; an actor's row has the smallest name and country given."""
    out = Rows([], [], [], [], [], [], [], Counter())
    actors: dict[str, dict[str, Any]] = {}
    for ag in graphs:
        article = ag.article
        tallies = article_tallies(ag)
        out.tallies.update(tallies)
        out.articles.append({"id": article.id, "props": {
            "id": article.id, "title": article.title, "date": article.date, "url": article.url,
            "origin": article.origin, "tallies": tally_entries(tallies) or None}})
        views = article_actors(ag)
        for view in views.values():
            row = actors.setdefault(view.id, {"id": view.id, "name": view.name, "type": view.type,
                                              "country": None, "wikidata": None, "keys": [],
                                              "label": ACTOR_LABELS[view.type]})
            row["name"] = min(row["name"], view.name)
            row["keys"] = sorted(set(row["keys"]).union(view.match_keys))
            for key in ("country", "wikidata"):
                row[key] = min(filter(None, (row[key], getattr(view, key))), default=None)
        for event in ag.events:
            out.events.append({"id": event.id, "article_id": article.id,
                               "props": event_properties(event),
                               "sentence_index": event.sentence_index, "span": list(event.span)})
            for role, side in (("source", out.sources), ("target", out.targets)):
                for actor in getattr(event, role):
                    view = views[actor.id]
                    side.append({"event_id": event.id, "actor_id": actor.id, "props": {
                        "role": actor.role, "name": view.name, "country": view.country,
                        "wikidata": view.wikidata, "match_keys": list(view.match_keys)}})
            if has_direct_link(event):
                kind = direct_type(event.predicate)
                pairs = dict.fromkeys((s.id, t.id) for s, t in event.dyads() if t is not None)
                out.direct.extend(
                    {"source": s, "target": t, "type": kind, "event_id": event.id,
                     "article_id": article.id, "date": event.date} for s, t in pairs)
        for aff in ag.affiliations:
            out.affiliations.append({
                "actor_id": aff.actor_id, "country": aff.country,
                "country_id": actor_id("country", aff.country, aff.country), "id": aff.id,
                "article_id": article.id,
                "props": {"id": aff.id, "role": aff.role, "title": aff.title,
                          "from": aff.start, "to": aff.end, "article_id": article.id,
                          "sentence_index": aff.sentence_index, "evidence": aff.evidence}})
    out.actors = list(actors.values())
    return out


def rollup_changes(pairs: Mapping[tuple[str, str], Counter[Line]]) -> dict[
        tuple[str, str, str, str], Counter[Line]]:
    """What a change of the pairs' cells (`rollup.pair_changes`) does to each :Rollup node,
    keyed (id, first key, second key, month): one node per month, and the pair's all-time
    node (month "all", its lines' month "all" too).

    A node per month keeps each write small: adding an article re-packs the months it touches,
    never the whole history of a busy pair.
    """
    nodes: dict[tuple[str, str, str, str], Counter[Line]] = {}
    for (first, second), lines in pairs.items():
        pair = dyad_iri(first, second)
        for line, events in lines.items():
            nodes.setdefault((f"{pair}#{line.month}", first, second, line.month),
                             Counter())[line] += events
            nodes.setdefault((pair, first, second, ALL),
                             Counter())[line._replace(month=ALL)] += events
    return nodes


def rollup_keys(nodes: Mapping[tuple[str, str, str, str], Any]) -> list[dict[str, str]]:
    """The :Rollup nodes a change touches, in id order (so writers lock them in one order)."""
    return [{"id": id_, "first": first, "second": second, "month": month}
            for id_, first, second, month in sorted(nodes)]


def rollup_rows(nodes: Mapping[tuple[str, str, str, str], Counter[Line]],
                stored: Mapping[str, str | None]) -> tuple[list[dict[str, Any]], list[str]]:
    """The :Rollup nodes to write (id, series, and for all-time nodes totals) and the ids of
    those to delete, once the changes of `rollup_changes` are added to the series the nodes
    hold now (`stored`, by id).

    >>> from diplograph.graph.rollup import Cell, pair_changes
    >>> met = Cell("country:CHN", "country:KGZ", "2017-01", "ab", True, "042", 1, 1.9, "CONSULT")
    >>> three, _ = rollup_rows(rollup_changes(pair_changes({met: 3})), {})
    >>> [(row["id"].rsplit("/", 1)[1], row["totals"]) for row in three]
    [('country:KGZ', '3 5.7 ab 1 1 extract CONSULT'), ('country:KGZ#2017-01', None)]
    >>> stored = {row["id"]: row["series"] for row in three}
    >>> write, drop = rollup_rows(rollup_changes(pair_changes({met: -1})), stored)
    >>> [row["totals"] for row in write], drop
    (['2 3.8 ab 1 1 extract CONSULT', None], [])
    >>> len(rollup_rows(rollup_changes(pair_changes({met: -3})), stored)[1])
    2
    """
    write, drop = [], []
    for (id_, _, _, month), lines in sorted(nodes.items()):
        series = stored.get(id_)
        total = read_cells(series) if series else Counter()
        total.update(lines)
        left = {line: events for line, events in total.items() if events}
        if left:
            series, totals = pack(left)
            write.append({"id": id_, "series": series, "totals": totals if month == ALL else None})
        else:
            drop.append(id_)
    return write, drop
