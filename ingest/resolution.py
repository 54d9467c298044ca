"""One actor per person across a corpus: "Xi", "President Xi" and "Xi Jinping" are Xi Jinping.

Inside an article the actor layer already ties a surname to the full name the article gives. Across
articles a `Resolver` does the same while the graphs stream past: it remembers every full name it
has seen (with the countries and role classes the text gave them) and rewrites a shorter name to
the one full name it can only mean. Why a resolver in the stream rather than a merge in the store:
the stores write an article's graph as a unit and replace it on re-ingest, so every id must be
final when the graph is written; a later store-side merge would have to rewrite other articles'
named graphs. The price is order: a surname seen before any full name of that person keeps its
own id (a later article cannot reach back), so feed a corpus oldest first, or load a dictionary
(whose entries resolve names in every article alike). Ids stay deterministic: the same articles
in the same order give the same ids.

A shorter name is merged only when exactly one known person fits: same country when both are
known, and role classes from the same family when both are known ("Foreign Minister Kim" never
becomes Kim Jong-un). Two fitting people means no merge; the name stays as written. A surname
alone ("Trump", "de Blasio") needs more than the absence of a rival: its own article must name
the person in full, or the text must give it a country or office that agrees with the person's.
How often the corpus names someone is no evidence: a bare "Reagan" in one article is as likely
the Nancy Reagan of another as the president, and a merge made on fame alone would spread to
every later article ("Biden's son Hunter" is not Robert Hunter). Merges never count as naming:
only a full name teaches the resolver which articles speak of whom.

>>> from diplograph.graph.model import Article, ArticleGraph, Event
>>> xi = Actor("Xi Jinping", "person", "CHN", "President")
>>> resolver = Resolver()
>>> resolver.observe(xi)
>>> resolver.canonical(Actor("Xi", "person", role="President"), "2019-06-14").name
'Xi Jinping'
>>> resolver.canonical(Actor("Xi", "person", "USA"), "2019-06-14").id  # a different Xi
'person:xi'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from diplograph.graph.model import Actor, ArticleGraph
from diplograph.ingest import gazetteer
from diplograph.ingest.names import is_lone, looks_like_name, surname_keys

# Role classes grouped so that one person rarely moves between groups within a corpus's span.
FAMILIES: dict[str, str] = {
    "head_of_state": "top", "head_of_government": "top", "deputy_head": "top", "monarch": "top",
    "foreign_minister": "cabinet", "defence_minister": "cabinet", "minister": "cabinet",
    "deputy_minister": "cabinet", "ambassador": "diplomatic", "envoy": "diplomatic",
    "diplomat": "diplomatic", "military": "military", "judge": "judicial",
    "igo_official": "igo", "rebel": "armed", "civilian": "civilian",
}
# government, official, elite, leader, legislature, legislator, opposition, party_leader and
# spokesperson are too loose to tell two people apart: they conflict with nothing.


@dataclass(frozen=True)
class Merge:
    """One rewrite the resolver made: `alias` (as the article named the actor) -> `canonical`."""

    alias_id: str
    alias: str
    canonical_id: str
    canonical: str
    article_id: str
    reason: str


@dataclass
class _Person:
    actor: Actor
    words: tuple[str, ...]
    countries: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


class Resolver:
    """Canonicalises person actors over a stream of ArticleGraphs; see the module docstring."""

    def __init__(self) -> None:
        self._people: dict[str, _Person] = {}
        self._redirect: dict[str, str] = {}
        self._by_word: dict[str, set[str]] = {}
        self._merged: set[tuple[str, str]] = set()
        self.merges: list[Merge] = []

    def __len__(self) -> int:
        return len(self._people)

    def resolve(self, graph: ArticleGraph, seen: Iterable[Actor] = ()) -> ArticleGraph:
        """The graph with its people renamed to their canonical actors.

        Args:
            graph: one article's events and affiliations.
            seen: every actor the article mentions, not only those in events, so a full name
                written in a sentence without an event still teaches the resolver.
        """
        date = graph.article.date
        actors = [*seen, *graph.actors]
        roles: dict[str, set[str]] = {}
        for affiliation in graph.affiliations:
            roles.setdefault(affiliation.actor_id, set()).add(affiliation.role)
        for actor in actors:
            self.observe(actor, roles.get(actor.id, ()), graph.article.id)
        mapping: dict[str, Actor] = {}
        for actor in actors:
            if actor.type == "person" and actor.id not in mapping:
                canonical = self.canonical(actor, date, graph.article.id)
                if canonical.id != actor.id:
                    mapping[actor.id] = canonical
                    self._record(actor, canonical, graph.article.id)
        if not mapping:
            return graph

        def rename(actor: Actor) -> Actor:
            target = mapping.get(actor.id)
            if target is None:
                return actor
            aliases = tuple(dict.fromkeys((*target.aliases, *actor.aliases, actor.name)))
            return replace(target, role=actor.role, country=target.country or actor.country,
                           aliases=tuple(a for a in aliases if a != target.name))

        events = tuple(replace(e, source=tuple(map(rename, e.source)),
                               target=tuple(map(rename, e.target)), id="")
                       for e in graph.events)
        affiliations = tuple(replace(a, actor_id=mapping[a.actor_id].id)
                             if a.actor_id in mapping else a for a in graph.affiliations)
        return replace(graph, events=events, affiliations=affiliations)

    def observe(self, actor: Actor, roles: Iterable[str] = (), article_id: str = "") -> None:
        """Learn a person's full name, country and role classes, and which article named them."""
        if actor.type != "person" or not looks_like_name(actor.name):
            return
        words = tuple(gazetteer.folded_key(actor.name).split())
        classes = {*roles, *filter(None, [_role_class(actor.role)])}
        families = {FAMILIES[c] for c in classes if c in FAMILIES}
        root = self._root(actor.id)
        known = self._people.get(root)
        if known is None:
            if len(words) < 2 or is_lone(actor.name):
                return  # a family name alone teaches nothing about who it is
            longer = self._unique(self._subsuming(words, actor.country, families))
            if longer is not None:  # "Recep Erdogan" after "Recep Tayyip Erdogan"
                self._redirect[actor.id] = longer.actor.id
                known = longer
            else:
                known = self._people[actor.id] = _Person(actor, words)
                for shorter in self._subsumed(words, actor.country, families):
                    self._redirect[shorter.actor.id] = actor.id  # the fuller name wins
                for key in surname_keys(actor.name, actor.country):
                    self._by_word.setdefault(key, set()).add(actor.id)
        if actor.country:
            known.countries.add(actor.country)
        known.families |= families
        if article_id:
            known.articles.add(article_id)

    def canonical(self, actor: Actor, date: str | None = None, article_id: str = "") -> Actor:
        """The known person this actor can only be, or the actor itself.

        `date` is the article's date; the current rules do not need it, but it is part of the
        contract so dated knowledge (a dictionary's terms of office) can narrow candidates.
        `article_id` lets a family name alone resolve to a person its own article names in full.
        """
        del date
        if actor.type != "person":
            return actor
        root = self._root(actor.id)
        if root != actor.id and root in self._people:
            return self._people[root].actor
        if actor.id in self._people:
            return actor
        key = gazetteer.folded_key(actor.name)
        words = tuple(key.split())
        if not words:
            return actor
        families = {FAMILIES[c] for c in filter(None, [_role_class(actor.role)])
                    if c in FAMILIES}
        lone = is_lone(actor.name)
        if lone:
            candidates = [self._people[self._root(i)] for i in self._by_word.get(key, ())]
        else:
            candidates = self._subsuming(words, actor.country, families)
        match = self._unique(self._fitting(candidates, actor.country, families))
        if match is None:
            return actor
        if lone and not (article_id in match.articles
                         or (actor.country and actor.country in match.countries)
                         or (families and families & match.families)):
            return actor
        return match.actor

    # --- internals ---------------------------------------------------------------------------

    def _root(self, ident: str) -> str:
        seen = set()
        while ident in self._redirect and ident not in seen:
            seen.add(ident)
            ident = self._redirect[ident]
        return ident

    def _subsuming(self, words: tuple[str, ...], country: str | None,
                   families: set[str]) -> list[_Person]:
        """Known people whose fuller name contains these words in order, ending alike."""
        found = []
        for ident in self._by_word.get(words[-1], ()):
            person = self._people.get(self._root(ident))
            if person and len(person.words) > len(words) and _in_order(words, person.words) \
                    and person.words[-1] == words[-1]:
                found.append(person)
        return self._fitting(found, country, families)

    def _subsumed(self, words: tuple[str, ...], country: str | None,
                  families: set[str]) -> list[_Person]:
        """Known people with a shorter name these words contain, ending alike."""
        found = [p for ident in self._by_word.get(words[-1], ())
                 if (p := self._people.get(ident)) is not None and 1 < len(p.words) < len(words)
                 and p.words[-1] == words[-1] and _in_order(p.words, words)]
        return self._fitting(found, country, families)

    @staticmethod
    def _fitting(candidates: Iterable[_Person], country: str | None,
                 families: set[str]) -> list[_Person]:
        """Candidates whose country and role family do not contradict the mention's."""
        unique = {p.actor.id: p for p in candidates}
        fitting = [p for p in unique.values()
                   if not (country and p.countries and country not in p.countries)
                   and not (families and p.families and not families & p.families)]
        if len(fitting) > 1 and country:
            same = [p for p in fitting if country in p.countries]
            fitting = same or fitting
        if len(fitting) > 1 and families:
            same = [p for p in fitting if families & p.families]
            fitting = same or fitting
        return fitting

    @staticmethod
    def _unique(candidates: list[_Person]) -> _Person | None:
        return candidates[0] if len(candidates) == 1 else None

    def _record(self, actor: Actor, canonical: Actor, article_id: str) -> None:
        key = (actor.id, canonical.id)
        if key in self._merged:
            return
        self._merged.add(key)
        reason = "surname" if len(actor.name.split()) == 1 else "shorter name"
        self.merges.append(Merge(actor.id, actor.name, canonical.id, canonical.name, article_id,
                                 reason))


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    position = 0
    for word in short:
        try:
            position = long.index(word, position) + 1
        except ValueError:
            return False
    return True


def _role_class(role: str | None) -> str | None:
    if not role:
        return None
    return role if role in gazetteer.ROLES else gazetteer.title_role(role)
