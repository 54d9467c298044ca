"""People's names as news writes them: what is a name, and which part of it stands alone.

The actor layer and the cross-article resolver both ask the same questions of a name: is this
span a person's name at all (the tagger calls "per cubic meter" a PERSON), where do the
honorifics and titles the tagger swallowed end, and which word of "Xi Jinping" or "Bill de
Blasio" a later sentence may use alone. The answers live here so both layers agree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from diplograph.graph.model import Actor
from diplograph.ingest import gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Words that make a name an organisation's, whatever title stands before it.
ORG_WORDS = frozenset({"league", "party", "union", "council", "committee", "front", "movement",
                       "association", "organization", "organisation", "group", "bank", "fund",
                       "company", "corporation", "institute", "agency", "office", "ministry",
                       "court", "assembly", "commission", "foundation", "forces", "army"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame",
                        "madam", "madame", "mister", "messrs", "messrs."})
NAME_PARTICLES = frozenset({"al", "el", "de", "da", "di", "del", "della", "dos", "das", "du",
                            "van", "von", "der", "den", "la", "le", "bin", "ibn", "bint", "ben",
                            "ter", "ten", "y", "e", "abu", "ould", "st", "mac", "o", "dela", "des",
                            "zu", "af", "op"})
GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
PATRONYMIC = frozenset({"bin", "bint", "ibn", "ben", "ould", "wuld"})
# Countries whose names news writes family name first ("Xi Jinping", "Moon Jae-in").
SURNAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM", "KHM", "SGP", "MNG"})
# Common family names of those countries: a name starting with one is read family name first
# even when the text gives no country ("Xi Jinping said ... Xi added").
EAST_ASIAN_SURNAMES = frozenset("""
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie song tang xi han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du
    ye cheng wei su lu ding ren shen yao fu zhong jin tan qin wen bo hua kim lee park choi jung
    moon yoon kang cho chung nguyen tran le pham hoang phan vu dang bui ngo duong hun tsai lai
""".split())


def clean_name(span: Span, *, keep_titles: bool = False) -> tuple[int, int, str]:
    """Trim whitespace, punctuation, 'the', a trailing possessive and, for people, honorifics
    and titles the tagger took into the name ("President Xi" -> "Xi")."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    while start < end and (doc[start].is_space or doc[start].lower_ == "the"
                           or (doc[start].is_punct and doc[start].text not in ".")):
        start += 1
    if not keep_titles:
        while start < end - 1 and doc[start].is_stop and doc[start].pos_ in (
                "AUX", "VERB", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "INTJ"):
            start += 1  # "Will Red Hat ...": a sentence-initial word the tagger took in
        start = skip_titles(doc, start, end)
    return start, end, doc[start:end].text.strip()


def skip_titles(doc: Doc, start: int, end: int) -> int:
    """Move past honorifics, titles and country words at the front of a name span."""
    moved = True
    while moved and end - start > 1:
        moved = False
        token = doc[start]
        if token.lower_ in HONORIFICS or gazetteer.is_chamber(token.text):
            start += 1  # "Mr Trump", "[Speaker of the] House Nancy Pelosi"
            moved = True
            continue
        first = start + 1 if gazetteer.country_code(token.text) else start
        for k in range(end - first - 1, 0, -1):
            if gazetteer.title_role(doc[first:first + k].text):
                start = first + k
                moved = True
                break
    return start


def known_as_other(name: str) -> bool:
    """Names the gazetteer knows as something else: a country, organisation, group or place."""
    hit = gazetteer.lookup(name)
    return hit is not None


def owners(name: str, people, country: str | None) -> list[Actor]:
    """Full names `name` may stand for alone (see surname_keys), from a compatible country."""
    key = gazetteer.folded_key(name)
    owners = {}
    for person in people:
        if key not in surname_keys(person.name, person.country):
            continue
        if country and person.country and person.country != country:
            continue
        owners[person.id] = person
    return list(owners.values())


def first_named(name: str, people) -> list[Actor]:
    """Full names that start with `name` as a given name (not a family name written first)."""
    key = gazetteer.folded_key(name)
    found = {p.id: p for p in people if len(gazetteer.folded_key(p.name).split()) > 1
             and gazetteer.folded_key(p.name).split()[0] == key
             and key not in surname_keys(p.name, p.country)}
    return list(found.values())


def looks_like_name(name: str) -> bool:
    """A person's name is capitalised words, name particles ("al-", "de", "van") and initials;
    lower-case prose or an uncased script the tagger called PERSON is not one.

    >>> [looks_like_name(n) for n in ("Bill de Blasio", "al-Eryani", "per cubic meter", "XI")]
    [True, True, False, True]
    """
    words = name.split()
    if not words or not any(ch.isupper() for ch in name):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha()
               or re.split(r"[-'’]", w.lower())[0] in NAME_PARTICLES for w in words)


def surname_keys(name: str, country: str | None = None) -> frozenset[str]:
    """The parts of a full name that news uses alone for the person, folded.

    The family name with its particles ("de Blasio", and "Blasio" too), and the first word
    where names are written family name first (China, the Koreas, Vietnam, ...: "Xi" of "Xi
    Jinping"). Generational suffixes do not count ("Jr."), and names built on a patronymic
    ("Mohammed bin Salman") give none: "Salman" alone is his father as often as him.

    >>> sorted(surname_keys("Xi Jinping", "CHN")), sorted(surname_keys("Donald Trump Jr."))
    (['jinping', 'xi'], ['trump'])
    >>> sorted(surname_keys("Bill de Blasio")), surname_keys("Mohammed bin Salman")
    (['blasio', 'de blasio'], frozenset())
    """
    words = gazetteer.folded_key(name).split()
    while len(words) > 1 and words[-1] in GENERATIONAL:
        words.pop()
    if len(words) < 2 or any(w in PATRONYMIC for w in words[1:-1]):
        return frozenset()
    k = len(words) - 1
    while k > 1 and words[k - 1] in NAME_PARTICLES:
        k -= 1
    keys = {" ".join(words[k:]), words[-1]}
    if country in SURNAME_FIRST or (country is None and words[0] in EAST_ASIAN_SURNAMES):
        keys.add(words[0])
    return frozenset(keys)


def is_lone(name: str) -> bool:
    """A name that is only a family name: one word, or one led by a particle ("de Blasio")."""
    words = gazetteer.folded_key(name).split()
    return len(words) == 1 or (len(words) > 1 and words[0] in NAME_PARTICLES)


def with_alias(aliases: tuple[str, ...], alias: str, name: str) -> tuple[str, ...]:
    if alias == name or alias in aliases:
        return aliases
    return (*aliases, alias)
