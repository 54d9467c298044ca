"""Is an event asserted, reported, announced for the future, hypothetical, or negated?

Researchers count what happened; an event that "will" happen, "would" happen "if", or "did not"
happen must not swell a timeline. The clues are in the parse: auxiliaries, the verbs a trigger
hangs from ("plans to visit", "refused to sign"), "if"/"unless", and the verb of saying whose
clause holds the event ("Xinhua reported").

>>> from diplograph.ingest.nlp import load_model
>>> doc = load_model()("Japan did not meet China.")
>>> modality_of(doc[3])
(True, 'asserted')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SPEECH_VERBS = frozenset({"say", "report", "tell", "announce", "add", "state", "claim", "quote",
                          "note", "stress", "emphasize", "emphasise", "declare", "confirm",
                          "disclose", "reveal", "insist", "write", "tweet", "explain", "indicate"})
FUTURE_VERBS = frozenset({"plan", "intend", "expect", "schedule", "aim", "prepare", "hope",
                          "set", "due", "want", "seek", "propose", "agree", "consider",
                          "mull", "going"})
# "must" and "should" state what someone wants to happen, not what did.
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Verbs that deny the event they govern: "refused to sign" is a signing that did not happen.
NEGATING_VERBS = frozenset({"refuse", "decline", "fail", "reject", "deny", "cancel", "postpone",
                            "avoid", "refrain", "stop", "abandon", "scrap", "call"})
# Words before an event noun that put it ahead ("the planned visit") or in doubt.
FUTURE_MODIFIERS = frozenset({"planned", "upcoming", "forthcoming", "scheduled", "expected",
                              "proposed", "future", "prospective", "coming", "next"})
DOUBT_MODIFIERS = frozenset({"possible", "potential", "likely", "hypothetical", "would-be"})
# Words a trigger may hang from that put it in doubt: "is likely to visit", "is unlikely to sign".
DOUBT_HEADS = frozenset({"likely", "unlikely", "possible", "probable", "poised", "ready",
                         "willing", "eager", "keen"})
# Verbs that stop what their to-infinitive names: in "vetoed a resolution to impose sanctions"
# (which the parser often hangs on the verb), the sanctions are what was blocked.
BLOCKING_VERBS = frozenset({"veto", "block", "reject", "oppose", "thwart", "torpedo", "defeat",
                            "stall", "scuttle"})
# Nouns that propose an act, which their to-infinitive then names without it happening: "vetoed
# a resolution to impose sanctions", "a plan to build", "a bid to join". Efforts and attempts are
# not here: "efforts to broker a deal" are the brokering, under way.
PROPOSAL_NOUNS = frozenset({"resolution", "proposal", "plan", "draft", "bill", "motion", "bid",
                            "initiative", "offer", "request", "call", "demand", "idea", "option",
                            "threat", "measure", "scheme"})
_MAX_CLIMB = 6


def clause_chain(token: Token) -> list[Token]:
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


def control_chain(token: Token) -> list[Token]:
    """The trigger and the verbs that control it directly: "did not want to meet", "refused to
    sign", "did not hold talks". Coordinated or adverbial clauses are not part of it: in
    "refused to comment but met Xi" the meeting is not refused."""
    chain = [token]
    current = token
    for _ in range(_MAX_CLIMB):
        head = current.head
        if head.i == current.i:
            break
        if current.dep_ in ("xcomp", "dobj", "attr", "nsubjpass", "acomp"):
            chain.append(head)
            current = head
        elif current.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.head.i != head.i:
            chain.append(head.head)  # "refrained from meeting"
            current = head.head
        else:
            break
    return chain


def reported(token: Token) -> bool:
    """Is the trigger inside what someone said or reported ("..., Xinhua reported")?"""
    chain = clause_chain(token)
    top = chain[-1]
    if top.head.i != top.i and top.head.lemma_ in SPEECH_VERBS:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "according" for w in chain for c in w.children)


def modality_of(token: Token) -> tuple[bool, str]:
    """(negated, modality) of the event a trigger starts."""
    return _negated(token), _modality(token)


def _negated(token: Token) -> bool:
    negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                  for c in token.children)
    negated = negated or any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no"
                                                      for d in c.children)
                             for c in token.children)  # "expressed no regret"
    if any(word.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in word.children)
           for word in clause_chain(token)[1:]):
        negated = True  # "there was no sign Iran was willing to negotiate"
    for word in control_chain(token)[1:]:
        has_neg = any(c.dep_ == "neg" for c in word.children)
        if word.lemma_ in NEGATING_VERBS and (word.lemma_ != "call" or _particle(word, "off")):
            negated = not has_neg  # "did not refuse to sign" is a signing
        elif has_neg:
            negated = not negated
    return negated


def _particle(word: Token, text: str) -> bool:
    return any(c.dep_ == "prt" and c.lower_ == text for c in word.children)


def _modality(token: Token) -> str:
    said = reported(token)
    modality = "reported" if said else "asserted"
    if token.pos_ in ("NOUN", "PROPN"):
        words = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
        if words & DOUBT_MODIFIERS:
            return "hypothetical"
        if words & FUTURE_MODIFIERS:
            modality = "future"
    chain = clause_chain(token)
    for below, word in zip([None, *chain], chain):
        children = list(word.children)
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in children):
            return "hypothetical"
        if below is not None and (word.lemma_.lower() in DOUBT_HEADS and word.pos_ == "ADJ" or (
                word.lemma_.lower() in PROPOSAL_NOUNS and below.dep_ == "acl"
                and _to_infinitive(below))):
            return "hypothetical"  # "is likely to visit", "a resolution to impose sanctions"
        if word.dep_ == "advcl" and _to_infinitive(word) and word.head.lemma_ in BLOCKING_VERBS:
            return "hypothetical"  # "vetoed a resolution to impose ...", parsed as a purpose
        auxes = {c.lower_ for c in children if c.dep_ == "aux"}
        if said and "would" in auxes and not auxes & (HYPOTHETICAL_AUX - {"would"}):
            modality = "future"  # "X said it would attend": the future seen from the past
        elif auxes & HYPOTHETICAL_AUX:
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in children) \
                or (word.i != token.i and word.lemma_ in FUTURE_VERBS) \
                or (word.i != token.i and word.lemma_ == "be" and _is_to_be(token, word)) \
                or (word.dep_ == "advcl" and _to_infinitive(word)):
            modality = "future"  # "sent troops to fight": the fighting is the purpose
    return modality


def _to_infinitive(word: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children)


def _is_to_be(token: Token, be: Token) -> bool:
    """'X is to visit Y': 'be' with a to-infinitive complement announces the event."""
    return any(c.dep_ == "xcomp" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
               and (c.i == token.i or token in c.subtree) for c in be.children)
