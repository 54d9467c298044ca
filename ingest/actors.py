"""Who is named in an article: people, countries, governments, ministries, IGOs, armed groups,
and what refers back to them.

The tagger's entities are a starting point, not the truth: a surname alone is often labelled ORG,
news agencies come out as PERSON, "Kyrgyz-Chinese" is one NORP, and "the Chinese leader" is no
entity at all. Rules here repair those slips with the gazetteer, titles, the parse and what the
article already said. Every mention keeps how it was resolved and a confidence, so a guess never
passes for a fact; where the text leaves two readings open (a pronoun after two men, a surname
two people share) the mention is left unresolved rather than pinned on the wrong one.

How a mention was found (`Mention.how`):

=============  ==============================================================================
name           a person's name ("Xi Jinping", "President Xi"), or an organisation's
surname        part of a full name the article gives elsewhere ("Xi", "de Blasio", "John")
ambiguous      a surname two people of the article share: kept, not resolved
title          an office named without a name ("China's Minister of Commerce")
description    a definite description of someone named before ("the Chinese leader")
pronoun        he/she/his/her (and "it" bound inside its sentence)
group          "the two sides / countries / leaders": both parties
country        a country's name; demonym: "Chinese"; compound: "Kyrgyz-Chinese" (both)
capital        a capital acting as its government ("Beijing said"; "in Beijing" is a place)
seat           a seat of government acting ("the Kremlin said")
government     "the Chinese government", "Russian troops": the state acting, with a role
ministry       "China's Foreign Ministry" -> Ministry of Foreign Affairs of CHN
igo            an international organisation; armed_group: Taliban, "Syrian rebels"
media          a news agency or outlet: the messenger, never an actor of events
=============  ==============================================================================

What a name is and which part of it may stand alone lives in `names`, titles and countries around
a name in `titles`, pronouns and "the two sides" in `coreference`; users' actor dictionaries in
`dictionaries`, and resolution across articles in `resolution`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from diplograph.graph.model import Actor, Affiliation, Article, slugify
from diplograph.ingest import gazetteer, officeholders
from diplograph.ingest.coreference import (
    GROUP_WORDS, PERSON_PRONOUNS, THING_PRONOUNS, resolve_pronoun, two_parties,
)
from diplograph.ingest.names import (
    ORG_WORDS, clean_name, first_named, is_lone, known_as_other, looks_like_name, owners,
    with_alias,
)
from diplograph.ingest.titles import (
    appositive_title, compatible, country_actor, country_at, country_inside, country_of,
    of_country, office, role_class, title_at, title_before, title_word,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from diplograph.ingest.dictionaries import ActorDictionary, Entry

# Names the tagger takes for people or organisations that are the messengers, not the actors.
MEDIA = frozenset({
    "Xinhua", "Xinhua News Agency", "Reuters", "AFP", "Agence France-Presse", "AP",
    "Associated Press", "TASS", "RIA Novosti", "RIA", "Interfax", "Kyodo", "Kyodo News", "Yonhap",
    "KCNA", "IRNA", "Anadolu", "Anadolu Agency", "BBC", "CNN", "Al Jazeera", "Sputnik",
    "ITAR-TASS", "UPI", "Bloomberg", "TCA", "ANSA", "dpa", "DPA", "Tasnim", "Fars", "ISNA",
    "WAFA", "SANA", "Kabar", "AKIpress", "Kazinform", "Trend", "APA", "Global Times",
    "People's Daily", "CCTV", "NHK", "Wikinews", "The Times of Central Asia", "Fox News",
    "The New York Times", "New York Times", "The Washington Post", "Washington Post",
    "The Guardian", "Xinhuanet", "China Daily", "Press TV", "RT", "Euronews", "CBS", "NBC",
    "ABC", "Axios", "Politico",
})
# Nouns for bodies or people acting for a state, and the role class they give it:
# "Chinese officials" is China acting through its officials.
STATE_AGENTS: dict[str, str | None] = {
    "government": "government", "administration": "government", "cabinet": "government",
    "authority": "government", "leadership": "government", "regime": "government",
    "official": "official", "side": None, "state": None, "delegation": "diplomat",
    "diplomat": "diplomat", "embassy": "diplomat", "negotiator": "envoy",
    "troop": "military", "force": "military", "military": "military", "army": "military",
    "navy": "military", "soldier": "military", "air force": "military", "police": "official",
    "lawmaker": "legislator", "parliament": "legislature", "legislature": "legislature",
    "individual": None, "ministry": "government", "court": "judge", "tribunal": "judge",
    "judiciary": "judge", "prosecutor": "judge", "warplane": "military", "jet": "military",
    "aircraft": "military", "airstrike": "military", "drone": "military", "marine": "military",
    "guard": "military", "agency": "official", "officer": "official", "intelligence": "official",
    "president": None, "presidency": "government", "junta": "military",
    # person nouns: Mentions.at() still reads "Chinese leader" as China when nothing better is
    # known, but they never widen a country mention into a government one
    "leader": None, "envoy": None,
}
PERSON_NOUNS = frozenset({"leader", "envoy", "president"})
# What a named person's regime is called: "the Obama administration" is the US government.
REGIME_NOUNS = frozenset({"administration", "government", "regime", "cabinet", "presidency"})
GROUP_AGENTS = frozenset({"fighter", "militant", "rebel", "insurgent", "gunman", "militiaman",
                          "guerrilla", "jihadist", "separatist", "member", "commander",
                          "leader", "spokesman", "spokesperson", "force", "militia"})
ARMED_NOUNS = frozenset({"rebel", "militant", "insurgent", "separatist", "jihadist",
                         "guerrilla", "militia", "gunman", "paramilitary"})
# Prepositions after which a capital or a seat of government is the state acting, not a place.
ACTING_PREPS = frozenset({"with", "against", "between", "by", "toward", "towards", "versus"})
# Nouns whose "on"/"to"/"from" object is a party ("sanctions on Moscow", "a message to Kabul").
PARTY_NOUNS = frozenset({"sanction", "pressure", "tariff", "embargo", "ban", "demand", "appeal",
                         "message", "letter", "request", "call", "warning", "threat", "response",
                         "support", "aid", "offer", "proposal", "note", "ultimatum", "overture",
                         "concession", "assurance", "protest", "criticism", "accusation"})
PLACE_NOUNS = frozenset({"street", "airport", "resident", "mayor", "suburb", "outskirt",
                         "centre", "center", "district", "skyline", "air", "weather", "population",
                         "citizen", "hotel", "hospital", "university", "stadium", "metro",
                         "subway", "traffic", "square", "park", "marathon", "office"})
# Nouns that a place names rather than joins: "the Minsk agreements", "the Kyoto protocol", "the
# Geneva talks" are called after where they were made; the place is no party to them.
NAMED_FOR_PLACE = frozenset({"agreement", "accord", "protocol", "treaty", "convention",
                             "declaration", "process", "format", "talk", "summit", "conference",
                             "deal", "pact", "framework", "communique", "charter", "initiative",
                             "formula", "memorandum", "plan", "consensus", "understanding",
                             "statement", "resolution", "agenda", "peace", "ceasefire", "truce"})
MINISTRY_WORDS = frozenset({"ministry", "ministries", "department"})
# Nouns an appositive uses to say a capital is a place ("Kabul, the Afghan capital").
PLACE_WORDS = frozenset({"capital", "city", "town", "seat", "home", "centre", "center", "port",
                         "hub", "base", "stronghold", "region", "province"})
# US-style "Department of X" names; a department without a country in the text is the USA's.
US_DEPARTMENTS = frozenset({"state", "defense", "defence", "justice", "treasury", "commerce",
                            "energy", "homeland security", "agriculture"})
# Offices one person holds at a time in a country: a title alone names the holder.
UNIQUE_OFFICES = frozenset({"head_of_state", "head_of_government", "foreign_minister",
                            "defence_minister", "monarch", "deputy_head"})
# Roles through which a state acts when no one is named ("Chinese diplomats", "U.S. advisers").
STATE_ROLES = frozenset({"official", "diplomat", "envoy", "ambassador", "military",
                         "spokesperson", "government", "minister", "deputy_minister",
                         "legislator", "leader"})
NAME_HOWS = frozenset({"name", "surname", "ambiguous", "title", "description"})
COUNTRY_HOWS = frozenset({"country", "demonym", "capital", "seat", "igo", "government",
                          "armed_group"})


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) of a doc that refer to `actors`, with how that was decided.

    `role` is the role class (gazetteer.ROLES) the text gives a person here, when it gives one;
    `name` the name as written, without title or honorific, for named people ("Xi").
    """

    start: int
    end: int
    actors: tuple[Actor, ...]
    how: str
    confidence: float
    role: str | None = None
    name: str | None = None


class Mentions:
    """All actor mentions of one doc, addressable by any token they cover."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._by_token: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self._by_token.setdefault(i, mention)

    def __iter__(self) -> Iterator[Mention]:
        return iter(self.mentions)

    def __len__(self) -> int:
        return len(self.mentions)

    def at(self, token: Token) -> Mention | None:
        """The mention covering a token, or one covering its compound/possessive children."""
        found = self._by_token.get(token.i)
        if found:
            return found
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i in self._by_token:
                mention = self._by_token[child.i]
                if mention.how in NAME_HOWS:
                    return mention
                if mention.how in COUNTRY_HOWS and (lemma in STATE_AGENTS
                                                    or lemma in GROUP_AGENTS):
                    return mention  # "Chinese officials", "ten Russian diplomats"
        return None

    def actors(self) -> tuple[Actor, ...]:
        """Every distinct actor the doc mentions (media excluded), first mention first."""
        seen: dict[str, Actor] = {}
        for mention in self.mentions:
            if mention.how != "media":
                for actor in mention.actors:
                    seen.setdefault(actor.id, actor)
        return tuple(seen.values())

    def affiliations(self, article: Article, doc: Doc) -> list[Affiliation]:
        """Person-country-role facts the article states, dated by the article.

        Only a title or appositive next to a name counts as evidence ("Kyrgyzstan President
        Almazbek Atambayev", "Xi Jinping, China's president"); a role inferred through a
        description or a dictionary is not something this article says.
        """
        seen: dict[tuple, Affiliation] = {}
        for mention in self.mentions:
            if mention.how not in ("name", "title") or len(mention.actors) != 1:
                continue
            actor = mention.actors[0]
            if actor.type != "person" or not (actor.country and mention.role and actor.role):
                continue
            key = (actor.id, actor.country, mention.role)
            sentence = doc[mention.start].sent
            seen.setdefault(key, Affiliation(
                actor_id=actor.id, country=actor.country, role=mention.role,
                start=article.date, end=article.date, article_id=article.id,
                sentence_index=sentence_index(doc, doc[mention.start]),
                title=actor.role, evidence=sentence.text.strip()))
        return list(seen.values())


def sentence_index(doc: Doc, token: Token) -> int:
    """Position of the token's sentence in the doc (sentences are not indexed by spaCy)."""
    start = token.sent.start
    return sum(1 for sent in doc.sents if sent.start < start)


def find_mentions(doc: Doc, *, dictionary: ActorDictionary | None = None,
                  date: str | None = None) -> Mentions:
    """Resolve every actor mention of a doc, in reading order, so later ones can look back.

    Args:
        doc: the parsed article.
        dictionary: actor dictionaries the user loaded; their entries override what the rules
            would guess about who a name is, and their dated roles apply on `date` only.
        date: the article's date (ISO, any precision), for the dictionaries' dated roles.
    """
    finder = _Finder(doc, dictionary, date)
    return finder.run()


class _Finder:
    """One pass over one doc; mentions found earlier are what later rules resolve against."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary | None, date: str | None):
        self.doc = doc
        self.dictionary = dictionary
        self.date = date
        self.found: list[Mention] = []
        self.covered: set[int] = set()
        self.entries: dict[int, tuple[int, int, Entry]] = {}
        if dictionary is not None and len(dictionary):
            for start, end, entry in dictionary.find(doc):
                for i in range(start, end):
                    self.entries[i] = (start, end, entry)

    def add(self, mention: Mention | None) -> bool:
        """Keep a mention unless it overlaps one kept before; say whether it was kept."""
        if mention is None or any(i in self.covered for i in range(mention.start, mention.end)):
            return False
        self.found.append(mention)
        self.covered.update(range(mention.start, mention.end))
        return True

    def run(self) -> Mentions:
        for mention, bare in self._people():
            if not self.add(mention) and bare is not None:
                self.add(bare)  # the title beside it belongs to someone else's mention
        for ent in self.doc.ents:
            if ent.start not in self.covered:
                self.add(self._entity(ent))
        for start, end, entry in sorted(set(self.entries.values()), key=lambda s: s[0]):
            if not any(i in self.covered for i in range(start, end)):
                self.add(self._entry_mention(start, end, entry, None))
        self._untagged_names()
        self._widen_state_agents()
        self._abbreviations()
        self._ministries()
        self._armed_descriptions()
        self._titles()
        for mention in self._references():
            self.add(mention)
        return Mentions(self._consolidated())

    def _consolidated(self) -> list[Mention]:
        """Give every mention of a person the country and title the article states for them
        somewhere: "Xi Jinping" alone in paragraph two is still China's President Xi. Where
        the article gives a title or full name but no country ("Vice President George Bush"),
        the office-holders the package knows supply it (see diplograph.ingest.officeholders)."""
        known: dict[str, Actor] = {}
        for mention in sorted(self.found, key=lambda m: m.start):
            for actor in mention.actors:
                if actor.type != "person":
                    continue
                seen = known.get(actor.id)
                if seen is None:
                    known[actor.id] = actor
                elif not (seen.country and seen.role) and (actor.country or actor.role):
                    known[actor.id] = replace(seen, country=seen.country or actor.country,
                                              role=seen.role or actor.role)
        for ident, actor in known.items():
            if actor.country is None:
                country = officeholders.country_of(actor.name, actor.role, self.date)
                if country:
                    known[ident] = replace(actor, country=country)
        result = []
        for mention in self.found:
            actors = tuple(
                replace(a, country=known[a.id].country, role=a.role or known[a.id].role)
                if a.type == "person" and a.id in known and not (a.country and a.role) else a
                for a in mention.actors)
            result.append(replace(mention, actors=actors))
        return result

    def replace_within(self, mention: Mention, replaceable: frozenset[str]) -> bool:
        """Put `mention` in place of the mentions it overlaps, if all are of `replaceable` kinds
        (a ministry phrase swallows the country word inside it)."""
        span = range(mention.start, mention.end)
        overlapping = [m for m in self.found if m.start < mention.end and mention.start < m.end]
        if any(m.how not in replaceable for m in overlapping):
            return False
        for old in overlapping:
            self.found.remove(old)
            self.covered.difference_update(range(old.start, old.end))
        self.found.append(mention)
        self.covered.update(span)
        return True

    # --- people ------------------------------------------------------------------------------

    def _people(self) -> list[tuple[Mention, Mention | None]]:
        """PERSON entities with the title and country written next to them.

        "Kyrgyzstan President Almazbek Atambayev" -> Atambayev, President, KGZ. A single name
        that repeats one word of a fuller name ("Xi" after "Xi Jinping") becomes that person,
        unless two people of the article share it. Each mention comes with the bare name's span,
        to fall back on when its title overlaps another mention.
        """
        doc = self.doc
        named: list[tuple[int, int, int, int, str, str | None, str | None, Entry | None]] = []
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
                continue
            start, end, name = clean_name(ent)
            if not name or start >= end:
                continue
            entry = self._entry_for(start, end, name)
            if name in MEDIA or (entry is not None and entry.type not in (None, "person")):
                continue
            title, country, title_start = title_before(doc, start)
            if entry is None and (known_as_other(name) or not (
                    looks_like_name(name) or (title and name.replace(" ", "").isalpha()))):
                continue  # "per cubic meter" is no one; "President obama" still is
            span_end = end
            if not title or not country:
                after = appositive_title(doc, start, end)
                if after is not None and after[0] and not (title and after[1] is None):
                    title, country = title or after[0], country or after[1]
                    title_start, span_end = min(title_start, after[2]), max(end, after[3])
            if not country:
                country, span_end = of_country(doc, end, span_end)
            if ent.label_ != "PERSON" and not (entry is not None and entry.type == "person") \
                    and not (title and len(name.split()) <= 3
                             and not ORG_WORDS & set(name.lower().split())):
                continue  # an unknown ORG or GPE is a person only with a title beside it
            named.append((title_start, start, span_end, end, name, title, country, entry))

        full: dict[str, Actor] = {}
        for _, _, _, _, name, title, country, entry in named:
            actor = self._person(name, title, country, entry)
            if not is_lone(actor.name):
                full.setdefault(actor.id, actor)
        mentions: list[Mention] = []
        for title_start, start, end, name_end, name, title, country, entry in named:
            role = role_class(title)
            actor = self._person(name, title, country, entry)
            how, confidence = "name", 0.9 if (title or entry) else 0.85
            if entry is None and is_lone(name):
                candidates = owners(name, full.values(), country)
                confidence = 0.8
                if not candidates:  # "I asked John ..." after "John Bolton": a first name
                    candidates, confidence = first_named(name, full.values()), 0.6
                if len(candidates) == 1:
                    owner = candidates[0]
                    actor = replace(owner, role=title or owner.role,
                                    country=country or owner.country,
                                    aliases=with_alias(owner.aliases, name, owner.name))
                    how = "surname"
                elif len(candidates) > 1:
                    how, confidence = "ambiguous", 0.4
                else:
                    confidence = 0.9 if (title or entry) else 0.85
            mention = Mention(title_start, end, (actor,), how, confidence, role, name)
            mentions.append((mention, replace(mention, start=start, end=name_end)
                             if (title_start, end) != (start, name_end) else None))
        return mentions

    def _entry_for(self, start: int, end: int, name: str) -> Entry | None:
        """The dictionary entry naming exactly this span, or going by this name."""
        if self.dictionary is None:
            return None
        span = self.entries.get(start)
        if span and span[0] == start and span[1] >= end:
            return span[2]
        return self.dictionary.get(name)

    def _person(self, name: str, title: str | None, country: str | None,
                entry: Entry | None) -> Actor:
        """A person actor; a dictionary entry fixes the name and country, and its role on the
        article's date stands in where the text names no title."""
        if entry is None:
            return Actor(name=name, type="person", country=country, role=title)
        coding = entry.coding(self.date)
        known = (coding.country if coding else None) or entry.country
        role = title or (coding.role if coding else None)
        return Actor(name=entry.name, type="person", country=known or country, role=role,
                     aliases=with_alias((), name, entry.name), wikidata=entry.wikidata)

    # --- named entities ----------------------------------------------------------------------

    def _entity(self, ent: Span) -> Mention | None:
        """What a tagger entity (or an untagged name) names: the gazetteer's reading first,
        then a dictionary entry, a surname of someone named, or an organisation."""
        doc = self.doc
        start, end, text = clean_name(ent, keep_titles=True)
        if not text or start >= end:
            return None
        if text in MEDIA:
            return Mention(start, end, (Actor(name=text, type="organization"),), "media", 0.9)
        entry = self._entry_for(start, end, text)
        if ent.label_ in ("GPE", "NORP", "LOC", "ORG", "FAC", "PERSON"):
            if any(ch in text for ch in "-/–—") and ent.label_ in ("NORP", "GPE", "ORG"):
                codes = gazetteer.split_compound_demonym(text)
                if len(codes) > 1:
                    return Mention(start, end, tuple(country_actor(c) for c in codes),
                                   "compound", 0.6)
            hit = gazetteer.lookup(text)
            if hit and hit.kind in ("country", "demonym"):
                return Mention(start, end, (country_actor(hit.code),), hit.kind,
                               0.9 if hit.kind == "country" else 0.85)
            if hit and hit.kind in ("capital", "seat"):
                root = doc[start:end].root
                if ent.label_ == "PERSON" or _described(root) or not _acts(root,
                                                                          hit.kind == "seat"):
                    # "Victoria, a lobbyist, denounced ...": a person, not the Seychelles'
                    # government; "talks in Beijing": a place, not a party
                    return None
                return Mention(start, end, (country_actor(hit.code),), hit.kind,
                               0.75 if hit.kind == "capital" else 0.85)
            if hit and hit.kind == "igo":
                igo = Actor(name=hit.name, type="igo", country=hit.code, id=f"igo:{hit.code}")
                return Mention(start, end, (igo,), "igo", 0.9)
            if hit and hit.kind == "group":
                return Mention(start, end, (_armed_group(hit),), "armed_group", 0.85)
            if hit and hit.kind == "place":
                return None
        if entry is not None:
            return self._entry_mention(start, end, entry, ent.label_)
        if ent.label_ in ("ORG", "PERSON", "NORP", "GPE"):
            person = self._surname_of(text)
            if person is not None:
                return Mention(start, end, (person,), "surname", 0.75, name=text)
        if ent.label_ == "ORG" and not _ministry_name(doc, start, end):
            country = country_of(list(doc[max(0, start - 2):start]))
            return Mention(start, end, (Actor(name=text, type="organization", country=country),),
                           "name", 0.7)
        return None

    def _untagged_names(self) -> None:
        """Countries, demonyms, IGOs and armed groups the tagger left untagged ("Seychelles",
        "Azerbaijani hackers", "The ELN"): capitalised runs the gazetteer knows."""
        doc = self.doc
        i, n = 0, len(doc)
        while i < n:
            token = doc[i]
            if i in self.covered or not token.text[:1].isupper() or token.ent_type_ in (
                    "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"):
                i += 1
                continue
            for j in range(min(n, i + 6, token.sent.end), i, -1):
                span = doc[i:j]
                if not span[-1].text[:1].isupper() or any(t.i in self.covered for t in span):
                    continue
                hit = gazetteer.lookup(span.text)
                if hit is None or hit.kind == "place" or (hit.kind in ("igo", "group")
                                                          and len(span.text) < 3):
                    continue
                label = "NORP" if hit.kind == "demonym" else \
                    "ORG" if hit.kind in ("igo", "group", "seat") else "GPE"
                before = len(self.found)
                self.add(self._entity(_Span(span, label)))
                if len(self.found) > before:
                    i = j - 1
                break
            i += 1

    def _surname_of(self, text: str) -> Actor | None:
        """The person of the article whose full name has this one word, if exactly one does."""
        if not is_lone(text):
            return None
        people = {m.actors[0].id: m.actors[0] for m in self.found
                  if len(m.actors) == 1 and m.actors[0].type == "person"
                  and m.how in ("name", "surname")}
        candidates = owners(text, people.values(), None)
        if len(candidates) != 1:
            return None
        owner = candidates[0]
        return replace(owner, aliases=with_alias(owner.aliases, text, owner.name))

    def _entry_mention(self, start: int, end: int, entry: Entry,
                       label: str | None) -> Mention | None:
        """A mention from a dictionary entry, typed by the entry or else by the tagger."""
        coding = entry.coding(self.date)
        if coding is not None and coding.code == "---":
            return None  # the dictionary says: no actor here on this date
        country = (coding.country if coding else None) or entry.country
        role = coding.role if coding else None
        surface = self.doc[start:end].text
        type_ = entry.type or ("person" if label == "PERSON" else
                               "group" if role == "rebel" else
                               "organization" if label == "ORG" and not country else "country")
        if type_ == "person":
            actor = self._person(surface, None, None, entry)
            return Mention(start, end, (actor,), "name", 0.95, actor.role, surface)
        if type_ == "country":
            if not country:
                return None
            actor = Actor(name=gazetteer.country_name(country) if gazetteer.is_country_code(
                country) else entry.name, type="country", country=country, role=role,
                aliases=with_alias((), surface, entry.name))
            return Mention(start, end, (actor,), "country", 0.95)
        known = gazetteer.igo(entry.name) if type_ == "igo" else None
        actor = Actor(name=known.name if known else entry.name, type=type_, country=country,
                      role=role, aliases=with_alias((), surface, entry.name),
                      wikidata=entry.wikidata,
                      **({"id": f"igo:{known.code}"} if known else {}))
        how = {"igo": "igo", "group": "armed_group"}.get(type_, "name")
        return Mention(start, end, (actor,), how, 0.95)

    # --- the state acting --------------------------------------------------------------------

    def _widen_state_agents(self) -> None:
        """'the Chinese government', 'Russian troops', 'the government of China': widen the
        country mention over the noun phrase and give the state the role the noun implies."""
        doc = self.doc
        for k, mention in enumerate(self.found):
            if mention.how in ("name", "surname") and len(mention.actors) == 1:
                self._widen_regime(k, mention)
                continue
            armed = mention.how == "armed_group"
            if mention.how not in ("country", "demonym", "capital", "seat", "armed_group") or \
                    len(mention.actors) != 1:
                continue
            root = doc[mention.start:mention.end].root
            head = root.head
            if root.dep_ in ("compound", "amod", "poss", "nmod") and head.i > root.i:
                noun = head
            elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i:
                noun = head.head
            else:
                continue
            if armed:
                lemma = noun.lemma_.lower() if noun.lemma_.lower() in GROUP_AGENTS else None
            else:
                lemma = _agent_lemma(noun)
            if lemma is None or lemma in PERSON_NOUNS or noun.i in self.covered or \
                    noun.lower_ in MINISTRY_WORDS:
                continue  # people are titles; ministries get their own actor
            start = min(mention.start, noun.i)
            while start > 0 and doc[start - 1].dep_ in ("det", "amod", "compound") and \
                    doc[start - 1].head.i == noun.i and not doc[start - 1].is_punct:
                start -= 1
            end = max(mention.end, noun.i + 1)
            if any(i in self.covered for i in range(start, end)
                   if not mention.start <= i < mention.end):
                continue
            if armed:
                self.found[k] = replace(mention, start=start, end=end)
            else:
                actor = replace(mention.actors[0], role=STATE_AGENTS.get(lemma))
                self.found[k] = Mention(start, end, (actor,), "government", 0.85)
            self.covered.update(range(start, end))

    def _widen_regime(self, k: int, mention: Mention) -> None:
        """'the Obama administration', "Maduro's government": the state the person leads."""
        doc = self.doc
        person = mention.actors[0]
        root = doc[mention.start:mention.end].root
        noun = root.head
        if person.type != "person" or root.dep_ not in ("compound", "poss") or \
                noun.i <= root.i or noun.lemma_.lower() not in REGIME_NOUNS or \
                noun.i in self.covered:
            return
        start = mention.start - 1 if mention.start > 0 and \
            doc[mention.start - 1].lower_ == "the" else mention.start
        actor = replace(country_actor(person.country), role="government") if person.country \
            else person
        self.found[k] = Mention(start, noun.i + 1, (actor,), "government", 0.75)
        self.covered.update(range(start, noun.i + 1))

    def _abbreviations(self) -> None:
        """'the World Food Programme (WFP)': the abbreviation joins the mention, becomes an
        alias, and names the same actor wherever the article uses it again."""
        doc = self.doc
        known: dict[str, Actor] = {}
        for mention in list(self.found):
            end = mention.end
            if len(mention.actors) != 1 or mention.how not in (
                    "name", "igo", "armed_group", "ministry", "government") or \
                    mention.actors[0].type == "person" or end + 2 >= len(doc) or \
                    doc[end].text != "(" or doc[end + 2].text != ")":
                continue
            short = doc[end + 1].text
            if not (short.isupper() and 2 <= len(short) <= 8):
                continue
            inner = next((m for m in self.found if m.start == end + 1 and m.end == end + 2), None)
            if inner is not None and inner.how in ("igo", "armed_group") and mention.how == "name":
                actor = inner.actors[0]  # "U.N. World Food Program (WFP)": the IGO we know
                self.found.remove(inner)
            elif end + 1 in self.covered:
                continue
            else:
                actor = mention.actors[0]
            actor = replace(actor, aliases=with_alias(actor.aliases, short, actor.name))
            known[short] = actor
            self.found[self.found.index(mention)] = replace(mention, end=end + 3, actors=(actor,),
                                                            how=inner.how if inner else mention.how)
            self.covered.update(range(end, end + 3))
        if not known:
            return
        for k, mention in enumerate(self.found):
            text = doc[mention.start:mention.end].text
            if text in known and mention.how in ("name", "igo", "armed_group") and \
                    mention.actors[0].id != known[text].id:
                self.found[k] = replace(mention, actors=(known[text],), how="name")

    def _ministries(self) -> None:
        """'China's Foreign Ministry', 'the Ministry of Foreign Affairs of Kyrgyzstan', 'the US
        State Department': one organisation per portfolio and country."""
        doc = self.doc
        for token in doc:
            if token.lower_ not in MINISTRY_WORDS or token.i in self.covered:
                continue
            found = _ministry_at(doc, token)
            if found is None:
                continue
            start, end, name, country = found
            ident = f"organization:{country.lower() + '-' if country else ''}{slugify(name)}"
            actor = Actor(name=name, type="organization", country=country, role="government",
                          id=ident)
            self.replace_within(Mention(start, end, (actor,), "ministry", 0.85),
                                frozenset({"country", "demonym", "name", "government"}))

    def _armed_descriptions(self) -> None:
        """'Syrian rebels', 'Afghan insurgents': a country's armed opposition as one group."""
        doc = self.doc
        for token in doc:
            if token.i in self.covered or token.lemma_.lower() not in ARMED_NOUNS or \
                    token.pos_ not in ("NOUN", "PROPN"):
                continue
            for child in token.children:
                code = gazetteer.country_code(child.text) if child.i < token.i and \
                    child.dep_ in ("amod", "compound") else None
                if code:
                    start = child.i - 1 if child.i > 0 and doc[child.i - 1].lower_ == "the" \
                        else child.i
                    noun = token.lemma_.lower()
                    actor = Actor(name=doc[child.i:token.i + 1].text, type="group",
                                  country=code, role="rebel",
                                  id=f"group:{code.lower()}-{slugify(noun)}s")
                    self.replace_within(Mention(start, token.i + 1, (actor,), "armed_group", 0.7,
                                                "rebel"), frozenset({"demonym", "country"}))
                    break

    # --- offices and descriptions ------------------------------------------------------------

    def _titles(self) -> None:
        """Office-holders named by title only: "China's Minister of Commerce", "the Chinese
        leader", "the foreign minister".

        A lower-case description ("the Kyrgyz president") refers back to the one person of that
        country (and a compatible office) named before; a capitalised title with a country and
        no earlier holder becomes an unnamed office-holder of that country, since the article
        does name an office. Descriptions that fit two people are left alone.
        """
        doc = self.doc
        for sent in doc.sents:
            for token in sent:
                if token.i in self.covered or token.pos_ not in ("NOUN", "PROPN", "ADJ") or \
                        not gazetteer.may_start_title(token.text):
                    continue
                phrase, end = title_at(doc, token.i, sent.end)
                if not phrase or any(i in self.covered for i in range(token.i, end)):
                    continue
                if end < len(doc) and doc[end].ent_type_ == "PERSON":
                    continue  # a title in front of a name the tagger cut short
                modifiers: list[Token] = []
                j = token.i - 1
                while j >= sent.start and len(modifiers) < 4 and title_word(doc[j]):
                    modifiers.insert(0, doc[j])
                    j -= 1
                where, country = country_at(modifiers)
                country = country or country_inside(doc[token.i:end])
                role = role_class(phrase)
                start = where if where is not None else token.i
                definite = start > 0 and doc[start - 1].lower_ in ("the", "this", "that")
                if definite:
                    start -= 1
                replaceable = frozenset({"country", "demonym", "government"})
                if doc[end - 1].tag_ in ("NNS", "NNPS"):
                    if country and role in STATE_ROLES:  # "U.S. advisers": the state acting
                        self.replace_within(Mention(start, end, (replace(
                            country_actor(country), role=role),), "government", 0.75), replaceable)
                    continue
                described = phrase[0].islower() or definite or country is None
                if described:
                    earlier = self._holders(token.i, country, phrase)
                    if len(earlier) == 1:
                        self.replace_within(Mention(start, end, (earlier[0],), "description",
                                                    0.7 if country else 0.6, role), replaceable)
                        continue
                    if earlier or country is None:
                        continue  # two people fit, or no one and no country: leave it
                if role in UNIQUE_OFFICES or (role == "minister" and len(phrase.split()) > 1):
                    actor = Actor(name=office(phrase), type="person", country=country,
                                  role=office(phrase),
                                  id=f"person:{country.lower()}-{slugify(phrase)}")
                    self.replace_within(Mention(start, end, (actor,), "title",
                                                0.5 if described else 0.7, role), replaceable)
                elif role in STATE_ROLES:  # "a Chinese diplomat": China acting, no one named
                    self.replace_within(Mention(start, end, (replace(
                        country_actor(country), role=role),), "government", 0.6), replaceable)

    def _holders(self, before: int, country: str | None, phrase: str) -> list[Actor]:
        """Distinct people named before token `before` who may hold the office `phrase`.

        With a country, anyone of that country whose office is compatible qualifies; without
        one, only people whose office the text gave and matches.
        """
        wanted = role_class(phrase)
        people: dict[str, Actor] = {}
        for mention in self.found:
            if mention.start >= before or len(mention.actors) != 1 or \
                    mention.how not in ("name", "surname", "title", "description"):
                continue
            actor = mention.actors[0]
            if actor.type != "person":
                continue
            if country is not None:
                if actor.country == country and compatible(wanted, mention.role, lenient=True):
                    people[actor.id] = actor
                elif actor.country is None and compatible(wanted, mention.role, lenient=False):
                    people[actor.id] = replace(actor, country=country)
            elif mention.role and compatible(wanted, mention.role, lenient=False):
                people[actor.id] = actor
        return list(people.values())

    # --- pronouns and "the two sides" --------------------------------------------------------

    def _references(self) -> Iterator[Mention]:
        """Pronouns and "the two sides", against everything named so far (see coreference)."""
        doc = self.doc
        ordered = sorted(self.found, key=lambda m: m.start)
        by_token = {i: m for m in ordered for i in range(m.start, m.end)}
        for token in doc:
            if token.i in self.covered:
                continue
            lowered = token.lower_
            if lowered in PERSON_PRONOUNS or lowered in THING_PRONOUNS:
                resolved = resolve_pronoun(token, ordered, by_token)
                if resolved:
                    actors, confidence = resolved
                    yield Mention(token.i, token.i + 1, actors, "pronoun", confidence)
            elif lowered in GROUP_WORDS and any(c.lower_ in ("two", "both")
                                                for c in token.children):
                before = [m for m in ordered if m.end <= token.i]
                pair = two_parties(before, lowered)
                if pair:
                    start = min([token.i] + [c.i for c in token.children
                                             if c.dep_ in ("det", "nummod", "predet")
                                             and c.i < token.i])
                    yield Mention(start, token.i + 1, pair, "group", 0.6)


class _Span:
    """A token run standing in for an entity the tagger missed, with the label it would have."""

    def __init__(self, span: Span, label: str):
        self.doc, self.start, self.end = span.doc, span.start, span.end
        self.text, self.label_, self.root = span.text, label, span.root


# --- names -----------------------------------------------------------------------------------


def _armed_group(hit: gazetteer.Hit) -> Actor:
    return Actor(name=hit.name, type="group", country=hit.country, role="rebel",
                 id=f"group:{slugify(hit.code)}")


# --- titles ----------------------------------------------------------------------------------


# --- the state acting ------------------------------------------------------------------------

def _agent_lemma(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in STATE_AGENTS:
        return lemma
    if noun.lower_ in ("authorities", "forces", "troops", "police"):
        return {"authorities": "authority", "forces": "force", "troops": "troop"}.get(
            noun.lower_, noun.lower_)
    return None


def _described(root: Token) -> bool:
    """Does an appositive say a capital's name is someone or something else ("Victoria, a
    lobbyist", not "Kabul, the Afghan capital")?"""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() not in PLACE_WORDS
               for c in root.children)


def _acts(root: Token, seat: bool) -> bool:
    """Is a capital (or seat of government) here the state acting, rather than a place?

    Subjects, possessors of a non-place noun, direct objects and the objects of "with",
    "against", "between" act ("Beijing said", "Moscow's decision", "talks with Moscow"); the
    objects of "in", "at", "near", "from" are places. A seat of government acts unless it is
    plainly a place ("at the White House").
    """
    token = root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    dep, head = token.dep_, token.head
    if dep in ("nsubj", "nsubjpass", "dative"):
        return True
    if dep == "dobj":  # "recognised Jerusalem as the capital": a place named, not a party
        return not any(c.dep_ == "prep" and c.lower_ == "as" for c in head.children)
    if dep == "poss":
        return head.lemma_.lower() not in PLACE_NOUNS
    if dep == "compound":
        return head.lemma_.lower() in STATE_AGENTS or bool(gazetteer.title_role(head.text))
    if dep == "pobj":
        prep = head.lower_
        if prep == "by" and head.dep_ == "agent":
            return True
        if prep in ACTING_PREPS:
            return True
        if prep == "to" or (prep in ("on", "from", "upon", "for")
                            and head.head.lemma_.lower() in PARTY_NOUNS):
            return True  # "a visit to Moscow", "sanctions on Moscow", "aid for Kabul"
        if prep in ("in", "at", "near", "outside", "inside", "into", "across", "around",
                    "through", "within", "from", "of", "for", "over", "via"):
            return False
        return seat
    return seat and dep not in ("appos", "ROOT", "npadvmod")


# --- ministries ------------------------------------------------------------------------------

def _ministry_name(doc: Doc, start: int, end: int) -> bool:
    return any(doc[i].lower_ in MINISTRY_WORDS for i in range(start, end))


def _ministry_at(doc: Doc, token: Token) -> tuple[int, int, str, str | None] | None:
    """(start, end, canonical name, country) of the ministry phrase headed by `token`."""
    left = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod", "poss",
                                                                       "nmod", "det")]
    right: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i > token.i:
            right = list(child.subtree)
    words = [t for c in left for t in c.subtree] + right[1:]
    country = None
    portfolio: list[str] = []
    for t in sorted(words, key=lambda t: t.i):
        if t.is_punct or t.lower_ in ("the", "a", "an", "'s", "’s", "of", "and", "&") or \
                t.dep_ == "det":
            if t.lower_ in ("and", "&") and portfolio:
                portfolio.append("and")
            continue
        code = gazetteer.country_code(t.text)
        if code and country is None:
            country = code
            continue
        if code is None and t.ent_type_ in ("GPE",) and gazetteer.lookup(t.text):
            continue
        if t.text[:1].isupper() or t.pos_ in ("NOUN", "ADJ", "PROPN"):
            portfolio.append(t.text)
    while portfolio and portfolio[-1] == "and":
        portfolio.pop()
    if not portfolio:
        return None
    topic = " ".join(portfolio)
    folded = gazetteer.folded_key(topic)
    if token.lower_ == "department":
        if folded not in US_DEPARTMENTS:
            return None
        country = country or "USA"
        name = "Department of State" if folded == "state" else \
            f"Department of {'Defense' if folded in ('defense', 'defence') else topic.title()}"
    elif folded in ("foreign", "foreign affairs", "external affairs", "foreign relations"):
        name = "Ministry of Foreign Affairs"
    elif folded in ("defence", "defense", "war"):
        name = "Ministry of Defence"
    else:
        name = f"Ministry of {topic[:1].upper() + topic[1:]}"
    span = [token.i] + [t.i for t in words]
    return min(span), max(span) + 1, name, country


# --- pronouns and groups ---------------------------------------------------------------------


