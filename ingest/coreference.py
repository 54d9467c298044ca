"""What pronouns and "the two sides" refer to, from the mentions an article has named so far.

The rule throughout: a reference is resolved only when the text leaves one reading. With two
candidates a subject pronoun may follow the previous sentence's subject, at low confidence;
anything else stays unresolved rather than pinned on the wrong person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.graph.model import Actor
from diplograph.ingest import gazetteer
from diplograph.ingest.titles import compatible, country_actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from diplograph.ingest.actors import Mention

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_WORDS = frozenset({"sides", "countries", "leaders", "nations", "parties", "governments",
                         "presidents", "ministers", "states", "delegations", "premiers",
                         "heads", "neighbours", "neighbors"})
PERSON_GROUPS = frozenset({"leaders", "presidents", "ministers", "premiers", "heads"})
COUNTRY_GROUPS = frozenset({"countries", "nations", "states", "governments", "neighbours",
                            "neighbors"})
_WINDOW = 2  # sentences back a pronoun or description may reach


def resolve_pronoun(token: Token, ordered: list[Mention],
                    by_token: dict[int, Mention]) -> tuple[tuple[Actor, ...], float] | None:
    """He/she/his/her to a person, 'it/its' to a state or body, when the text allows one reading.

    First the subject of the clause the pronoun sits under ("Atambayev said he ..."), or the
    subject a fronted phrase points forward to ("During his visit, Atambayev ..."). Otherwise
    the people named in this and the two sentences before: one candidate is taken; with more,
    the one person of the last sentence (at lower confidence). With two in the last sentence a
    subject pronoun goes to its subject, and with none there to the person the article is
    plainly about, both at low confidence; any other pronoun stays unresolved.
    """
    person = token.lower_ in PERSON_PRONOUNS
    if not person and token.head.lemma_ in ("be", "seem", "appear", "take", "remain", "rain"):
        return None  # "it is time to ...": no one at all
    ahead = _cataphora(token, by_token, person)
    if ahead:
        return ahead.actors, 0.7
    bound = _bound(token, by_token, person)
    if bound:
        actor, rivals = bound
        return (actor,), 0.55 if rivals else 0.75
    if not person:
        return None
    sentences = list(token.doc.sents)
    here = next(k for k, s in enumerate(sentences) if s.start <= token.i < s.end)
    window = _people_between(ordered, sentences[max(0, here - _WINDOW)].start, token.i)
    if len(window) == 1:
        return tuple(window.values()), 0.7
    if not window:
        return None
    recent = _people_between(ordered, sentences[max(0, here - 1)].start, token.i)
    if len(recent) == 1:  # one person in the last sentence, others further back
        return tuple(recent.values()), 0.55
    subject_pronoun = token.dep_ in ("nsubj", "nsubjpass")
    if len(recent) > 1 and subject_pronoun and here > 0:
        subject = _main_subject(sentences[here - 1], by_token)
        if subject is not None and subject.id in recent:
            return (subject,), 0.45
        return None
    lead = _dominant(ordered, token.i)
    if subject_pronoun and lead is not None and lead.id in window:
        return (lead,), 0.45  # the person the article is about, named far more than anyone
    return None


def _people_between(ordered: list[Mention], start: int, end: int) -> dict[str, Actor]:
    """Distinct people named (resolved, not ambiguous) in tokens [start, end)."""
    return {m.actors[0].id: m.actors[0] for m in ordered
            if start <= m.start and m.end <= end and _is_person(m) and m.how != "ambiguous"}


def _dominant(ordered: list[Mention], before: int) -> Actor | None:
    """The person named at least three times and in two of every three person mentions so far."""
    counts: dict[str, int] = {}
    people: dict[str, Actor] = {}
    for mention in ordered:
        if mention.end <= before and _is_person(mention) and mention.how != "pronoun":
            actor = mention.actors[0]
            counts[actor.id] = counts.get(actor.id, 0) + 1
            people[actor.id] = actor
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    total = sum(counts.values())
    return people[best] if counts[best] >= 3 and counts[best] * 3 >= total * 2 else None


def _is_person(mention: Mention) -> bool:
    return len(mention.actors) == 1 and mention.actors[0].type == "person" and \
        mention.how != "media"


def _cataphora(pronoun: Token, by_token: dict[int, Mention], person: bool) -> Mention | None:
    """The subject a fronted phrase's pronoun points forward to.

    In "During his visit to China, Atambayev met Xi", "his" is Atambayev, not whoever was named
    before the sentence: a possessive inside an opening phrase refers to the clause's subject.
    """
    verb = pronoun
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or pronoun.i > subject.i or pronoun in subject.subtree:
        return None
    mention = by_token.get(subject.i)
    if mention and len(mention.actors) == 1 and _fits(mention, person):
        return mention
    return None


def _bound(pronoun: Token, by_token: dict[int, Mention],
           person: bool) -> tuple[Actor, bool] | None:
    """The subject of a clause the pronoun is embedded under, before it in the sentence.

    "Atambayev said he would ..." -> Atambayev. Returns the actor and whether another party of
    the right kind stands between them ("Putin told Erdogan he ..."), which lowers confidence.
    """
    node = pronoun
    while node.head.i != node.i:
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.i < pronoun.i and pronoun not in c.subtree), None)
        if subject is None:
            continue
        mention = by_token.get(subject.i)
        if mention is None or len(mention.actors) != 1 or not _fits(mention, person):
            return None
        between = {m.actors[0].id for i, m in by_token.items()
                   if subject.i < i < pronoun.i and len(m.actors) == 1 and _fits(m, person)
                   and m.actors[0].id != mention.actors[0].id}
        return mention.actors[0], bool(between)
    return None


def _fits(mention: Mention, person: bool) -> bool:
    """Can a mention be what a pronoun of this kind points at?"""
    if mention.how == "media":
        return False
    actor = mention.actors[0]
    if person:
        return actor.type == "person" and mention.how != "ambiguous"
    return actor.type in ("country", "igo", "organization", "group") and mention.how != "group"


def _main_subject(sent: Span, by_token: dict[int, Mention]) -> Actor | None:
    """The one person the sentence's main clause is about; none for "A and B met"."""
    root = sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            mention = by_token.get(child.i)
            if mention is None or not _is_person(mention):
                return None
            if any(c.dep_ == "conj" and (m := by_token.get(c.i)) is not None and _is_person(m)
                   for c in child.children):
                return None
            return mention.actors[0]
    return None


# the role a description of each kind asks for ("the two leaders" as "the leader" does)
GROUP_ROLES = {"leaders": "leader", "presidents": "head_of_state",
               "premiers": "head_of_government", "heads": "leader"}


def _holds(actor: Actor, word: str) -> bool:
    """Can this person be one of 'the two <word>'? ("the two leaders" is not a trade minister)"""
    held = gazetteer.title_role(actor.role) if actor.role else None
    return compatible(GROUP_ROLES.get(word), held, lenient=True)


def two_parties(before: list[Mention], word: str) -> tuple[Actor, ...] | None:
    """The two parties 'the two sides' means, from the most recent mentions back.

    "Leaders", "presidents" and "ministers" are two people; "countries" and "nations" two
    states; "sides", "parties" and "delegations" two people when the last two parties named
    were people, else their two states.
    """
    parties: list[Actor] = []
    keys: list[str] = []
    for mention in reversed(before):
        if len(mention.actors) != 1 or mention.how in ("media", "group", "ambiguous", "ministry"):
            continue
        actor = mention.actors[0]
        if word in PERSON_GROUPS and (actor.type != "person" or not _holds(actor, word)):
            continue
        if actor.type not in ("person", "country"):
            continue
        key = actor.country or actor.id
        if key in keys:
            continue
        parties.insert(0, actor)
        keys.insert(0, key)
        if len(parties) == 2:
            break
    if len(parties) != 2:
        return None
    people = all(a.type == "person" for a in parties)
    if word in PERSON_GROUPS or (people and word not in COUNTRY_GROUPS):
        return tuple(parties)
    countries = [a.country for a in parties if a.country]
    return tuple(country_actor(c) for c in countries) if len(countries) == 2 else None
