"""Who could have done something to whom in a sentence: the pairs the learned coder judges.

The coder (diplograph.ingest.coder) only decides; this module decides what it is asked. A party
is an actor mention from the actor layer, a named entity the actor layer left alone ("the
Syrian Democratic Forces" it could not place), or an agentive noun phrase ("protesters",
"the troops"). Every ordered pair of parties close enough to be one clause's arguments is a
candidate, and so is every party alone, for events with no target ("A and B signed a deal",
"X mobilised"). The same function builds the training pairs (diplograph.ingest.annotations)
and the pairs judged at run time, so the model sees at run time what it learned from.

>>> from diplograph.ingest.nlp import load_model
>>> from diplograph.ingest.actors import find_mentions
>>> doc = load_model()("Chinese President Xi Jinping met protesters in Hong Kong.")
>>> [p.text for p in parties(next(doc.sents), find_mentions(doc))]
['Chinese President Xi Jinping', 'protesters', 'Hong Kong']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.graph.model import Actor
from diplograph.ingest.actors import COUNTRY_HOWS, GROUP_AGENTS, STATE_AGENTS, Mentions

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Named-entity labels that can act in politics; dates, money and works of art cannot.
ACTING_LABELS = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "country"}
# Nouns for crowds and bodies that act, beyond the actor layer's state and armed agents.
CROWD_NOUNS = frozenset({"protester", "protestor", "demonstrator", "activist", "student",
                         "worker", "resident", "villager", "farmer", "civilian", "refugee",
                         "migrant", "opposition", "union", "crowd", "supporter", "voter",
                         "minister", "ministers", "leader", "official", "diplomat", "envoy",
                         "ambassador", "president", "spokesman", "spokeswoman",
                         "spokesperson", "negotiator", "lawmaker", "senator", "mp",
                         "coalition", "alliance", "bloc", "council", "committee", "commission",
                         "court", "judge", "prosecutor", "party", "group", "organisation",
                         "organization", "company", "firm", "bank"})
# Nouns for the people an act is done to: "arrested 20 people", "a reporter was killed".
VICTIM_NOUNS = frozenset({"people", "person", "man", "woman", "boy", "girl", "child",
                          "journalist", "reporter", "sailor", "tourist", "civilian", "prisoner",
                          "detainee", "hostage", "suspect", "passenger", "pilgrim", "fisherman",
                          "miner", "family", "member", "national", "citizen", "soldier"})
AGENT_NOUNS = frozenset(STATE_AGENTS) | GROUP_AGENTS | CROWD_NOUNS | VICTIM_NOUNS
# Prepositions whose object is where or to whom something happens, almost never who does it
# ("in Beijing", "sent to Kabul"): such a party is only ever a target. On our annotated train
# and dev sentences this drops 18% of would-be sources and 2% of real ones.
NOT_ACTING_PREPS = frozenset({"in", "to", "on", "for", "against", "at", "into", "including",
                              "as", "onto", "toward", "towards", "near", "inside", "across"})
# Bounds that keep the candidate set small: parties per sentence, tokens between a pair.
MAX_PARTIES = 8
MAX_DISTANCE = 40


@dataclass(frozen=True)
class Party:
    """Tokens [start, end) of the doc that name a possible participant, and who that is."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    actors: tuple[Actor, ...]
    how: str
    acts: bool = True


@dataclass(frozen=True)
class Pair:
    """A candidate event: `source` acting on `target`, or alone when `target` is None."""

    source: Party
    target: Party | None


def parties(sent: Span, mentions: Mentions) -> list[Party]:
    """Possible participants of one sentence, in reading order, at most MAX_PARTIES."""
    found: list[Party] = []
    covered: set[int] = set()

    def keep(party: Party) -> None:
        if not any(i in covered for i in range(party.start, party.end)):
            found.append(party)
            covered.update(range(party.start, party.end))

    doc = sent.doc
    inside = [m for m in mentions if sent.start <= m.start < sent.end and m.actors
              and m.how != "media"]
    # "Chinese and Indian troops", "US-backed Kurdish fighters": the whole phrase acts, for the
    # countries its modifiers name, so it is one party rather than two bare adjectives
    for chunk in sent.noun_chunks:
        root = chunk.root
        if root.pos_ != "NOUN" or root.lemma_.lower() not in AGENT_NOUNS:
            continue
        owners = [m for m in inside if chunk.start <= m.start and m.end <= root.i
                  and m.how in COUNTRY_HOWS and _modifies(doc[m.end - 1], root)]
        start = _first_word(chunk)
        if owners:
            actors = tuple({a.id: a for m in owners for a in m.actors}.values())
            keep(_party(sent, start, chunk.end, actors, "owned"))
        elif any((t.ent_type_ in ("NORP", "PERSON") or t.pos_ == "PROPN") and _modifies(t, root)
                 for t in doc[start:root.i]):
            # "Kurdish fighters", "Trump supporters": a people's or a person's men, not the
            # people or the person; named by the phrase
            text = doc[start:chunk.end].text
            keep(_party(sent, start, chunk.end, (Actor(name=text, type="group"),), "owned"))
    for mention in inside:
        if mention.how == "pronoun" and doc[mention.start].dep_ == "poss":
            continue  # "his government": the government acts, and is a party of its own
        keep(_party(sent, mention.start, min(mention.end, sent.end), mention.actors,
                    mention.how))
    for chunk in sent.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() in AGENT_NOUNS and root.pos_ == "NOUN":
            start = _first_word(chunk)
            text = doc[start:chunk.end].text
            keep(_party(sent, start, chunk.end, (Actor(name=text, type="group"),), "agent"))
    for ent in sent.ents:
        kind = ACTING_LABELS.get(ent.label_)
        if kind is not None:
            keep(_party(sent, ent.start, ent.end, (_unplaced(ent.text, kind),), "entity"))
    found.sort(key=lambda p: p.start)
    return found[:MAX_PARTIES]


def sentence_text(sent: Span) -> str:
    """A sentence as the coder reads it and the annotation sheets showed it: from its first
    character to its last, trailing space dropped (the corpus locates sentences this way)."""
    return sent.doc.text[sent[0].idx:sent[-1].idx + len(sent[-1].text)].rstrip()


def pairs(found: list[Party]) -> Iterator[Pair]:
    """Every party that can act alone, then every ordered pair of distinct, nearby parties
    whose source can act."""
    for party in found:
        if party.acts:
            yield Pair(party, None)
    for source in found:
        if not source.acts:
            continue
        for target in found:
            if source is target or _same(source, target):
                continue
            if max(source.start, target.start) - min(source.end, target.end) > MAX_DISTANCE:
                continue
            yield Pair(source, target)


def _modifies(word: Token, root: Token) -> bool:
    """Is `word` a modifier of `root` itself ("Chinese troops", "Chinese and Indian troops"),
    not of another modifier ("US-backed fighters" are not American)?"""
    if word.dep_ == "conj":
        word = word.head
    return word.head.i == root.i and word.dep_ in ("amod", "compound", "nmod", "poss")


def _first_word(chunk: Span) -> int:
    """Where a phrase starts once its article or possessor is dropped."""
    return next((t.i for t in chunk if t.dep_ not in ("det", "poss", "case")), chunk.root.i)


def _party(sent: Span, start: int, end: int, actors: tuple[Actor, ...], how: str) -> Party:
    doc = sent.doc
    first, last = doc[start], doc[end - 1]
    root = doc[start:end].root
    acts = not (root.dep_ == "attr" or
                (root.dep_ == "pobj" and root.head.lower_ in NOT_ACTING_PREPS))
    return Party(start, end, first.idx, last.idx + len(last.text), doc[start:end].text,
                 actors, how, acts)


def _unplaced(text: str, kind: str) -> Actor:
    """An entity the actor layer could not resolve: kept by name, with no country guessed."""
    return Actor(name=text, type="group" if kind == "country" else kind)  # type: ignore[arg-type]


def _same(a: Party, b: Party) -> bool:
    """Two mentions of the same actors ("Xi ... he") cannot act on each other."""
    return {x.id for x in a.actors} == {x.id for x in b.actors}
