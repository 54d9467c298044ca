"""How an actor is found from what a user types: one key per way of naming it.

A question like "who did KGZ meet?" may name an actor by country code, by id or by name. Rather
than one query branch per kind (each a scan, and a source of duplicate rows), every actor node
carries all its keys, and the user's text is turned into exactly one key; finding the actor is then
a single index lookup in every backend:

- ``country:KGZ``: the actor's country, or a country it is affiliated to in the same article;
- ``id:person:xi-jinping``: the actor's id;
- ``name:xi jinping``: its label or an alias, case-folded with whitespace collapsed.

>>> from diplograph.graph.model import Actor
>>> sorted(actor_keys(Actor("Xi  Jinping", "person", "CHN", aliases=("President Xi",))))
['country:CHN', 'id:person:xi-jinping', 'name:president xi', 'name:xi jinping']
>>> lookup_key("KGZ"), lookup_key("person:xi-jinping"), lookup_key(" XI jinping ")
('country:KGZ', 'id:person:xi-jinping', 'name:xi jinping')

Timelines between two keys are read from tallies filed under the unordered pair (a "dyad"), so
one lookup answers both directions:

>>> dyad("country:KGZ", "country:CHN")
('https://w3id.org/diplograph/id/dyad/country:CHN/country:KGZ', 'ba')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from diplograph.errors import QueryError
from diplograph.graph.model import ACTOR_TYPES, Actor, ArticleGraph
from diplograph.graph.vocab import dyad_iri

_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
_ID_PREFIXES = tuple(f"{t}:" for t in ACTOR_TYPES)


def normalise_name(name: str) -> str:
    """Case-folded, whitespace-collapsed, so "Xi  JINPING" finds "Xi Jinping"."""
    return " ".join(name.split()).casefold()


def actor_keys(actor: Actor, countries: Iterable[str] = (), names: Iterable[str] = ()) -> set[str]:
    """Every key that finds this actor: its id, its country and extra `countries`, its names."""
    keys = {f"id:{actor.id}"}
    keys.update(f"country:{c}" for c in (actor.country, *countries) if c)
    every_name = (actor.name, *actor.aliases, *names)
    keys.update(f"name:{normalise_name(n)}" for n in every_name if n.strip())
    return keys


def lookup_key(spec: str) -> str:
    """The one key a user's actor text stands for.

    Three capital letters are a country code (so any actor of that country matches); text that
    starts with an actor type and a colon is an id; anything else is a name or alias, matched
    exactly but ignoring case. "kgz" is therefore a name, not a country.

    Raises:
        QueryError: when the text is empty.
    """
    text = spec.strip()
    if not text:
        raise QueryError("an actor must be named: give an ISO3 code (CHN), an id or a name")
    if _COUNTRY_CODE.match(text):
        return f"country:{text}"
    if text.startswith(_ID_PREFIXES):
        return f"id:{text}"
    return f"name:{normalise_name(text)}"


def dyad(source_key: str, target_key: str) -> tuple[str, str]:
    """The IRI of the unordered key pair and the direction source -> target takes in it.

    The direction is "ab" when the source key sorts first, "ba" when it sorts second, "both" when
    the two keys are the same (every such event runs both ways).
    """
    first, second = sorted((source_key, target_key))
    if first == second:
        return dyad_iri(first, second), "both"
    return dyad_iri(first, second), "ab" if source_key == first else "ba"


@dataclass(frozen=True)
class ActorView:
    """How one article describes an actor: its first mention's name and type, the first country
    and Wikidata id given, and every lookup key the article supports."""

    id: str
    name: str
    type: str
    country: str | None
    wikidata: str | None
    aliases: tuple[str, ...]
    match_keys: tuple[str, ...]


def article_actors(ag: ArticleGraph) -> dict[str, ActorView]:
    """The article's own description of each actor of its events, first mention first.

    Both writers (RDF and Neo4j) describe actors this way: the name is the first mention's, the
    other names and aliases become aliases and name keys, and the countries of the mentions and of
    the article's affiliations become country keys.
    """
    mentions: dict[str, list[Actor]] = {}
    for event in ag.events:
        for actor in event.actors:
            mentions.setdefault(actor.id, []).append(actor)
    affiliated: dict[str, set[str]] = {}
    for affiliation in ag.affiliations:
        affiliated.setdefault(affiliation.actor_id, set()).add(affiliation.country)
    views: dict[str, ActorView] = {}
    for id_, seen in mentions.items():
        first = seen[0]
        names = {n for a in seen for n in (a.name, *a.aliases)} - {first.name}
        countries = {a.country for a in seen if a.country} | affiliated.get(id_, set())
        views[id_] = ActorView(
            id=id_, name=first.name, type=first.type,
            country=next((a.country for a in seen if a.country), None),
            wikidata=next((a.wikidata for a in seen if a.wikidata), None),
            aliases=tuple(sorted(names)),
            match_keys=tuple(sorted(actor_keys(first, countries, names))))
    return views
