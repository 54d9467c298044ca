"""Events the learned coder finds: the model picks type and direction, the parse does the rest.

For every candidate pair of a sentence (diplograph.ingest.candidates) the coder
(diplograph.ingest.coder) says which PLOVER type links the source to the target, or to no one,
or that nothing does. A pair judged an event becomes a `Found` like the rules' own: its trigger
is the lexicon word of that type nearest to both parties in the parse (so "awarded" keeps its
CAMEO code, mode and object "the Danaker Order"), else the word that governs both; CAMEO code,
Goldstein and QuadClass follow from the type and the trigger; negation, modality, date and place
are read off the trigger by the same code as for the rules (diplograph.ingest.events.assemble).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from diplograph.graph import codes
from diplograph.graph.model import Article, Event
from diplograph.ingest.actors import Mentions
from diplograph.ingest.candidates import Pair, Party, pairs, parties, sentence_text
from diplograph.ingest.coder import NONE, Coder, Judgement
from diplograph.ingest.events import Candidate, Found, assemble, lexicon_candidates, object_phrase
from diplograph.ingest.lexicon import TriggerEntry

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Types whose two sides do the same thing to each other: "A met B" and "B met A" are one event.
MUTUAL = frozenset({"CONSULT", "COOPERATE", "ASSAULT"})
_MAX_CLIMB = 12


def extract_learned(parsed: Sequence[tuple[Doc, Article, Mentions]], coder: Coder
                    ) -> list[list[Event]]:
    """All events of each parsed article, as the learned coder reads them.

    The articles of a batch are judged together, so the encoder runs on full batches of
    similar length instead of one small batch per article.
    """
    sentences = [list(doc.sents) for doc, _, _ in parsed]
    candidates = [[list(pairs(parties(sent, mentions))) for sent in sents]
                  for sents, (_, _, mentions) in zip(sentences, parsed)]
    judged = iter(coder.judge([(sentence_text(sent), [_spans(sent, p) for p in found])
                               for sents, per_sentence in zip(sentences, candidates)
                               for sent, found in zip(sents, per_sentence)]))
    events = []
    for sents, per_sentence, (doc, article, mentions) in zip(sentences, candidates, parsed):
        found_by_sentence = [_events(sent, list(zip(found, next(judged))), mentions)
                             for sent, found in zip(sents, per_sentence)]
        events.append(assemble(doc, article, found_by_sentence))
    return events


def _spans(sent: Span, pair: Pair) -> tuple[tuple[int, int], tuple[int, int] | None]:
    base = sent[0].idx
    source = (pair.source.start_char - base, pair.source.end_char - base)
    if pair.target is None:
        return source, None
    return source, (pair.target.start_char - base, pair.target.end_char - base)


def _events(sent: Span, judged: Sequence[tuple[Pair, Judgement]], mentions: Mentions
            ) -> list[Found]:
    """One Found per act: directed pairs with the same source, type and trigger share one,
    as do the parties of a joint act; a mutual act read both ways counts once."""
    positive = [(pair, j) for pair, j in judged if j.type != NONE]
    if not positive:
        return []
    lexicon = lexicon_candidates(sent, mentions)
    groups: dict[tuple, list[tuple[Pair, Judgement, Token, Candidate | None]]] = {}
    for pair, judgement in sorted(positive, key=lambda pj: -pj[1].probability):
        token, candidate = _trigger(sent, pair, judgement.type, lexicon)
        if pair.target is None:
            key: tuple = (judgement.type, token.i, None)
        else:
            key = (judgement.type, token.i, pair.source.start)
        groups.setdefault(key, []).append((pair, judgement, token, candidate))
    directed = {(t, i) for (t, i, s) in groups if s is not None}
    kept: list[Found] = []
    seen_mutual: set[tuple] = set()
    for (kind, trigger, source), members in groups.items():
        if source is None and (kind, trigger) in directed:
            continue  # "A met B": the pair says more than A alone
        if kind in MUTUAL and source is not None:
            sides = frozenset({m[0].source.start for m in members} |
                              {m[0].target.start for m in members if m[0].target})
            if (kind, trigger, sides) in seen_mutual:
                continue
            seen_mutual.add((kind, trigger, sides))
        kept.append(_found(members, kind, mentions))
    return sorted(kept, key=lambda f: f.token.i)


def _found(members: list[tuple[Pair, Judgement, Token, Candidate | None]], kind: str,
           mentions: Mentions) -> Found:
    _, best, token, candidate = members[0]
    sources = _actors(m[0].source for m in members)
    targets = _actors(m[0].target for m in members if m[0].target is not None)
    target_token = next((token.doc[m[0].target.start] for m in members
                         if m[0].target is not None), None)
    entry = candidate.entry if candidate is not None else _entry(token, kind)
    object_text = object_phrase(candidate, target_token, mentions) if candidate else None
    source_ids = {a.id for a in sources}
    targets = tuple(a for a in targets if a.id not in source_ids)
    return Found(token, entry, entry.cameo, sources, targets, target_token, object_text,
                 round(best.probability, 3))


def _actors(found) -> tuple:
    seen: dict[str, object] = {}
    for party in found:
        for actor in party.actors:
            seen.setdefault(actor.id, actor)
    return tuple(seen.values())


def _entry(token: Token, kind: str) -> TriggerEntry:
    """A lexicon row for a trigger the lexicon does not know with this type: the type's
    default CAMEO code, no mode, no argument slots."""
    code = codes.default_cameo(kind)
    pos = "verb" if token.pos_ == "VERB" else "adj" if token.pos_ == "ADJ" else "noun"
    return TriggerEntry(lemma=token.lemma_.lower(), pos=pos, requires=(), cameo=code.code,
                        frame=None, mode=None, plover=kind, predicate=code.name.lower(),
                        source=(), target=(), object=(), joint=True, solo=True)


def _trigger(sent: Span, pair: Pair, kind: str, lexicon: list[Candidate]
             ) -> tuple[Token, Candidate | None]:
    """The word that carries the act: the nearest lexicon word of the judged type in the
    parse, else the word that governs both parties (or, alone, the source's verb)."""
    source = _head(sent, pair.source)
    target = _head(sent, pair.target) if pair.target is not None else None
    matching = [c for c in lexicon if _type_of(c) == kind]
    if matching:
        best = min(matching, key=lambda c: (_distance(c.token, source) +
                                            (_distance(c.token, target) if target else 0),
                                            abs(c.token.i - source.i)))
        return best.token, best
    if target is not None:
        common = _common_ancestor(source, target)
        if common is not None and common.pos_ in ("VERB", "NOUN") and \
                not _inside(common, pair.source) and not _inside(common, pair.target):
            return common, None
        return _governing_verb(common or source), None
    return _governing_verb(source), None


def _inside(token: Token, party: Party | None) -> bool:
    return party is not None and party.start <= token.i < party.end


def _type_of(candidate: Candidate) -> str | None:
    return candidate.entry.plover or codes.cameo(candidate.entry.cameo).plover_type


def _head(sent: Span, party: Party) -> Token:
    return sent.doc[party.start:party.end].root


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    for _ in range(_MAX_CLIMB):
        if chain[-1].head.i == chain[-1].i:
            break
        chain.append(chain[-1].head)
    return chain


def _distance(a: Token, b: Token) -> int:
    """Edges between two words in the parse (a large number when they do not meet)."""
    up_a = {t.i: k for k, t in enumerate(_ancestors(a))}
    for k, t in enumerate(_ancestors(b)):
        if t.i in up_a:
            return k + up_a[t.i]
    return 2 * _MAX_CLIMB + abs(a.i - b.i)


def _common_ancestor(a: Token, b: Token) -> Token | None:
    up_a = {t.i for t in _ancestors(a)}
    return next((t for t in _ancestors(b) if t.i in up_a), None)


def _governing_verb(token: Token) -> Token:
    """The nearest verb at or above a word; the sentence's root when none is."""
    chain = _ancestors(token)
    return next((word for word in chain if word.pos_ == "VERB"), chain[-1])
