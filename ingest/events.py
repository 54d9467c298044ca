"""Code events from a parsed article: triggers from the lexicon, roles from the parse.

An event needs a trigger the lexicon knows, a source actor, and a target actor unless its lexicon
row says it can stand alone. Everything else the sentence offers (object, date, place, negation,
modality) is attached when the parse supports it and left empty when it does not: a missed detail
costs less than an invented one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.graph import codes
from diplograph.graph.model import Actor, Article, Event, Location
from diplograph.ingest import dates, gazetteer
from diplograph.ingest.actors import Mentions
from diplograph.ingest.lexicon import TriggerEntry, entries_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = frozenset({"say", "report", "tell", "announce", "add", "state", "claim", "quote",
                          "note", "stress", "emphasize", "emphasise", "declare", "confirm"})
FUTURE_VERBS = frozenset({"plan", "intend", "expect", "schedule", "aim", "prepare", "hope",
                          "set", "due", "want", "seek", "propose", "offer"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})
NEGATING_VERBS = frozenset({"refuse", "decline", "fail", "reject", "deny", "cancel", "postpone",
                            "call off"})
LIGHT_VERBS = frozenset({"pay", "make", "hold", "have", "conduct", "begin", "start", "end",
                         "undertake", "complete", "host"})
# prepositions that make a date a limit or a background, not when the event happened
NOT_WHEN = frozenset({"until", "till", "by", "before", "after", "since", "through", "throughout",
                      "ahead", "prior", "from", "to"})
SAME_DAY = "same day"
_MAX_CLIMB = 6


@dataclass
class _Found:
    """An event under construction, before it is frozen into an Event."""

    token: Token
    entry: TriggerEntry
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    object: str | None
    confidence: float


def extract_events(doc: Doc, article: Article, mentions: Mentions) -> list[Event]:
    """All events of one parsed article, de-duplicated within the article."""
    events: list[Event] = []
    context_date: str | None = None
    for index, sent in enumerate(doc.sents):
        sentence_events = list(_sentence_events(sent, mentions))
        for found in sentence_events:
            event = _build(found, sent, index, article, sentence_events, context_date)
            events.append(event)
        dated = [e.date for e in events if e.date_basis == "text" and e.sentence_index == index]
        if dated:
            context_date = dated[-1]
    return _dedupe(events)


def _sentence_events(sent: Span, mentions: Mentions) -> Iterator[_Found]:
    claimed: set[int] = set()
    for token in sent:
        pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None or token.i in claimed:
            continue
        entry, required = _match(token, pos)
        if entry is None:
            continue
        if required is not None:
            claimed.add(required.i)  # "held talks": the noun is part of this verb's event
        if pos == "noun" and token.head.i in claimed:
            continue
        found = _roles(token, entry, required, mentions)
        if found:
            yield found


def _match(token: Token, pos: str) -> tuple[TriggerEntry | None, Token | None]:
    """The first lexicon row whose conditions the token meets, and the word that met them."""
    for entry in entries_for(token.lemma_.lower(), pos) or entries_for(token.lower_, pos):
        required: Token | None = None
        ok = True
        for dep, words in entry.requires:
            hit = _child(token, dep, words)
            if hit is None:
                ok = False
                break
            if dep in ("dobj", "nsubjpass"):
                required = hit
        if ok:
            return entry, required
    return None, None


def _child(token: Token, dep: str, words: frozenset[str]) -> Token | None:
    """A child with this dependency (and, when words are given, one of these lemmas)."""
    for child in token.children:
        if dep == "pobj" and child.dep_ == "prep":
            hit = _child(child, "pobj", words)
            if hit is not None:
                return hit
        if child.dep_ == dep or (dep == "dobj" and child.dep_ == "nsubjpass"):
            if not words or child.lemma_.lower() in words or child.lower_ in words:
                return child
    return None


def _roles(token: Token, entry: TriggerEntry, required: Token | None,
           mentions: Mentions) -> _Found | None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    source = _source(token, entry, passive, mentions)
    if not source:
        return None
    target: tuple[Actor, ...] = ()
    target_token: Token | None = None
    object_text = None
    slots = list(entry.target)
    if passive and entry.pos == "verb":
        slots = ["nsubjpass"] + [s for s in slots if s != "dobj"]
    for slot in slots:
        for arg in _slot(token, slot, required):
            actors = _actors(arg, mentions)
            if actors:
                target, target_token = actors, arg
                break
        if target:
            break
    for slot in entry.object:
        for arg in _slot(token, slot, required):
            if not _actors(arg, mentions):
                object_text = _phrase(arg, target_token)
                break
        if object_text:
            break
    source_ids = {a.id for a in source}
    target = tuple(a for a in target if a.id not in source_ids)
    if not target and not (entry.joint and len(source) > 1) and not entry.solo:
        return None
    confidence = 0.8 if entry.pos == "verb" else 0.65
    return _Found(token, entry, source, target, object_text, confidence)


def _source(token: Token, entry: TriggerEntry, passive: bool,
            mentions: Mentions) -> tuple[Actor, ...]:
    """Who acts: the subject, the 'by' agent of a passive, or a noun's possessor.

    Verbs without a subject of their own ("... met Xi and awarded ...", "agreed to deepen")
    borrow the subject of the verb they hang from.
    """
    if passive:
        for child in token.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _actors(pobj, mentions)
        return ()
    if entry.pos == "noun":
        for child in token.children:
            if child.dep_ == "poss":
                return _actors(child, mentions)
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _actors(pobj, mentions)
        if token.dep_ in ("dobj", "attr") and token.head.lemma_ in LIGHT_VERBS:
            return _subject(token.head, mentions)
        return ()
    return _subject(token, mentions)


def _subject(verb: Token, mentions: Mentions) -> tuple[Actor, ...]:
    current = verb
    for _ in range(_MAX_CLIMB):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return _actors(child, mentions)
        if current.dep_ in ("xcomp", "conj", "acl", "advcl", "dobj", "pcomp", "relcl", "acomp") \
                and current.head.i != current.i:
            if current.dep_ == "relcl":
                return _actors(current.head, mentions)
            current = current.head
            continue
        break
    return ()


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
        elif dep == child.dep_ and dep != "prep":
            yield child


def _actors(token: Token, mentions: Mentions) -> tuple[Actor, ...]:
    """The actors a noun phrase names, including coordinated ones ("A and B")."""
    found: dict[str, Actor] = {}
    for head in [token, *token.conjuncts]:
        mention = mentions.at(head)
        if mention and mention.how != "media":
            for actor in mention.actors:
                found.setdefault(actor.id, actor)
    return tuple(found.values())


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
    doc = token.doc
    return doc[tokens[0].i:tokens[-1].i + 1].text.strip()


def _build(found: _Found, sent: Span, index: int, article: Article,
           siblings: list[_Found], context_date: str | None) -> Event:
    token, entry = found.token, found.entry
    code = codes.cameo(entry.cameo)
    negated, modality = _modality(token)
    event_date, basis = _date(token, sent, article, modality, context_date)
    return Event(
        article_id=article.id, sentence_index=index, sentence=sent.text.strip(),
        span=(token.idx, token.idx + len(token.text)), trigger=token.text,
        predicate=entry.predicate, plover_type=entry.plover or code.plover_type,
        plover_mode=entry.mode if entry.plover else entry.mode or code.plover_mode,
        plover_context=code.plover_context,
        cameo_code=code.code, goldstein=code.goldstein, quad_class=code.quad_class,
        source=found.source, target=found.target, object=found.object,
        date=event_date, date_basis=basis, location=_location(token, sent, siblings),
        negated=negated, modality=modality, confidence=found.confidence)


def _clause_chain(token: Token) -> list[Token]:
    """The trigger and the words it hangs from, up to the sentence root or a verb of saying.

    What the reporting clause says ("officials said on Wednesday", "will say") is about the
    report, not the event reported, so the chain stops below it.
    """
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < _MAX_CLIMB + 2:
        head = chain[-1].head
        if head.lemma_ in SPEECH_VERBS and chain[-1].dep_ in ("ccomp", "parataxis", "advcl"):
            break
        chain.append(head)
    return chain


def _reported(token: Token) -> bool:
    """Is the trigger inside what someone said or reported?"""
    chain = _clause_chain(token)
    top = chain[-1]
    return top.head.i != top.i and top.head.lemma_ in SPEECH_VERBS


def _modality(token: Token) -> tuple[bool, str]:
    """Negation and modality from auxiliaries and the verbs the trigger is embedded under."""
    negated = any(c.dep_ == "neg" for c in token.children)
    modality = "reported" if _reported(token) else "asserted"
    for word in _clause_chain(token):
        children = list(word.children)
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in children) or \
                any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in children):
            return negated, "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in children) or \
                (word.i != token.i and word.lemma_ in FUTURE_VERBS):
            modality = "future"
        if word.i != token.i and word.lemma_ in NEGATING_VERBS:
            # "refused to sign" is a negated signing; "did not refuse to sign" is not
            negated = not any(c.dep_ == "neg" for c in children)
    return negated, modality


def _date(token: Token, sent: Span, article: Article, modality: str,
          context_date: str | None) -> tuple[str | None, str | None]:
    """The date written nearest the trigger in its clause, else the article's own dates.

    A date written in the sentence but not tied to this trigger by the parse leaves the event
    undated: the text says it happened at some time, and we cannot tell which.
    """
    chain = _clause_chain(token)
    best: tuple[int, str, str] | None = None
    untied = False
    for ent in sent.ents:
        if ent.label_ != "DATE" or ent.root.head.lower_ in NOT_WHEN:
            continue  # "until 2030", "since 1992": a bound, not the event's date
        if SAME_DAY in ent.text.lower():
            resolved, basis = context_date, "context"
        else:
            resolved, basis = dates.resolve(ent.text, article.date, modality == "future"), "text"
        ancestors = list(ent.root.ancestors)
        rank = next((k for k, word in enumerate(chain) if word in ancestors), None)
        if rank is None or resolved is None:
            untied = True  # "next week", or a date of another clause: not ours to state
        elif best is None or rank < best[0]:
            best = (rank, resolved, basis)
    if best:
        return best[1], best[2]
    if untied or modality in ("future", "hypothetical"):
        return None, None  # the text puts it at another time, or it has not happened
    if context_date:
        return context_date, "context"
    if article.date:
        return article.date, "article"
    return None, None


def _location(token: Token, sent: Span, siblings: list[_Found]) -> Location | None:
    """'in Beijing' near the trigger; else the country a visit in the same sentence went to."""
    chain = _clause_chain(token)
    for word in chain:
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    hit = gazetteer.place(pobj.text)
                    if hit:
                        return Location(name=hit.name, country=hit.country)
                    if pobj.ent_type_ in ("GPE", "LOC", "FAC"):  # a place we cannot place
                        return Location(name=_entity_text(pobj), country=None)
    for other in siblings:
        if other.entry.cameo == "042" and other.target and other.target[0].type == "country":
            return Location(name=other.target[0].name, country=other.target[0].country)
    return None


def _entity_text(token: Token) -> str:
    """The whole named entity a token belongs to ("Sharm el-Sheikh", not "Sheikh")."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (code, actors, negation, modality) in an article; the best dated wins."""
    rank = {"text": 0, "context": 1, "article": 2, None: 3}
    best: dict[tuple, Event] = {}
    for event in events:
        kept = best.get(_key(event))
        if kept is None or rank[event.date_basis] < rank[kept.date_basis]:
            best[_key(event)] = event
    return [e for e in events if best.get(_key(e)) is e]


def _key(event: Event) -> tuple:
    return (event.cameo_code, frozenset(a.id for a in event.source),
            frozenset(a.id for a in event.target), event.negated, event.modality)

