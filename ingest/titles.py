"""Titles and countries around a name: "Kyrgyzstan President Almazbek Atambayev", "Xi
Jinping, China's president", "Volodymyr Zelenskyy of Ukraine".

A title says which office a person holds and, with the country next to it, for which state; the
gazetteer knows the titles, these helpers find them in the parse around a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.graph.model import Actor
from diplograph.ingest import gazetteer
from diplograph.ingest.names import HONORIFICS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FORMER = frozenset({"former", "ex", "late", "erstwhile", "onetime", "one-time", "then",
                    "deposed", "ousted", "exiled", "slain"})
LEADER_ROLES = frozenset({"head_of_state", "head_of_government", "monarch", "leader",
                          "government"})


def country_actor(code: str) -> Actor:
    """The actor standing for a state, named as the gazetteer names it."""
    return Actor.country_actor(code, gazetteer.country_name(code))


def title_before(doc: Doc, start: int) -> tuple[str | None, str | None, int]:
    """Title and country in the words before a name: 'Chinese President', "China's Minister".

    Returns the title as written, the country and where the whole mention starts.
    """
    words: list[Token] = []
    i = start
    while i > 0 and len(words) < 8:
        token = doc[i - 1]
        of_the = token.lower_ == "the" and i > 1 and doc[i - 2].lower_ == "of"
        if not (title_word(token) or of_the):  # "Speaker of the House Nancy Pelosi"
            break
        words.insert(0, token)
        i -= 1
    while words and words[0].lower_ in ("'s", "’s", "of", "-"):
        words = words[1:]
    if words and words[-1].lower_ in ("of", "the", "for", "'s", "’s", "-"):
        words = []  # "president of the [Tunisian League]": the name is not the office's holder
    for k in range(len(words)):  # longest title ending right before the name
        phrase = " ".join(t.text for t in words[k:] if t.lower_ not in HONORIFICS)
        if phrase and gazetteer.title_role(phrase):
            where, country = country_at(words[:k])
            return phrase, country or country_inside(words[k:]), \
                where if where is not None else words[k].i
    where, country = country_at(words)
    if where is None:
        honorific = next((t.i for t in words if t.lower_ in HONORIFICS), None)
        return None, None, start if honorific is None else honorific
    return None, country, where


def title_word(token: Token) -> bool:
    """Words that can sit in a title-and-country run before a name."""
    if token.is_space or token.lower_ == "the":
        return False
    if token.lower_ in ("'s", "’s", "of", "-", "for") or token.lower_ in HONORIFICS:
        return True
    if token.ent_type_ == "PERSON":
        # the tagger often folds a title or a country into the name ("Crown Prince Abdullah",
        # "Kazakh President ..."): those words still say who the person is
        return bool(gazetteer.may_start_title(token.text) or gazetteer.title_role(token.text)
                    or gazetteer.country_code(token.text))
    return token.pos_ in ("PROPN", "NOUN", "ADJ")


def country_at(tokens: list[Token]) -> tuple[int | None, str | None]:
    """Where the last country name of a modifier run starts, and its code ("Kyrgyzstan",
    "China's", "United States")."""
    for end in range(len(tokens), 0, -1):
        if tokens[end - 1].lower_ in ("'s", "’s"):
            continue
        for begin in range(max(0, end - 3), end):
            code = gazetteer.country_code(" ".join(t.text for t in tokens[begin:end]))
            if code:
                return tokens[begin].i, code
    return None, None


def country_of(tokens: list[Token]) -> str | None:
    return country_at(tokens)[1]


def country_inside(tokens) -> str | None:
    """A country after 'of' inside a title: 'Minister of Foreign Affairs of Kyrgyzstan'."""
    tokens = list(tokens)
    for k, token in enumerate(tokens):
        if token.lower_ == "of":
            for j in range(len(tokens), k + 1, -1):
                code = gazetteer.country_code(" ".join(t.text for t in tokens[k + 1:j]))
                if code:
                    return code
    return None


def appositive_title(doc: Doc, start: int,
                      end: int) -> tuple[str, str | None, int, int] | None:
    """A title beside the name in apposition, after it ("Xi Jinping, China's president,") or
    before it ("China's president, Xi Jinping,"): the title, its country, and the token span
    the name and the title cover together."""
    head = doc[start:end].root
    phrases = [(c, list(c.subtree)) for c in head.children if c.dep_ == "appos" and c.i >= end]
    if head.dep_ == "appos" and head.head.i < start:
        inner = {t.i for t in head.subtree}
        phrases.append((head.head, [t for t in head.head.subtree
                                    if t.i not in inner and t.i < start]))
    for anchor, tokens in phrases:
        tokens = [t for t in tokens if not t.is_punct and t.lower_ not in ("the", "a", "an")]
        for k in range(len(tokens)):
            for j in range(len(tokens), k, -1):
                if not tokens[k].i <= anchor.i <= tokens[j - 1].i:
                    continue  # the title must be the appositive itself, not a word inside it
                phrase = " ".join(t.text for t in tokens[k:j])
                if not gazetteer.title_role(phrase):
                    continue
                where, country = country_at(tokens[:k])
                first = tokens[k].i
                if where is not None and all(t.lower_ in ("'s", "’s") or gazetteer.country_code(
                        t.text) or t.ent_type_ == "GPE" for t in doc[where:first]):
                    first = where  # "China's president": the country is part of the title
                country = country or country_inside(tokens[k:j])
                last = tokens[j - 1].i + 1
                return phrase, country, min(first, start), max(last, end)
    return None


def of_country(doc: Doc, end: int, span_end: int) -> tuple[str | None, int]:
    """'Volodymyr Zelenskyy of Ukraine': the country after 'of', and where the mention ends."""
    if end < len(doc) and doc[end].lower_ == "of" and span_end == end:
        for stop in range(min(len(doc), end + 4), end + 1, -1):
            place = doc[end + 1:stop]
            code = gazetteer.country_code(place.text)
            if code and not place[-1].is_punct and not gazetteer.alternatives(place.text):
                return code, stop
    return None, span_end


def role_class(title: str | None) -> str | None:
    """The role class a title gives today: a former office-holder is of the elite (CAMEO ELI),
    not the holder ("former President Atambayev")."""
    if not title:
        return None
    role = gazetteer.title_role(title)
    first = title.split()[0].lower()
    if role and (first in FORMER or first.startswith("ex-")):
        return "elite"
    return role


def office(phrase: str) -> str:
    """A title as an office's name: 'prime minister' -> 'Prime Minister'; capitals kept."""
    return " ".join(w if w[:1].isupper() or w in ("of", "for", "and", "the") else w.capitalize()
                    for w in phrase.split())


def compatible(wanted: str | None, held: str | None, *, lenient: bool) -> bool:
    """Can a description asking for role class `wanted` be someone who holds `held`?

    Lenient (a country already narrows it down): an unknown office is given the benefit.
    """
    if wanted is None or held is None:
        return lenient
    if wanted == held:
        return True
    return wanted == "leader" and held in LEADER_ROLES


def title_at(doc: Doc, i: int, limit: int) -> tuple[str | None, int]:
    """The longest title phrase starting at token i: 'Minister of Commerce', 'president'."""
    for end in range(min(limit, i + 6), i, -1):
        last = doc[end - 1]
        if last.is_space or last.pos_ in ("DET", "ADP", "PUNCT", "CCONJ", "VERB", "AUX",
                                          "PART"):  # not "president's": the office is before
            continue
        phrase = doc[i:end].text
        if gazetteer.title_role(phrase):
            return phrase, end
    return None, i
