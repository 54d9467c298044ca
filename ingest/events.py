"""Code events from a parsed article: triggers from the lexicon, frames, roles from the parse.

Per sentence: (1) every word the lexicon knows becomes a candidate, verbs first so "held talks"
is one candidate, not two; (2) frame words ("promised to", "called for", "refused to",
"threatened to") absorb the event they govern and take the CAMEO code frames.csv gives the pair;
(3) each remaining candidate needs a source actor, and a target unless its row says it can stand
alone or "A and B" did it together; (4) modality, date and place are read off the parse.
Everything the sentence does not support is left empty: a missed detail costs less than an
invented one. Last, one event told by several sentences becomes one event with several mentions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from diplograph.graph import codes
from diplograph.graph.model import Actor, Article, Event, Location
from diplograph.ingest import gazetteer
from diplograph.ingest.actors import NAMED_FOR_PLACE, Mentions
from diplograph.ingest.dedupe import merge_mentions, story_key
from diplograph.ingest.lexicon import ACTOR, Condition, TriggerEntry, entries_for, frame_code
from diplograph.ingest.modality import (
    PROPOSAL_NOUNS, SPEECH_VERBS, clause_chain, modality_of, reported,
)
from diplograph.ingest.timing import event_date

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs whose object noun carries the event and whose subject is its source ("held talks",
# "launched an attack"); verbs that change the meaning ("imposed sanctions") have rows instead.
LIGHT_VERBS = frozenset({"pay", "make", "hold", "have", "conduct", "begin", "start", "undertake",
                         "complete", "host", "launch", "carry", "stage", "mount", "wage", "issue",
                         "lodge", "file", "express", "voice", "give", "extend", "deliver",
                         "unleash", "continue", "resume", "intensify", "escalate", "step",
                         "perform", "execute", "announce", "order", "authorize", "authorise",
                         "approve", "organize", "organise", "convene", "attend", "join", "lead",
                         "open", "initiate", "hold"})
# Heads that stand for the party named after "of": "the government of Iraq", "leaders of A and B".
OWNER_HEADS = frozenset({"government", "leader", "president", "people", "force", "army", "military",
                         "minister", "ministry", "official", "authority", "delegation",
                         "representative", "head", "parliament", "troop", "navy", "regime",
                         "administration", "embassy", "king", "cabinet", "citizen", "envoy",
                         "ambassador", "diplomat", "premier", "chief", "spokesman", "spokeswoman",
                         "spokesperson", "member", "side", "court", "judge", "prosecutor",
                         "police", "authorities", "parliamentarian", "lawmaker", "branch", "arm",
                         "wing", "agency", "office", "department", "body", "mission", "director",
                         "secretary", "chairman", "commander", "general", "officer", "soldier",
                         "worker", "staff", "envoys", "team", "unit", "division", "coalition"})
# Nouns for a stretch of land: a place named with them belongs to the place's country.
AREA_WORDS = frozenset({"area", "region", "city", "town", "province", "village", "district",
                        "part", "outskirts", "center", "centre", "capital", "neighbourhood",
                        "neighborhood", "suburb", "border", "enclave", "state", "territory",
                        "county", "camp", "base", "airport", "port", "coast", "island"})
# Pronouns that, as the subject of what someone said, stand for the speaker.
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
# How a mention names a place rather than a party (see diplograph.ingest.actors).
PLACE_KINDS = frozenset({"capital", "place", "seat"})
# Nouns for a crowd that protests.
CROWD_WORDS = frozenset({"protester", "protestor", "demonstrator", "student", "worker", "activist",
                         "people", "crowd", "resident", "villager", "farmer", "teacher", "union",
                         "supporter", "youth", "citizen", "marcher", "rioter", "employee",
                         "driver", "doctor", "nurse", "miner", "thousand", "hundred", "dozen",
                         "opposition", "trader", "merchant", "woman", "man"})
# Words that only count or group what follows "of".
QUANTITY_WORDS = frozenset({"some", "many", "all", "most", "several", "dozen", "hundred",
                            "thousand", "group", "number", "round", "series", "wave", "team",
                            "contingent", "batch", "couple", "lot", "part", "spate", "string",
                            "set", "host", "pair", "few", "one", "two", "three", "none"})
# The CAMEO root each frame's own events have.
FRAME_ROOTS = {"consider": "01", "pledge": "03", "agree": "03", "appeal": "02", "demand": "10",
               "refuse": "12", "threaten": "13"}
_GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "acl", "nsubjpass", "attr", "oprd"})
_GOVERNED_PREPS = frozenset({"for", "on", "of", "to", "with", "against", "about", "over"})
_CONFIDENCE = {"verb": 0.8, "adj": 0.7, "noun": 0.65}
_MAX_CLIMB = 6


@dataclass(frozen=True)
class Candidate:
    """A word the lexicon knows, with the row it matched and the word that met its conditions."""

    token: Token
    entry: TriggerEntry
    required: Token | None


@dataclass(frozen=True)
class Found:
    """An event with its roles, before modality, date and place make it an Event."""

    token: Token
    entry: TriggerEntry
    cameo: str
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    target_token: Token | None
    object: str | None
    confidence: float


def extract_events(doc: Doc, article: Article, mentions: Mentions) -> list[Event]:
    """All events of one parsed article, one per happening (see `dedupe.merge_mentions`)."""
    return assemble(doc, article, [list(_sentence_events(s, mentions)) for s in doc.sents])


def assemble(doc: Doc, article: Article, found_by_sentence: list[list[Found]]) -> list[Event]:
    """Events from what a coder found in each sentence: modality, date and place read off the
    parse, dates carried from sentence to sentence, one event per happening.

    Both coders end here (this module's rules and diplograph.ingest.learned), so an event
    means the same whichever found it.
    """
    events: list[Event] = []
    context_date: str | None = None
    for index, (sent, found) in enumerate(zip(doc.sents, found_by_sentence)):
        for one in found:
            events.append(_build(one, sent, index, article, found, context_date))
        dated = [e.date for e in events if e.date_basis == "text" and e.sentence_index == index
                 and e.modality not in ("future", "hypothetical") and e.date_precision == "day"]
        if dated:
            context_date = dated[-1]
    return merge_mentions(events)


# --- candidates ------------------------------------------------------------------------------

def _pos(token: Token) -> str | None:
    if token.pos_ == "VERB":
        return "verb"
    if token.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if token.pos_ == "ADJ":
        return "adj"
    return None


def _forms(token: Token) -> list[str]:
    """The lemma first, then plain-suffix guesses for words the lemmatiser gets wrong
    ("staged" -> "stag")."""
    lower = token.lower_
    forms = [token.lemma_.lower(), lower]
    if lower.endswith("ied") or lower.endswith("ies"):
        forms.append(lower[:-3] + "y")
    if lower.endswith("ed"):
        forms += [lower[:-1], lower[:-2]]
    elif lower.endswith("s") and not lower.endswith("ss"):
        forms.append(lower[:-1])
    if lower.endswith("ing"):
        forms += [lower[:-3], lower[:-3] + "e"]
    return list(dict.fromkeys(forms))


def lexicon_candidates(sent: Span, mentions: Mentions) -> list[Candidate]:
    """Lexicon matches of a sentence; verbs claim the nouns their rows required."""
    claimed: set[int] = set()
    found: list[Candidate] = []
    for wanted in (("verb", "adj"), ("noun",)):
        for token in sent:
            pos = _pos(token)
            if pos not in wanted or token.i in claimed:
                continue
            if pos == "verb" and token.dep_ in ("amod", "compound"):
                continue  # "the recognised government", "occupied territories": no event
            if pos == "noun" and token.head.i in claimed and token.head.i != token.i:
                continue
            match = _match(token, pos, mentions)
            if match is None:
                continue
            entry, hits = match
            claimed.update(h.i for h in hits if h.i != token.i)
            found.append(Candidate(token, entry, hits[-1] if hits else None))
    return sorted(found, key=lambda c: c.token.i)


def _match(token: Token, pos: str, mentions: Mentions) -> tuple[TriggerEntry, list[Token]] | None:
    """The first lexicon row whose conditions the token meets, and the words that met them."""
    entries: tuple[TriggerEntry, ...] = ()
    for form in _forms(token):
        entries = entries_for(form, pos)
        if entries:
            break
    for entry in entries:
        hits: list[Token] = []
        for condition in entry.requires:
            hit = _meets(token, condition, mentions)
            if condition.absent:
                if hit is not None:
                    break
                continue
            if hit is None:
                break
            hits.append(hit)
        else:
            return entry, hits
    return None


def _meets(token: Token, condition: Condition, mentions: Mentions) -> Token | None:
    """The child of `token` that meets a condition (ignoring `absent`), or None."""
    dep = condition.dep
    for child in token.children:
        if dep == "pobj":
            options = [g for g in child.children if g.dep_ in ("pobj", "pcomp")] \
                if child.dep_ in ("prep", "agent") else []
        elif dep == "prep":
            options = [child] if child.dep_ in ("prep", "agent") else []
        elif dep == "dobj":
            options = [_through_quantity(child)] if child.dep_ in ("dobj", "nsubjpass") else []
        elif dep == "object":  # under a preposition: its object
            options = [child] if child.dep_ in ("pobj", "pcomp") else []
        elif dep in ("amod", "compound", "nmod"):
            options = [child] if child.dep_ in ("amod", "compound", "nmod") else []
        else:
            options = [child] if child.dep_ == dep else []
        for option in options:
            if _word_ok(option, condition.words, mentions, prep=dep == "prep") and \
                    _then_ok(option, condition.then, mentions):
                return option
    return None


def _through_quantity(token: Token) -> Token:
    """'some of the peacekeepers', 'a round of talks': the noun after "of" carries the meaning."""
    if token.lemma_.lower() in QUANTITY_WORDS or token.pos_ == "NUM":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def _word_ok(token: Token, words: frozenset[str], mentions: Mentions, prep: bool) -> bool:
    if not words:
        return True
    if ACTOR in words:  # named as an actor, not merely owned by one ("the Council meeting")
        return any(mentions.at(t) is not None for t in (token, *token.conjuncts))
    if prep:
        return token.lower_ in words
    return token.lemma_.lower() in words or token.lower_ in words


def _then_ok(token: Token, then: Condition | None, mentions: Mentions) -> bool:
    if then is None:
        return True
    hit = _meets(token, replace(then, absent=False), mentions)
    return hit is None if then.absent else hit is not None


# --- frames ----------------------------------------------------------------------------------

def _sentence_events(sent: Span, mentions: Mentions) -> Iterator[Found]:
    candidates = lexicon_candidates(sent, mentions)
    by_token = {c.token.i: c for c in candidates}
    consumed: set[int] = set()
    framed: dict[int, tuple[Candidate | None, str, Token | None]] = {}
    for cand in candidates:
        if cand.entry.frame is None or cand.token.i in consumed:
            continue
        inner, between, loose = _innermost(cand, by_token)
        if inner is not None and cand.entry.frame == "agree" and \
                int(inner.entry.cameo[:2]) >= 13:
            consumed.add(cand.token.i)  # "agreed to impose sanctions" is the sanction
            continue
        consumed.update(c.token.i for c in between)
        if inner is not None and not (cand.entry.frame == "refuse" and modality_of(inner.token)[0]):
            consumed.add(inner.token.i)  # "refused to sign" keeps the signing, negated
        framed[cand.token.i] = (inner, _frame_code(cand.entry, inner), loose)
    for cand in candidates:
        if cand.token.i in consumed:
            continue
        if cand.token.i in framed:
            inner, code, loose = framed[cand.token.i]
            found = _roles(cand, mentions, code, inner=inner, loose=loose)
        else:
            found = _roles(cand, mentions, cand.entry.cameo)
        if found is not None:
            yield found


def _frame_code(entry: TriggerEntry, inner: Candidate | None) -> str:
    """The code a frame gives the pair; an inner event already of the frame's kind keeps its own
    more specific code ("agreed to deepen military cooperation" is 0312, not 030)."""
    if inner is None or entry.frame is None or entry.frame == "consider":
        return entry.cameo
    column = "pledge" if entry.frame == "agree" else entry.frame
    paired = frame_code(column, inner.entry.cameo)
    if paired:
        return paired
    if inner.entry.cameo[:2] == FRAME_ROOTS[entry.frame]:
        return inner.entry.cameo
    return entry.cameo


def _innermost(cand: Candidate, by_token: dict[int, Candidate]
               ) -> tuple[Candidate | None, list[Candidate], Token | None]:
    """The event a frame governs, through nested frames ("rejected calls for the release"),
    with the frames in between; or, when no candidate is governed, the governed word itself."""
    between: list[Candidate] = []
    current = cand
    while True:
        governed, loose = _governed(current, by_token)
        if governed is None:
            return None, between, None if between else loose
        if governed.entry.frame is None or governed in between or governed is cand:
            return governed, between, None
        between.append(governed)
        current = governed


def _governed(cand: Candidate, by_token: dict[int, Candidate]
              ) -> tuple[Candidate | None, Token | None]:
    """The candidate a frame word governs (its clause or object, or what follows "for"/"of"),
    else the first content word there."""
    anchors = [cand.token]
    if cand.required is not None and cand.required.i != cand.token.i:
        anchors.append(cand.required)
    loose: Token | None = None
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "ccomp" and cand.entry.frame in ("agree", "pledge"):
                continue  # "agreed that ..." states a view; it pledges nothing
            for word in _governed_words(child):
                if word.i in by_token and word.i != cand.token.i:
                    return by_token[word.i], None
                for deeper in word.children:  # "agreed to continue to expand ..."
                    if deeper.dep_ in ("xcomp", "dobj") and deeper.i in by_token:
                        return by_token[deeper.i], None
                if word.pos_ == "VERB" and (loose is None or loose.pos_ != "VERB"):
                    loose = word  # a governed verb says more than a governed noun
                elif word.pos_ == "NOUN" and loose is None:
                    loose = word
    return None, loose


def _governed_words(child: Token) -> list[Token]:
    if child.dep_ in _GOVERNED_DEPS:
        return [child]
    if child.dep_ in ("prep", "agent") and child.lower_ in _GOVERNED_PREPS:
        return [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
    return []


# --- roles -----------------------------------------------------------------------------------

def _roles(cand: Candidate, mentions: Mentions, cameo: str, *, inner: Candidate | None = None,
           loose: Token | None = None) -> Found | None:
    token, entry = cand.token, cand.entry
    passive = entry.pos == "verb" and _passive(token)
    source = _source(cand, passive, mentions)
    if not source and cameo[:2] == "14":
        source = _crowd(token)
    target, target_token, slot = _target(cand, passive, mentions)
    if not target and inner is not None:
        target, target_token, slot = _target(inner, _passive(inner.token), mentions)
    if not target and loose is not None:  # "is willing to work with Kyrgyzstan"
        target, target_token, slot = _first_actors(
            loose, ("prep:with", "dobj", "prep:to", "prep:for"), None, mentions)
    if not source and entry.pos == "noun" and slot and slot.endswith("between") and \
            len(target) > 1:
        source, target = target, ()  # "talks between A and B": A and B together
    if not source:
        return None
    source_ids = {a.id for a in source}
    target = tuple(a for a in target if a.id not in source_ids)
    if not target and not (entry.joint and len(source) > 1) and not entry.solo:
        return None
    if inner is not None:
        object_text: str | None = _phrase(inner.token, target_token)
    elif loose is not None and loose is not target_token and mentions.at(loose) is None:
        object_text = _phrase(loose, target_token)
    else:
        object_text = object_phrase(cand, target_token, mentions)
    return Found(token, entry, cameo, source, target, target_token, object_text,
                  _CONFIDENCE[entry.pos])


def _passive(token: Token) -> bool:
    """'was opposed by', and the participle of "a deal opposed by fishermen": the agent acts."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN")


def _source(cand: Candidate, passive: bool, mentions: Mentions) -> tuple[Actor, ...]:
    """Who acts: the subject, the 'by' agent of a passive, or a noun's possessor or modifier.

    Verbs without a subject of their own ("... met Xi and awarded ...", "agreed to deepen")
    borrow the subject of the verb they hang from.
    """
    token, entry = cand.token, cand.entry
    if entry.source:
        return _first_actors(token, entry.source, cand.required, mentions)[0]
    if passive:
        for child in token.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _actors(pobj, mentions)
        return ()
    if entry.pos != "noun":
        return _subject(token, mentions)
    for child in token.children:
        found: tuple[Actor, ...] = ()
        if child.dep_ == "poss":
            found = _actors(child, mentions)
        elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
            found = next((_actors(p, mentions) for p in child.children if p.dep_ == "pobj"), ())
        if found:
            return found
    for child in token.children:  # "Russian air strikes", "U.S. sanctions"
        if child.dep_ in ("amod", "compound", "nmod") and child.i < token.i:
            mention = mentions.at(child)
            if mention is not None and mention.how != "media":
                return mention.actors
    token = _quantified(token)
    if token.dep_ in ("dobj", "attr") and token.head.lemma_ in LIGHT_VERBS:
        return _subject(token.head, mentions)
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("for", "in", "on") and head.head.pos_ == "VERB":
        return _subject(head.head, mentions)  # "gathered for talks", "lead a team on a visit"
    return ()


def _quantified(token: Token) -> Token:
    """The word whose place in the clause counts for a noun: 'a new round of joint exercises' ->
    'round'; 'air and artillery strikes' (parsed as "air" and "strikes") -> 'air'."""
    for _ in range(_MAX_CLIMB):
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of" and \
                head.head.lemma_.lower() in QUANTITY_WORDS:
            token = head.head
        elif token.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
            token = head
        else:
            break
    return token


def _crowd(token: Token) -> tuple[Actor, ...]:
    """Protesters as a party: "thousands of Kenyans", "demonstrators in Kyiv" protest.

    PLOVER and CAMEO code the crowd itself (a country's civilians); the actor layer names only
    people, states and organisations, so a protest whose subject is a crowd word gets a group
    actor for that crowd, with the country its adjective or its place gives, if any.
    """
    subject = None
    current = token
    for _ in range(_MAX_CLIMB):
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None or current.dep_ not in ("xcomp", "conj", "advcl", "acl") \
                or current.head.i == current.i:
            break
        current = current.head
    if token.pos_ == "NOUN" and subject is None:
        subject = token  # "protests in Kyiv": the protest names its own crowd only by place
    if subject is None:
        return ()
    head = _quantified(subject) if subject.lemma_.lower() in QUANTITY_WORDS else subject
    for child in subject.children:  # "thousands of demonstrators"
        if child.dep_ == "prep" and child.lower_ == "of":
            head = next((p for p in child.children if p.dep_ == "pobj"), head)
    if head.lemma_.lower() not in CROWD_WORDS and subject.lemma_.lower() not in CROWD_WORDS:
        return ()
    country = None
    places = [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
              for p in c.children if p.dep_ == "pobj"]  # the crowd's own words first, then where
    for word in (*subject.subtree, *places):
        if word.dep_ in ("amod", "compound", "pobj") and word.pos_ in ("ADJ", "PROPN"):
            hit = gazetteer.lookup(_entity_text(word))
            if hit is not None and hit.kind in ("country", "demonym", "capital", "place"):
                country = hit.country or hit.code
                break
    name = "protesters" + (f" ({country})" if country else "")
    return (Actor(name=name, type="group", country=country),)


def _subject(verb: Token, mentions: Mentions) -> tuple[Actor, ...]:
    current = verb
    for _ in range(_MAX_CLIMB):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        for aux in current.children:  # the parser sometimes hangs the subject on "have"
            if subject is None and aux.dep_ in ("aux", "auxpass"):
                subject = next((c for c in aux.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            found = _actors(subject, mentions)
            if not found and subject.lower_ in SPEAKER_PRONOUNS:
                return _speaker(current, mentions)
            return found
        if current.dep_ in ("xcomp", "conj", "acl", "advcl", "dobj", "pcomp", "relcl", "acomp",
                            "prep") and current.head.i != current.i:
            head = current.head
            if current.dep_ == "relcl":
                return _actors(head, mentions)
            if current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
                owner = next((c for c in head.children if c.dep_ == "poss"), None)
                if owner is not None:  # "its decision to expel": the owner decides
                    return _actors(owner, mentions)
                if head.lemma_.lower() in PROPOSAL_NOUNS:
                    return ()  # "vetoed a resolution to impose sanctions": not the vetoers
            if current.dep_ == "xcomp" and head.lemma_ not in LIGHT_VERBS:
                controller = next((c for c in head.children if c.dep_ == "dobj"), None)
                if controller is not None:  # "persuaded Biden to lift": Biden lifts
                    return _actors(controller, mentions)
            current = head
            continue
        break
    return ()


def _speaker(clause: Token, mentions: Mentions) -> tuple[Actor, ...]:
    """Who "it" or "they" is in "The State Department said it is skeptical": the speaker."""
    current = clause
    for _ in range(_MAX_CLIMB):
        head = current.head
        if head.i == current.i:
            return ()
        if current.dep_ in ("ccomp", "xcomp", "conj") and head.lemma_ in SPEECH_VERBS:
            return _subject(head, mentions)
        if current.dep_ not in ("ccomp", "xcomp", "conj"):
            return ()
        current = head
    return ()


def _target(cand: Candidate, passive: bool, mentions: Mentions
            ) -> tuple[tuple[Actor, ...], Token | None, str | None]:
    slots = cand.entry.target
    if passive and cand.entry.pos == "verb":
        slots = ("nsubjpass", *(s for s in slots if s not in ("dobj", "nsubjpass")))
    found = _first_actors(cand.token, slots, cand.required, mentions, place=True)
    carrier = _quantified(cand.token)
    if not found[0] and carrier is not cand.token:
        found = _first_actors(carrier, slots, None, mentions, place=True)
    if not found[0] and cand.entry.pos == "noun" and carrier.dep_ == "dobj" \
            and carrier.head.lemma_ in LIGHT_VERBS:  # "gave Putin a warning", "held talks with"
        found = _first_actors(carrier.head, ("dative", "prep:to", "prep:with", "prep:against",
                                             "prep:on"), None, mentions, place=True)
    return found


def _first_actors(token: Token, slots: tuple[str, ...], required: Token | None,
                  mentions: Mentions, place: bool = False
                  ) -> tuple[tuple[Actor, ...], Token | None, str | None]:
    for slot in slots:
        for arg in _slot(token, slot, required):
            actors = _actors(arg, mentions, place=place)
            if actors:
                return actors, arg, slot
    return (), None, None


def object_phrase(cand: Candidate, target: Token | None, mentions: Mentions) -> str | None:
    for slot in cand.entry.object:
        for arg in _slot(cand.token, slot, cand.required):
            if target is not None and arg.i == target.i:
                continue
            if mentions.at(arg) is None:  # "Kyrgyzstan's Danaker Order" is a thing, not a party
                return _phrase(arg, target)
    return None


def _slot(token: Token, slot: str, required: Token | None) -> Iterator[Token]:
    """Argument tokens in one place of the parse ('dobj', 'prep:with', 'req:prep:with', 'req')."""
    if slot == "req":
        if required is not None:
            yield required
        return
    anchor = token
    if slot.startswith("req:"):
        if required is None:
            return
        anchor, slot = required, slot[4:]
    dep, _, word = slot.partition(":")
    children = list(anchor.children)
    if dep == "prep":  # "signed an agreement with Japan": the 'with' hangs on the object
        children += [g for c in children if c.dep_ == "dobj" for g in c.children]
    for child in children:
        if dep == "prep" and child.dep_ in ("prep", "agent") and child.lower_ == word:
            yield from (c for c in child.children if c.dep_ in ("pobj", "pcomp"))
        elif dep in ("dobj", "nsubjpass") and child.dep_ in ("dobj", "nsubjpass"):
            yield child
        elif dep in ("amod", "compound") and child.dep_ in ("amod", "compound", "nmod"):
            yield child
        elif dep == child.dep_ and dep != "prep":
            yield child


def _actors(token: Token, mentions: Mentions, place: bool = False) -> tuple[Actor, ...]:
    """The actors a noun phrase names, including coordinated ones ("A and B")."""
    found: dict[str, Actor] = {}
    heads = [token, *token.conjuncts]
    # "US President Barack Obama and ... Xi Jinping": the "and" may hang on any word of the name
    mention = mentions.at(token)
    inside = [token.doc[i] for i in range(mention.start, mention.end)] if mention else []
    inside += [c for c in token.children if c.dep_ == "appos"]
    heads += [c for word in inside for c in word.conjuncts if c not in heads and c not in inside]
    for head in heads:
        for actor in _head_actors(head, mentions, place):
            found.setdefault(actor.id, actor)
    return tuple(found.values())


def _head_actors(head: Token, mentions: Mentions, place: bool) -> tuple[Actor, ...]:
    """One phrase head's actors: its mention; else the party a modifier names ("Iranian sites",
    "Taliban hideouts"); else the party after "of" ("the government of Iraq"); else, for targets,
    the country of a known place ("visited Shanghai", "shelled Aleppo")."""
    mention = mentions.at(head)
    if mention is not None:
        return () if mention.how == "media" else mention.actors
    if head.pos_ not in ("NOUN", "PROPN"):
        return ()
    happening = bool(entries_for(head.lemma_.lower(), "noun"))
    for child in head.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            mention = mentions.at(child)
            if mention is not None and mention.how not in ("media", "pronoun") and \
                    not (happening and mention.how in PLACE_KINDS):
                return mention.actors  # but "a Kabul bombing" happened in Kabul, not by it
            if child.pos_ == "PROPN" and child.dep_ == "compound" and not happening and \
                    head.lemma_.lower() not in NAMED_FOR_PLACE:  # "an Istanbul court", but
                # not "the Minsk agreements": a place a document is named after
                hit = gazetteer.place(_entity_text(child))
                if hit is not None and hit.country and hit.kind != "country":
                    return (Actor.country_actor(hit.country,
                                                gazetteer.country_name(hit.country)),)
    named = next((m for c in head.children if c.dep_ == "appos"
                  for m in [mentions.at(c)] if m is not None and m.how != "media"), None)
    if named is not None and any(a.country for a in named.actors):
        return named.actors  # "a spokesman, Qari Ahmadi," when Ahmadi's country is known
    if head.lemma_.lower() in OWNER_HEADS or gazetteer.title_role(head.text):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "for":  # "a spokesman for the Taliban"
                found = next((_actors(p, mentions) for p in child.children
                              if p.dep_ == "pobj"), ())
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if child.lower_ == "of":
                        return _actors(pobj, mentions)
                    hit = gazetteer.place(_entity_text(pobj))  # "a court in Britain"
                    if hit is not None and hit.country:
                        return (Actor.country_actor(hit.country,
                                                    gazetteer.country_name(hit.country)),)
    if named is not None:
        return named.actors
    if place and head.pos_ == "PROPN":
        hit = gazetteer.place(_entity_text(head))
        if hit is not None and hit.country:
            return (Actor.country_actor(hit.country, gazetteer.country_name(hit.country)),)
    if place and head.lemma_.lower() in AREA_WORDS:  # "the old-city area of Mosul"
        for word in _area_names(head):
            hit = gazetteer.place(_entity_text(word))
            if hit is not None and hit.country:
                return (Actor.country_actor(hit.country, gazetteer.country_name(hit.country)),)
    return ()


def _area_names(head: Token) -> Iterator[Token]:
    """Proper names that say where an area is: "Ghouta region", "the area of Mosul"."""
    for child in head.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
            yield from (p for p in child.children if p.dep_ == "pobj" and p.pos_ == "PROPN")


def _phrase(token: Token, target: Token | None = None) -> str:
    """The text of an object phrase, without leading articles, 'to', possessive countries, or
    the phrase that names the target ("sanctions on Russia" -> "sanctions")."""
    tokens = list(token.subtree)
    if target is not None and target.head.dep_ == "prep" and target.head.head.i == token.i:
        dropped = {t.i for t in target.head.subtree}
        tokens = [t for t in tokens if t.i not in dropped]
    if token.dep_ == "xcomp" or token.pos_ == "VERB":
        tokens = [t for t in tokens if not (t.dep_ == "aux" and t.lower_ == "to")]
    while tokens and (tokens[0].dep_ in ("det", "punct", "case") or tokens[0].is_space
                      or (tokens[0].dep_ == "poss" and gazetteer.country_code(tokens[0].text))):
        tokens = tokens[1:]
        if tokens and tokens[0].dep_ == "case":
            tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return token.text
    return token.doc[tokens[0].i:tokens[-1].i + 1].text.strip()


# --- the Event -------------------------------------------------------------------------------

def _build(found: Found, sent: Span, index: int, article: Article,
           siblings: list[Found], context_date: str | None) -> Event:
    token, entry = found.token, found.entry
    negated, modality = modality_of(token)
    cameo = found.cameo
    if negated and modality == "future" and 3 <= int(cameo[:2]) <= 8:
        # "will not accept refugees", "will not end the strike": an announced refusal, coded
        # as the rejection it is (CAMEO 12), not as a cooperation that did not happen
        cameo = frame_code("refuse", cameo) or "120"
        negated, modality = False, "reported" if reported(token) else "asserted"
    elif modality == "future":
        cameo = announced_code(cameo)
    code = codes.cameo(cameo)
    when, basis = event_date(token, sent, article.date, modality, context_date)
    location, written = _location(found, siblings)
    if code.code == "040" and written and _third_party(location, found):
        code = codes.cameo("044")  # met on ground that belongs to neither side
    own = code.code == entry.cameo  # the row's own code, not one a frame or place made
    event = Event(
        article_id=article.id, sentence_index=index, sentence=sent.text.strip(),
        span=(token.idx, token.idx + len(token.text)), trigger=token.text,
        predicate=entry.predicate if own else code.name.lower(),
        plover_type=entry.plover if own and entry.plover else code.plover_type,
        plover_mode=entry.mode if own and entry.mode else code.plover_mode,
        plover_context=code.plover_context,
        cameo_code=code.code, goldstein=code.goldstein, quad_class=code.quad_class,
        source=found.source, target=found.target, object=found.object,
        date=when, date_basis=basis, location=location,
        negated=negated, modality=modality, confidence=found.confidence)
    return replace(event, story_key=story_key(event))


def announced_code(cameo: str) -> str:
    """CAMEO and PLOVER code an announced action as the intent to act: "will visit" is 036
    (PLOVER AGREE), "will impose sanctions" 1312 (THREATEN). Other codes stay as they are."""
    root = int(cameo[:2])
    if 4 <= root <= 8 or root >= 14:
        return frame_code("pledge", cameo) or cameo
    return cameo


def _third_party(location: Location | None, found: Found) -> bool:
    """Do all parties have a country, and is the meeting place in none of them?"""
    if location is None or location.country is None:
        return False
    countries = [a.country for a in found.source + found.target]
    return len(countries) > 1 and all(countries) and location.country not in countries


def _location(found: Found, siblings: list[Found]) -> tuple[Location | None, bool]:
    """'in Beijing' near the trigger; the place a visit went to; else the country a visit in
    the same sentence went to. The flag says whether the place was written for this event."""
    words = clause_chain(found.token)
    words += [c for c in found.token.children if c.dep_ in ("dobj", "nsubjpass")]  # "met X in Y"
    for word in words:
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    hit = gazetteer.place(_entity_text(pobj))
                    if hit is not None:
                        return Location(name=hit.name, country=hit.country), True
                    if pobj.ent_type_ in ("GPE", "LOC", "FAC"):  # a place we cannot place
                        return Location(name=_entity_text(pobj), country=None), True
    if found.cameo == "042" and found.target_token is not None:
        hit = gazetteer.place(_entity_text(found.target_token))
        if hit is not None:
            return Location(name=hit.name, country=hit.country), True
    for other in siblings:
        if other.cameo == "042" and other.target and other.target[0].type == "country":
            return Location(name=other.target[0].name, country=other.target[0].country), False
    return None, False


def _entity_text(token: Token) -> str:
    """The whole named entity a token belongs to ("Sharm el-Sheikh", not "Sheikh")."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text
