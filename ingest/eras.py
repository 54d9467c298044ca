"""Give every actor the state of its time: "Moscow" in an event of 1987 is the Soviet Union.

The actor layer reads a name as today's state (the gazetteer has one row per capital and
demonym); whether that state existed yet depends on when the event happened, which is known only
once the event is dated. So the codes are settled here, per event, by the event's date (the
article's when the event has none), with `diplograph.graph.states` saying which codes stood for
which former state when. Affiliations are dated by the article that states them. Both the rule
coder and any other coder produce ArticleGraphs, so this one pass serves both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from diplograph.graph.model import Actor, ArticleGraph
from diplograph.graph.states import state_on
from diplograph.ingest import gazetteer
from diplograph.ingest.dedupe import story_key


def actor_on(actor: Actor, date: str | None) -> Actor:
    """The actor with the country code it had on `date`; its id follows where it embeds the code
    ("country:RUS", "person:rus-foreign-minister")."""
    if not actor.country:
        return actor
    code = state_on(actor.country, date)
    if code == actor.country:
        return actor
    if actor.type == "country":
        return replace(Actor.country_actor(code, gazetteer.country_name(code)), role=actor.role,
                       aliases=actor.aliases, wikidata=actor.wikidata)
    return replace(actor, country=code, id=_id_on(actor.id, actor.country, code))


def _id_on(ident: str, old: str, new: str) -> str:
    """'person:rus-foreign-minister' -> 'person:sun-foreign-minister'; other ids unchanged."""
    kind, _, key = ident.partition(":")
    prefix = old.lower() + "-"
    return f"{kind}:{new.lower()}-{key[len(prefix):]}" if key.startswith(prefix) else ident


def actors_on(actors: Iterable[Actor], date: str | None) -> list[Actor]:
    return [actor_on(a, date) for a in actors]


def restate(graph: ArticleGraph) -> ArticleGraph:
    """The graph with each event's actors, and each affiliation, coded as of their dates."""
    events = []
    for event in graph.events:
        when = event.date or graph.article.date
        source, target = tuple(actors_on(event.source, when)), tuple(actors_on(event.target, when))
        place = event.location
        if place is not None and place.country:
            place = replace(place, country=state_on(place.country, when))
        if (source, target, place) == (event.source, event.target, event.location):
            events.append(event)
            continue
        moved = replace(event, source=source, target=target, location=place, id="")
        events.append(replace(moved, story_key=story_key(moved)))
    affiliations = []
    for affiliation in graph.affiliations:
        code = state_on(affiliation.country, affiliation.start or graph.article.date)
        affiliations.append(replace(affiliation, country=code, actor_id=_id_on(
            affiliation.actor_id, affiliation.country, code)))
    return replace(graph, events=tuple(events), affiliations=tuple(affiliations))
