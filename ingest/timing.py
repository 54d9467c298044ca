"""When an event happened: the date expression the parse ties to its trigger.

A date written in the event's clause wins; a date carried from the article's earlier sentences or
the publication date are weaker fallbacks, and `date_basis` says which was used. Some events carry
their own past: "the 25th anniversary of the establishment of diplomatic relations" dates the
establishment 25 years back, and "had met" is background. Those never receive the article's date.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from diplograph.ingest import dates
from diplograph.ingest.lexicon import entries_for
from diplograph.ingest.modality import clause_chain, modality_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# prepositions that make a date a limit or a background, not when the event happened
NOT_WHEN = frozenset({"until", "till", "by", "before", "after", "since", "through", "throughout",
                      "ahead", "prior", "from", "to"})
SAME_DAY = "same day"
BACKGROUND_ADVERBS = frozenset({"previously", "formerly", "once", "earlier", "already"})
_UNITS = frozenset({"year", "month", "week"})
_SHIFTS = frozenset({"this", "last", "next"})
_DAYS = frozenset({"yesterday", "today", "tomorrow", "tonight", "monday", "tuesday", "wednesday",
                   "thursday", "friday", "saturday", "sunday"})
_ORDINALS = {w: n for n, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
     "seventeenth", "eighteenth", "nineteenth", "twentieth"], start=1)}
_ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                  "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100})


def event_date(token: Token, sent: Span, article_date: str | None, modality: str,
               context_date: str | None) -> tuple[str | None, str | None]:
    """(ISO date or None, basis) for the event a trigger starts.

    A date written in the sentence but not tied to this trigger by the parse leaves the event
    undated: the text says it happened at some time, and we cannot tell which.
    """
    anniversary = _anniversary(token)
    if anniversary is not None:
        years, noun = anniversary
        base, basis = event_date(noun, sent, article_date, "asserted", context_date)
        if base is None:
            return None, None
        return f"{int(base[:4]) - years:04d}", basis
    chain = clause_chain(token)
    best: tuple[int, str, str] | None = None
    untied = False
    for text, root in date_phrases(sent):
        if root.head.lower_ in NOT_WHEN:
            continue  # "until 2030", "since 1992": a bound, not the event's date
        ancestors = list(root.ancestors)
        rank = next((k for k, word in enumerate(chain) if word in ancestors), None)
        if SAME_DAY in text.lower():
            resolved, basis = context_date, "context"
        else:
            resolved, basis = dates.resolve(text, article_date, _ahead(chain, rank, modality)), \
                "text"
        if resolved is None and dates.is_span(text):
            continue  # "a five-year deal", "for the second time in weeks": no date at all
        if rank is not None and _subordinate(root, chain[rank]):
            continue  # "linked to the coup in 2015", "last year's decision": another event's
        if rank is None or resolved is None:
            untied = True  # "next week", or a date of another clause: not ours to state
        elif best is None or rank < best[0]:
            best = (rank, resolved, basis)
    if best:
        return best[1], best[2]
    if untied or modality in ("future", "hypothetical") or background(token):
        return None, None  # the text puts it at another time, or it has not happened
    if context_date:
        return context_date, "context"
    if article_date:
        return article_date, "article"
    return None, None


# How a word joins a clause or an aside of its own: a date below one belongs to that clause's
# event ("diplomats who were linked to the coup in 2016", "Ghouta, scene of the 2013 attack").
CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp", "csubj", "appos"})
# How a date modifies a noun: "last year's decision", "the 2013 attack".
MODIFIER_DEPS = frozenset({"poss", "compound", "nummod", "amod"})
# How an event noun takes part in the event's own clause, rather than being a happening of its
# own that the clause mentions ("signed the agreement on Monday" vs "linked to the coup in 2015").
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "ROOT"})
# Prepositions that set the event inside another ("during his visit on January 6"): that
# happening's date is the event's.
FRAMING_PREPS = frozenset({"during", "amid", "at"})
# Happenings the lexicon does not code but news dates in passing ("the siege of Aleppo in 2016").
HISTORY_NOUNS = frozenset({"siege", "war", "coup", "election", "revolution", "invasion", "crisis",
                           "uprising", "massacre", "referendum", "genocide", "occupation",
                           "annexation", "independence", "collapse", "fall", "battle", "disaster"})


def _ahead(chain: list[Token], rank: int | None, modality: str) -> bool:
    """Does the date look forward? Yes when the word it hangs from is announced or hypothetical
    ("will visit on Friday", "is due to visit on Monday"): a weekday is then the coming one. A
    date on a verb above the announcement looks back ("efforts to broker a deal stumbled on
    Wednesday")."""
    if rank is None or rank == 0:
        return modality in ("future", "hypothetical")
    return modality_of(chain[rank])[1] in ("future", "hypothetical")


def _subordinate(root: Token, top: Token) -> bool:
    """Is the date (headed by `root`) told of something below `top` other than the event: inside
    a clause or aside that hangs from it, a modifier of another noun ("last year's decision"),
    or said of another happening the sentence names ("as in the siege of Aleppo in 2016")?"""
    if root.dep_ in MODIFIER_DEPS and root.head.i != top.i:
        return True
    word = root
    while word.i != top.i and word.head.i != word.i:
        if word.dep_ in CLAUSE_DEPS:
            return True
        lemma = word.lemma_.lower()
        if word.i != root.i and word.pos_ == "NOUN" and word.dep_ not in ARGUMENT_DEPS and \
                word.head.lower_ not in FRAMING_PREPS and \
                (lemma in HISTORY_NOUNS or entries_for(lemma, "noun")):
            return True
        word = word.head
    return False


def date_phrases(sent: Span) -> list[tuple[str, Token]]:
    """The sentence's date expressions with their head words: the tagger's DATE entities, plus
    relative ones it sometimes misses in running text ("This year marks ...")."""
    found = [(ent.text, ent.root) for ent in sent.ents if ent.label_ == "DATE"]
    covered = {i for ent in sent.ents if ent.label_ == "DATE" for i in range(ent.start, ent.end)}
    for token in sent:
        if token.i in covered:
            continue
        before = token.nbor(-1).lower_ if token.i > sent.start else ""
        if token.lower_ in _UNITS and before in _SHIFTS:
            found.append((f"{before} {token.lower_}", token))
        elif token.lower_ in _DAYS:
            found.append((f"{before} {token.lower_}" if before in _SHIFTS else token.lower_,
                          token))
    return found


def background(token: Token) -> bool:
    """Is the event told as past background ("had met", "previously visited")?"""
    for word in clause_chain(token)[:3]:
        for child in word.children:
            if child.dep_ == "aux" and child.lower_ in ("had", "'d") and word.tag_ == "VBN":
                return True
            if child.dep_ == "advmod" and child.lower_ in BACKGROUND_ADVERBS:
                return True
    return False


def _anniversary(token: Token) -> tuple[int, Token] | None:
    """(years, the 'anniversary' noun) when the trigger is what an anniversary is of."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() == "anniversary":
            for child in ancestor.children:
                years = _ordinal(child.text)
                if years is not None and child.dep_ in ("amod", "nummod", "compound"):
                    return years, ancestor
            return None
        if ancestor.pos_ == "VERB":
            return None
    return None


def _ordinal(text: str) -> int | None:
    """'25th' -> 25, 'fifth' -> 5."""
    match = re.fullmatch(r"(\d{1,3})(st|nd|rd|th)?", text.lower())
    if match:
        return int(match.group(1))
    return _ORDINALS.get(text.lower())
