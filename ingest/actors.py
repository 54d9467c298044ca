"""Who is named in an article: people, countries, IGOs and organisations, and what refers to them.

The tagger's entities are a starting point, not the truth: a surname alone is often labelled ORG,
news agencies come out as PERSON, and "the Chinese leader" is no entity at all. Rules here repair
those slips with the gazetteer, titles and what the article already said. Every mention keeps how
it was resolved and a confidence, so a guess never passes for a fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from diplograph.graph.model import Actor, Affiliation, Article, slugify
from diplograph.ingest import gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Names the tagger takes for people or organisations that are the messengers, not the actors.
MEDIA = frozenset({
    "Xinhua", "Reuters", "AFP", "AP", "TASS", "RIA Novosti", "Interfax", "Kyodo", "Yonhap",
    "KCNA", "IRNA", "Anadolu", "BBC", "CNN", "Al Jazeera", "Sputnik", "ITAR-TASS", "UPI",
    "Bloomberg", "TCA", "ANSA", "dpa", "DPA", "Tasnim", "Fars", "ISNA", "WAFA", "SANA",
    "Kabar", "AKIpress", "Kazinform", "Trend", "APA", "Global Times", "People's Daily",
})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_WORDS = frozenset({"sides", "countries", "leaders", "nations", "parties", "governments",
                         "presidents", "ministers", "states", "delegations"})
# Nouns for people or bodies acting for a state: "Chinese officials" acts for China.
STATE_AGENTS = frozenset({"government", "official", "authority", "administration", "ministry",
                          "diplomat", "cabinet", "leadership", "side", "individual", "envoy",
                          "delegation", "troop", "force", "military", "army", "navy", "leader",
                          "negotiator", "lawmaker", "parliament", "embassy", "regime", "state"})
COUNTRY_GROUPS = frozenset({"countries", "nations", "states", "governments"})


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) of a doc that refer to `actors`, with how that was decided."""

    start: int
    end: int
    actors: tuple[Actor, ...]
    how: str
    confidence: float


class Mentions:
    """All actor mentions of one doc, addressable by any token they cover."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._by_token: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self._by_token.setdefault(i, mention)

    def __iter__(self) -> Iterator[Mention]:
        return iter(self.mentions)

    def at(self, token: Token) -> Mention | None:
        """The mention covering a token, or one covering its compound/possessive children."""
        found = self._by_token.get(token.i)
        if found:
            return found
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i in self._by_token:
                mention = self._by_token[child.i]
                if mention.how in ("name", "surname", "title", "description"):
                    return mention
                if token.lemma_.lower() in STATE_AGENTS and mention.how in (
                        "country", "demonym", "capital", "igo"):
                    return mention  # "Chinese officials", "ten Russian diplomats"
        return None

    def affiliations(self, article: Article, doc: Doc) -> list[Affiliation]:
        """Person-country-role facts the article states, dated by the article."""
        seen: dict[tuple, Affiliation] = {}
        for mention in self.mentions:
            if mention.how not in ("name", "title") or len(mention.actors) != 1:
                continue
            actor = mention.actors[0]
            if actor.type != "person" or not (actor.country and actor.role):
                continue
            key = (actor.id, actor.country, actor.role)
            seen.setdefault(key, Affiliation(
                actor_id=actor.id, country=actor.country, role=actor.role,
                start=article.date, end=article.date, article_id=article.id,
                sentence_index=sentence_index(doc, doc[mention.start])))
        return list(seen.values())


def sentence_index(doc: Doc, token: Token) -> int:
    """Position of the token's sentence in the doc (sentences are not indexed by spaCy)."""
    start = token.sent.start
    return sum(1 for sent in doc.sents if sent.start < start)


def find_mentions(doc: Doc) -> Mentions:
    """Resolve every actor mention of a doc, in reading order, so later ones can look back."""
    found: list[Mention] = []
    covered: set[int] = set()

    def add(mention: Mention) -> None:
        found.append(mention)
        covered.update(range(mention.start, mention.end))

    people = _named_people(doc)
    for mention in people:
        add(mention)
    for ent in doc.ents:
        if ent.start in covered:
            continue
        mention = _entity_mention(ent, people)
        if mention:
            add(mention)
    for mention in _title_mentions(doc, covered, found):
        add(mention)
    for mention in _pronoun_mentions(doc, covered, found):
        add(mention)
    return Mentions(found)


def _clean_name(span: Span) -> tuple[int, int, str]:
    """Trim whitespace, punctuation and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    while start < end and (doc[start].is_space or doc[start].lower_ == "the"):
        start += 1
    return start, end, doc[start:end].text.strip()


def _named_people(doc: Doc) -> list[Mention]:
    """PERSON entities with the title and country words written before them.

    "Kyrgyzstan President Almazbek Atambayev" -> Atambayev, President, KGZ. A single name that
    repeats part of a fuller name ("Xi" after "Xi Jinping") becomes that person.
    """
    full: list[tuple[int, int, str, str | None, str | None]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end, name = _clean_name(ent)
        if not name or name in MEDIA or gazetteer.lookup(name):
            continue
        role, country, title_start = _title_before(doc, start)
        if not country:
            role_after, country_after = _appositive_title(doc[end - 1])
            role, country = role or role_after, country_after
        full.append((title_start, end, name, role, country))

    mentions: list[Mention] = []
    known: dict[str, Actor] = {}
    for start, end, name, role, country in full:
        if len(name.split()) > 1:
            known.setdefault(name, Actor(name=name, type="person", country=country, role=role))
    for start, end, name, role, country in full:
        actor = known.get(name) or _by_part(name, known)
        how = "name" if actor and actor.name == name else "surname"
        if actor is None:
            actor = Actor(name=name, type="person", country=country, role=role)
            how = "name"
        elif role or country:
            actor = replace(actor, role=role or actor.role, country=country or actor.country)
        mentions.append(Mention(start, end, (actor,), how, 0.9 if how == "name" else 0.8))
    return mentions


def _by_part(name: str, known: dict[str, Actor]) -> Actor | None:
    """The one known full name that contains this single name as a word, if exactly one does."""
    matches = {a.id: a for full, a in known.items() if name in full.split()}
    return next(iter(matches.values())) if len(matches) == 1 else None


def _title_before(doc: Doc, start: int) -> tuple[str | None, str | None, int]:
    """Title and country in the words before a name: 'Chinese President', "China's Minister".

    Returns the role, the country and where the whole mention starts.
    """
    words: list[Token] = []
    i = start
    while i > 0 and len(words) < 6:
        token = doc[i - 1]
        if not _title_word(token):
            break
        words.insert(0, token)
        i -= 1
    for k in range(len(words)):  # longest title ending right before the name
        phrase = " ".join(t.text for t in words[k:])
        if gazetteer.title_role(phrase):
            where = _country_index(words[:k])
            country = gazetteer.country_code(doc[where].text) if where is not None else None
            return phrase, country, where if where is not None else words[k].i
    where = _country_index(words)
    if where is None:
        return None, None, start
    return None, gazetteer.country_code(doc[where].text), where


def _title_word(token: Token) -> bool:
    """Words that can sit in a title-and-country run before a name."""
    if token.is_space or token.lower_ == "the":
        return False
    if token.lower_ in ("'s", "’s", "of", "-"):
        return True
    return token.pos_ in ("PROPN", "NOUN", "ADJ")


def _country_index(tokens: list[Token]) -> int | None:
    """Index of the last country word of a modifier run ("Kyrgyzstan", "China's")."""
    for token in reversed(tokens):
        if token.lower_ not in ("'s", "’s") and gazetteer.country_code(token.text):
            return token.i
    return None


def _country_of(tokens: list[Token]) -> str | None:
    where = _country_index(tokens)
    return gazetteer.country_code(tokens[0].doc[where].text) if where is not None else None


def _appositive_title(head: Token) -> tuple[str | None, str | None]:
    """'Xi Jinping, China's president,' -> ('president', 'CHN')."""
    for child in head.children:
        if child.dep_ == "appos":
            tokens = list(child.subtree)
            for k in range(len(tokens)):
                phrase = " ".join(t.text for t in tokens[k:] if not t.is_punct)
                if phrase and gazetteer.title_role(phrase):
                    return phrase, _country_of(tokens[:k])
    return None, None


def _entity_mention(ent: Span, people: list[Mention]) -> Mention | None:
    start, end, text = _clean_name(ent)
    if not text or start >= end:
        return None
    if text in MEDIA:
        return Mention(start, end, (Actor(name=text, type="organization"),), "media", 0.9)
    if ent.label_ in ("GPE", "NORP", "LOC", "ORG", "FAC"):
        hit = gazetteer.lookup(text)
        if hit and hit.kind in ("country", "demonym"):
            name = gazetteer.country_name(hit.code)
            return Mention(start, end, (Actor.country_actor(hit.code, name),), hit.kind, 0.9)
        if hit and hit.kind == "capital":
            name = gazetteer.country_name(hit.code)
            return Mention(start, end, (Actor.country_actor(hit.code, name),), "capital", 0.7)
        if hit and hit.kind == "igo":
            return Mention(start, end, (Actor(name=hit.name, type="igo", country=hit.code,
                                              id=f"igo:{hit.code}"),), "igo", 0.9)
        if ent.label_ == "NORP":
            codes = gazetteer.split_compound_demonym(text)
            if codes:
                return Mention(start, end, tuple(Actor.country_actor(c, gazetteer.country_name(c))
                                                 for c in codes), "compound", 0.6)
    if ent.label_ in ("ORG", "PERSON", "NORP"):
        # a surname the tagger called ORG
        for mention in people:
            person = mention.actors[0]
            if len(person.name.split()) > 1 and text in person.name.split():
                return Mention(start, end, (person,), "surname", 0.75)
    if ent.label_ == "ORG":
        country = _country_of(list(ent.doc[max(0, start - 2):start]))
        return Mention(start, end, (Actor(name=text, type="organization", country=country),),
                       "name", 0.7)
    return None


def _title_mentions(doc: Doc, covered: set[int], found: list[Mention]) -> Iterator[Mention]:
    """Office-holders named by title only: "China's Minister of Commerce", "the Chinese leader".

    A lower-case description ("the Kyrgyz president") refers back to the last person of that
    country already named; a capitalised title with no earlier holder becomes an unnamed
    office-holder of that country, since the article does name an office.
    """
    for sent in doc.sents:
        for token in sent:
            if token.i in covered or token.pos_ not in ("NOUN", "PROPN"):
                continue
            phrase, end = _title_at(doc, token.i, sent.end)
            if not phrase:
                continue
            if any(i in covered for i in range(token.i, end)):
                continue
            modifiers = list(doc[sent.start:token.i][-3:])
            while modifiers and not _title_word(modifiers[0]):
                modifiers = modifiers[1:]
            where = _country_index(modifiers)
            if where is None:
                continue
            country = gazetteer.country_code(doc[where].text)
            start = where
            earlier = [m for m in found if m.start < token.i and len(m.actors) == 1
                       and m.how in ("name", "surname")
                       and m.actors[0].type == "person" and m.actors[0].country == country
                       and _compatible(phrase, m.actors[0].role)]
            if phrase[0].islower() or doc[max(0, start - 1)].lower_ == "the":
                if earlier:
                    actor = earlier[-1].actors[0]
                    yield Mention(start, end, (actor,), "description", 0.7)
                continue
            name = phrase
            actor = Actor(name=name, type="person", country=country, role=phrase,
                          id=f"person:{country.lower()}-{slugify(phrase)}")
            yield Mention(start, end, (actor,), "title", 0.7)


LEADER_ROLES = frozenset({"head_of_state", "head_of_government", "monarch", "leader"})


def _compatible(description: str, role: str | None) -> bool:
    """Can 'the Chinese leader' be someone titled `role`? Unknown roles are given the benefit."""
    wanted = gazetteer.title_role(description)
    held = gazetteer.title_role(role) if role else None
    if wanted is None or held is None or wanted == held:
        return True
    return wanted == "leader" and held in LEADER_ROLES


def _title_at(doc: Doc, i: int, limit: int) -> tuple[str | None, int]:
    """The longest title phrase starting at token i: 'Minister of Commerce', 'president'."""
    for end in range(min(limit, i + 5), i, -1):
        last = doc[end - 1]
        if last.is_space or last.pos_ in ("DET", "ADP", "PUNCT", "CCONJ", "VERB", "AUX"):
            continue
        phrase = doc[i:end].text
        if gazetteer.title_role(phrase):
            return phrase, end
    return None, i


def _pronoun_mentions(doc: Doc, covered: set[int], found: list[Mention]) -> Iterator[Mention]:
    """He/she/his to the last person named before; 'the two sides' to the last pair of actors."""
    ordered = sorted(found, key=lambda m: m.start)
    by_token = {i: m for m in ordered for i in range(m.start, m.end)}
    for token in doc:
        if token.i in covered:
            continue
        before = [m for m in ordered if m.end <= token.i]
        if token.lower_ in PERSON_PRONOUNS:
            ahead = _cataphora(token, by_token)
            if ahead:
                yield Mention(token.i, token.i + 1, ahead.actors, "pronoun", 0.7)
                continue
            people = [m for m in before if len(m.actors) == 1 and m.actors[0].type == "person"
                      and m.how != "media"]
            if people:
                yield Mention(token.i, token.i + 1, people[-1].actors, "pronoun", 0.6)
        elif token.lower_ in GROUP_WORDS and any(c.lower_ in ("two", "both") for c in token.children):
            pair = _last_pair(doc, before, countries=token.lower_ in COUNTRY_GROUPS)
            if pair:
                yield Mention(token.i - 2 if doc[token.i - 2].lower_ == "the" else token.i - 1,
                              token.i + 1, pair, "group", 0.6)


def _cataphora(pronoun: Token, by_token: dict[int, Mention]) -> Mention | None:
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
    if mention and len(mention.actors) == 1 and mention.actors[0].type == "person":
        return mention
    return None


def _last_pair(doc: Doc, before: list[Mention], countries: bool) -> tuple[Actor, ...] | None:
    """The two parties 'the two sides' means: the last two people (or countries) named."""
    pair: list[Actor] = []
    for mention in reversed(before):
        if len(mention.actors) != 1 or mention.how not in ("name", "surname", "description",
                                                          "country", "demonym", "capital"):
            continue
        actor = mention.actors[0]
        if countries:
            if not actor.country or actor.type not in ("country", "person"):
                continue
            actor = Actor.country_actor(actor.country, gazetteer.country_name(actor.country))
        elif actor.type != "person":
            continue
        if all(actor.id != a.id for a in pair) and all(actor.country != a.country for a in pair):
            pair.insert(0, actor)
        if len(pair) == 2:
            return tuple(pair)
    return None
