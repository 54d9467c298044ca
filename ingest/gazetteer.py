"""Offline gazetteer: names, adjectives and titles to countries, organisations and role classes.

The actor extractor meets "China's", "Kyrgyz", "U.N.", "Sino-Russian" and "Minister of Commerce"
thousands of times per corpus, so every answer here is a dictionary hit on a key built once from
four readable tables in ``data/`` (countries, igos, places, titles) plus pycountry's official
names. Keys forgive what news copy varies on (case, accents, dots, hyphens, curly apostrophes,
a leading "the", a possessive "'s") but not the case of abbreviations: "US" is the United States
and "us" is a pronoun; "WHO" is an agency and "who" is not.

>>> lookup("Chinese")
Hit(kind='demonym', code='CHN', name='China', country='CHN')
>>> lookup("U.N.").name
'United Nations'
>>> [country_code(w) for w in ("China’s", "the United States", "US", "us")]
['CHN', 'USA', 'USA', None]
>>> place("Geneva")
Hit(kind='place', code='CHE', name='Geneva', country='CHE')
>>> title_role("Minister of Commerce"), title_role("foreign minister"), title_role("PM")
('minister', 'foreign_minister', 'head_of_government')
>>> split_compound_demonym("Sino-Russian")
('CHN', 'RUS')

Shared names sit on the row news most often means and are listed with their other readings in
``_AMBIGUOUS`` (and in the places table's ``ambiguous_with`` column); ``alternatives()`` returns
them, so a caller can lower its confidence rather than trust the guess:

>>> lookup("Congo").code, alternatives("Congo")
('COD', ('COG',))

Lookups expect an entity span, not running text: a lower-case word that happens to be a name
("chad", "turkey", "jordan") still resolves, because the tagger, not the gazetteer, decides
whether a word names a place.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Generic, Literal, TypeVar

import pycountry

HitKind = Literal["country", "demonym", "capital", "seat", "place", "igo", "group"]
T = TypeVar("T")

ROLES: tuple[str, ...] = (
    "head_of_state",       # presidents, supreme leaders, the pope
    "head_of_government",  # prime ministers, premiers, chancellors
    "deputy_head",         # vice presidents, deputy prime ministers, vice premiers
    "foreign_minister",    # foreign ministers, US Secretary of State, UK Foreign Secretary
    "defence_minister",
    "minister",            # any other cabinet member, whatever the portfolio
    "deputy_minister",     # deputy, vice and junior ministers, under and assistant secretaries
    "ambassador",          # heads of mission, including high commissioners and nuncios
    "envoy",               # special envoys, negotiators, mediators
    "diplomat",            # other diplomatic staff: chargés, consuls, attachés
    "military",            # ranks and commands
    "legislature",         # presiding officers of a chamber (speakers, senate presidents)
    "legislator",          # members of a chamber
    "opposition",
    "official",            # civil servants, advisers, governors, mayors, chairs
    "spokesperson",
    "monarch",             # reigning monarchs and their heirs and royal families
    "igo_official",        # office-holders of international organisations
    "judge",               # judges and prosecutors (the CAMEO judiciary)
    "party_leader",
    "leader",              # a leader whose office the text does not name
    "government",          # a member of the executive whose office is not named (CAMEO GOV)
    "elite",               # national figures outside office: former leaders, oligarchs (CAMEO ELI)
    "rebel",               # armed non-state actors: rebels, insurgents, separatists (CAMEO REB)
    "civilian",            # people outside the state: activists, business, media, clergy
)

IGO_KINDS: tuple[str, ...] = ("igo", "agency", "court", "forum")

# Names shared by several states: the form -> the other states it may mean (the first reading,
# the one lookup() returns, is the row the name sits on in countries.csv).
_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "Congo": ("COG",),          # news means the DRC far more often than Congo-Brazzaville
    "Congolese": ("COG",),
    "Korea": ("PRK",),          # unqualified "Korea" is the South in most copy
    "Korean": ("PRK",),
    "Koreans": ("PRK",),
    "Dominican": ("DMA",),      # Dominica's people are Dominicans too
    "Dominicans": ("DMA",),
    "Guinean": ("GNB", "GNQ"),
    "Guineans": ("GNB", "GNQ"),
    "Macedonia": ("GRC",),      # also the Greek region
    "Macedonian": ("GRC",),
    "Macedonians": ("GRC",),
    "Samoa": ("ASM",),          # American Samoa
    "Samoan": ("ASM",),
    "Georgia": ("USA",),        # the US state; diplomatic copy means the country
    "Jerusalem": ("PSE",),      # Israel's declared capital; East Jerusalem is claimed by Palestine
    "Tripoli": ("LBN",),        # Lebanon's second city
    "Santiago": ("DOM", "CUB", "ESP"),
    "Victoria": ("CAN", "AUS"),  # Seychelles' capital; British Columbia's; an Australian state
    "Kingston": ("CAN",),
    "Georgetown": ("MYS", "USA"),
    "San José": ("USA",),
    "La Paz": ("MEX",),
}

# First parts of compounds that are not words on their own: "Sino-Russian", "Franco-German".
_COMBINING: dict[str, str] = {
    "sino": "CHN", "russo": "RUS", "indo": "IND", "franco": "FRA", "anglo": "GBR",
    "turko": "TUR", "turco": "TUR", "greco": "GRC", "graeco": "GRC", "helleno": "GRC",
    "italo": "ITA", "hispano": "ESP", "luso": "PRT", "nippo": "JPN", "japano": "JPN",
    "germano": "DEU", "austro": "AUT", "serbo": "SRB", "belgo": "BEL", "irano": "IRN",
}

# pycountry names that would swallow an ordinary word or a US state.
_PYCOUNTRY_SKIP = frozenset({"Jersey"})

# Words that may precede a title without changing the office it names.
_QUALIFIERS = frozenset("""
    a an his her its their our former acting interim caretaker outgoing incoming then ex late
    current new newly elected re appointed designate de facto self proclaimed declared styled
    ousted deposed exiled jailed slain longtime veteran top senior chief principal second
    special permanent presidential government military national regional provincial local
    federal co anonymous unnamed deputy vice assistant under junior associate first
""".split())
_DEPUTY = frozenset({"deputy", "vice", "assistant", "under", "junior", "associate"})
_MINISTERS = frozenset({"minister", "foreign_minister", "defence_minister"})
# Roles an organisation, chamber or party around the title may turn into igo_official,
# legislature or party_leader ("President of the European Commission", "Senate President").
_REFINABLE = frozenset({"head_of_state", "head_of_government", "deputy_head", "official",
                        "leader"})
# Titles that take a portfolio after "of" / "for": the portfolio decides the role.
_DEPARTMENT_HEADS = frozenset({
    "minister", "cabinet minister", "secretary", "secretary of state", "minister of state",
    "deputy minister", "vice minister", "junior minister", "deputy secretary",
    "assistant secretary", "under secretary", "undersecretary", "state secretary",
    "cabinet secretary", "parliamentary secretary",
})
_LEGISLATIVE = frozenset("""
    senate senates parliament parliaments parliamentary assembly house congress congressional
    duma knesset majlis rada sejm bundestag bundesrat legislature legislative chamber lords
    commons representatives deputies diet storting riksdag folketing eduskunta
""".split())
# Words a complement ("Minister of ___", "Speaker of ___") may be built from; anything else (a
# person's name after the title, say) means the phrase is not a title.
_COMPLEMENT_WORDS = _LEGISLATIVE | frozenset("""
    the and of for & foreign affairs external defence defense national commerce trade industry
    industries finance economy economic economics interior home internal justice health
    education agriculture transport transportation labour labor energy oil petroleum gas mines
    mining minerals environment culture information intelligence security state development
    planning communications communication tourism water housing religious emergency
    emergencies situations science sciences technology digital social welfare public works
    infrastructure investment treasury revenue customs immigration migration refugees youth
    sport sports women family children human rights fisheries forestry forests natural
    resources land lands urban rural regional local government cooperation international
    relations european europe integration unification reunification veterans war army armed
    forces navy naval air force maritime aviation civil telecommunications post posts media
    press overseas commonwealth diaspora citizenship employment enterprise enterprises
    business small budget fiscal monetary tax taxation climate change ecology nature
    irrigation food consumer competition innovation research higher primary secondary
    railways roads highways shipping ports power electricity nuclear atomic hydrocarbons space
    heritage arts broadcasting privatisation privatization reform reforms administrative
    administration territorial federation parliamentary legal law constitutional peace
    reconciliation solidarity pensions equality minorities homeland disaster protection
    staff general joint chiefs central bank party communist workers people's socialist
    democratic republican conservative liberal green ruling committee politburo delegation
    republic united nations union council commission organization organisation care skills
    communities levelling work industrial strategy net zero northern
""".split())
_DEFENCE_WORDS = frozenset({"defence", "defense", "war", "armed"})
_FOREIGN_PHRASES = ("foreign affairs", "external affairs", "foreign relations",
                    "foreign and commonwealth", "foreign commonwealth")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'",
                              "`": "'", "\u00b4": "'", "\u2032": "'", "\u2010": "-",
                              "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                              "\u2015": "-", "\u2212": "-"})
_EDGE = " \t\n\"“”«»,;:!?()[]{}"
_POSSESSIVE = re.compile(r"(?:(?<=[\w.])'s|(?<=s)')$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SEPARATORS = frozenset({"of", "for", "to"})


@dataclass(frozen=True)
class Hit:
    """One gazetteer answer. `code` is an ISO3 code except for IGOs and armed groups, where it is
    our id from igos.csv or groups.csv (`country` then says where a group fights, if anywhere)."""

    kind: HitKind
    code: str
    name: str
    country: str | None


# --- keys ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Normalise the characters news copy varies on, then drop a possessive and a leading 'the'."""
    cleaned = " ".join(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).split())
    cleaned = _POSSESSIVE.sub("", cleaned.strip(_EDGE)).strip(_EDGE)
    return _LEADING_THE.sub("", cleaned)


def _is_acronym(form: str) -> bool:
    """All capitals (a plural 's' allowed) with at least two letters or digits: US, G7, MPs."""
    core = form[:-1] if form.endswith("s") else form
    return (not any(ch.islower() for ch in core) and any(ch.isupper() for ch in core)
            and sum(ch.isupper() or ch.isdigit() for ch in core) >= 2)


def _acronym_key(form: str) -> str:
    return re.sub(r"[.\s\-]", "", form)


def _folded_key(form: str) -> str:
    decomposed = unicodedata.normalize("NFKD", form)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = bare.replace("&", " and ").replace("-", " ")
    return " ".join(re.sub(r"[.,]", "", bare).split())


@lru_cache(maxsize=65536)
def _keys(text: str) -> tuple[str, str] | None:
    """Both keys of a piece of text, computed once however many tables are asked."""
    cleaned = _clean(text)
    return (_acronym_key(cleaned), _folded_key(cleaned)) if cleaned else None


class _Names(Generic[T]):
    """Forms -> values: abbreviations keyed case-sensitively, everything else case-folded."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.exact: dict[str, T] = {}
        self.folded: dict[str, T] = {}

    def add(self, form: str, value: T, *, strict: bool = True) -> bool:
        """Index one form; a clash with a different value is a data error unless not strict."""
        cleaned = _clean(form)
        if not cleaned:
            return False
        if _is_acronym(cleaned):
            key = _acronym_key(cleaned)
            keys = [(self.exact, key)]
            if sum(ch.isalpha() for ch in key) >= 4:
                keys.append((self.exact, key[0] + key[1:].lower()))
        else:
            keys = [(self.folded, _folded_key(cleaned))]
        for table, key in keys:
            old = table.get(key)
            if old is not None and old != value:
                if strict:
                    raise ValueError(f"{self.what}: {form!r} names both {old} and {value}; keep "
                                     "it on one row and list the other reading as ambiguous")
                return False
        for table, key in keys:
            table[key] = value
        return True

    def get(self, text: str) -> T | None:
        return self.find(_keys(text))

    def find(self, keys: tuple[str, str] | None) -> T | None:
        if keys is None:
            return None
        hit = self.exact.get(keys[0])
        return hit if hit is not None else self.folded.get(keys[1])


def folded_key(text: str) -> str:
    """A name as other tables compare it: case, accents, dots and hyphens ignored, and a leading
    'the' or a possessive dropped. Unlike lookups, abbreviations are folded too ("US" = "us").

    >>> folded_key("the Al-Qaeda’s"), folded_key("George W. Bush")
    ('al qaeda', 'george w bush')
    """
    cleaned = _clean(text)
    return _folded_key(cleaned) if cleaned else ""


# --- tables -------------------------------------------------------------------------------


def _rows(name: str) -> Iterator[dict[str, str]]:
    source = files("diplograph.ingest") / "data" / name
    lines = [line for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines):
        yield {key: (value or "").strip() for key, value in row.items()}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _people_plural(demonym: str) -> str | None:
    """'Russian' -> 'Russians'; None where English adds nothing ('Chinese', 'Swiss', 'Thai'...)."""
    if demonym.endswith(("ese", "s", "sh", "ch", "z", "x", "ic", "y", "a", "o", "u")):
        return None
    return demonym + "s"


def _title_plural(title: str) -> str | None:
    """'foreign minister' -> 'foreign ministers', 'head of state' -> 'heads of state'."""
    if title.endswith("."):
        return None
    if _is_acronym(title):
        return None if title.endswith("s") else title + "s"
    words = title.split(" ")
    at = next((i for i, w in enumerate(words) if w.lower() in _SEPARATORS and i > 0), len(words))
    head = words[at - 1]
    stem, dash, tail = head.rpartition("-")
    if tail.lower() in ("elect", "general", "large", "chief") and stem:
        return None
    if tail.endswith("s") and not tail.endswith("ss"):
        return None
    if tail.endswith("man"):
        plural = tail[:-3] + "men"
    elif tail.endswith("person"):
        plural = tail[:-6] + "people"
    elif tail.endswith("y") and tail[-2:-1] not in ("a", "e", "o", "u"):
        plural = tail[:-1] + "ies"
    elif tail.endswith(("ss", "sh", "ch", "x", "z")):
        plural = tail + "es"
    else:
        plural = tail + "s"
    words[at - 1] = stem + dash + plural
    return " ".join(words)


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, str]
    countries: _Names[Hit]
    demonyms: _Names[Hit]
    capitals: _Names[Hit]
    seats: _Names[Hit]
    places: _Names[Hit]
    igos: _Names[Hit]
    groups: _Names[Hit]
    titles: _Names[tuple[str, str]]  # role, the listed title's key
    ambiguous: _Names[tuple[str, ...]]
    country_forms: tuple[tuple[str, str], ...]
    title_forms: tuple[tuple[str, str], ...]


@cache
def _gazetteer() -> _Gazetteer:
    names: dict[str, str] = {}
    countries: _Names[Hit] = _Names("countries.csv")
    demonyms: _Names[Hit] = _Names("countries.csv demonyms")
    capitals: _Names[Hit] = _Names("countries.csv capitals")
    seats: _Names[Hit] = _Names("countries.csv seats")
    forms: dict[tuple[str, str], None] = {}
    for row in _rows("countries.csv"):
        code = row["iso3"]
        names[code] = row["name"]
        country = Hit("country", code, row["name"], code)
        for form in [row["name"], *_split(row["aliases"])]:
            countries.add(form, country)
            forms[(form, code)] = None
        demonym = Hit("demonym", code, row["name"], code)
        for form in _split(row["demonyms"]):
            for variant in filter(None, (form, _people_plural(form))):
                demonyms.add(variant, demonym)
                forms[(variant, code)] = None
        if row["capital"]:
            capital = Hit("capital", code, row["capital"], code)
            for form in [row["capital"], *_split(row["capital_aliases"])]:
                capitals.add(form, capital)
        row_seats = _split(row["seats"])
        for form in row_seats:
            seats.add(form, Hit("seat", code, row_seats[0], code))
    for entry in pycountry.countries:
        code = entry.alpha_3
        name = names.get(code) or str(getattr(entry, "common_name", None) or entry.name)
        for attr in ("name", "common_name", "official_name"):
            known_as = getattr(entry, attr, None)
            if known_as and known_as not in _PYCOUNTRY_SKIP and countries.add(
                    known_as, Hit("country", code, name, code), strict=False):
                forms[(known_as, code)] = None

    places: _Names[Hit] = _Names("places.csv")
    ambiguous: _Names[tuple[str, ...]] = _Names("ambiguous forms")
    for form, others in _AMBIGUOUS.items():
        ambiguous.add(form, others)
    for row in _rows("places.csv"):
        if row["iso3"] not in names:
            raise ValueError(f"places.csv: {row['name']!r} has unknown country {row['iso3']!r}")
        hit = Hit("place", row["iso3"], row["name"], row["iso3"])
        for form in [row["name"], *_split(row["aliases"])]:
            places.add(form, hit)
            if row["ambiguous_with"]:
                ambiguous.add(form, tuple(_split(row["ambiguous_with"])))

    igos: _Names[Hit] = _Names("igos.csv")
    for row in _rows("igos.csv"):
        if row["kind"] not in IGO_KINDS:
            raise ValueError(f"igos.csv: {row['id']!r} has kind {row['kind']!r}, "
                             f"expected one of {IGO_KINDS}")
        hit = Hit("igo", row["id"], row["name"], None)
        for form in [row["name"], *_split(row["aliases"])]:
            igos.add(form, hit)

    groups: _Names[Hit] = _Names("groups.csv")
    for row in _rows("groups.csv"):
        if row["country"] and row["country"] not in names:
            raise ValueError(f"groups.csv: {row['id']!r} has unknown country {row['country']!r}")
        hit = Hit("group", row["id"], row["name"], row["country"] or None)
        for form in [row["name"], *_split(row["aliases"])]:
            groups.add(form, hit)

    titles: _Names[tuple[str, str]] = _Names("titles.csv")
    title_forms: dict[str, str] = {}
    for row in _rows("titles.csv"):
        if row["role"] not in ROLES:
            raise ValueError(f"titles.csv: {row['title']!r} has role {row['role']!r}, "
                             f"expected one of {ROLES}")
        titles.add(row["title"], (row["role"], _folded_key(_clean(row["title"]))))
        title_forms[row["title"]] = row["role"]
    for title, role in list(title_forms.items()):
        plural = _title_plural(title)
        if plural and titles.add(plural, (role, _folded_key(_clean(title))), strict=False):
            title_forms.setdefault(plural, role)
    ordered = sorted(title_forms.items(),
                     key=lambda tr: (-len(tr[0].split()), -len(tr[0]), tr[0]))
    return _Gazetteer(names, countries, demonyms, capitals, seats, places, igos, groups, titles,
                      ambiguous, tuple(forms), tuple(ordered))


# --- names --------------------------------------------------------------------------------


def lookup(text: str) -> Hit | None:
    """The best single reading of a name or adjective: country, demonym, IGO, armed group,
    capital, seat of government, place.

    >>> lookup("Kyrgyz Republic").code, lookup("Beijing").kind, lookup("nato")
    ('KGZ', 'capital', None)
    >>> lookup("the Kremlin"), lookup("Daesh").code
    (Hit(kind='seat', code='RUS', name='Kremlin', country='RUS'), 'ISIS')
    """
    g, keys = _gazetteer(), _keys(text)
    for index in (g.countries, g.demonyms, g.igos, g.groups, g.capitals, g.seats, g.places):
        hit = index.find(keys)
        if hit is not None:
            return hit
    return None


def country_code(text: str) -> str | None:
    """ISO3 for a country's name, alias or demonym; capitals and cities do not count.

    >>> country_code("Kyrgyz"), country_code("Kyrgyzstan"), country_code("Bishkek")
    ('KGZ', 'KGZ', None)
    """
    g, keys = _gazetteer(), _keys(text)
    hit = g.countries.find(keys) or g.demonyms.find(keys)
    return hit.code if hit is not None else None


def country_name(iso3: str) -> str:
    """Our short name for a code ("CHN" -> "China"); other ISO codes get pycountry's name.

    Unknown codes come back unchanged, so a caller can always print something.

    >>> country_name("CHN"), country_name("ABW"), country_name("XYZ")
    ('China', 'Aruba', 'XYZ')
    """
    known = _gazetteer().names.get(iso3)
    if known:
        return known
    entry = pycountry.countries.get(alpha_3=iso3) if is_country_code(iso3) else None
    if entry is None:
        return iso3
    return str(getattr(entry, "common_name", None) or entry.name)


def is_country_code(code: str) -> bool:
    """True for an upper-case ISO 3166-1 alpha-3 code, or one of ours such as XKX (Kosovo)."""
    if len(code) != 3 or not code.isalpha() or not code.isupper():
        return False
    return code in _gazetteer().names or pycountry.countries.get(alpha_3=code) is not None


def place(text: str) -> Hit | None:
    """Where something happened: a capital, another known place, or a whole country.

    >>> place("Kiev").name, place("Odessa").country, place("China").kind
    ('Kyiv', 'UKR', 'country')
    """
    g, keys = _gazetteer(), _keys(text)
    for index in (g.capitals, g.places, g.countries):
        hit = index.find(keys)
        if hit is not None:
            return hit
    return None


def igo(text: str) -> Hit | None:
    """An international organisation, court or forum by name or abbreviation."""
    return _gazetteer().igos.get(text)


def group(text: str) -> Hit | None:
    """An armed non-state group by name or abbreviation; `country` is where it fights, if one.

    >>> group("Houthi rebels").name, group("Houthi rebels").country, group("al-Qaida").country
    ('Houthis', 'YEM', None)
    """
    return _gazetteer().groups.get(text)


def seat(text: str) -> Hit | None:
    """A building or street that stands for a government in news copy: Kremlin, White House.

    >>> seat("Downing Street").code, seat("Moscow")
    ('GBR', None)
    """
    return _gazetteer().seats.get(text)


def alternatives(text: str) -> tuple[str, ...]:
    """Other states a name may mean besides the one lookup() returns; empty when it is clear.

    >>> alternatives("Hyderabad"), alternatives("Georgia"), alternatives("France")
    (('PAK',), ('USA',), ())
    """
    return _gazetteer().ambiguous.get(text) or ()


def split_compound_demonym(text: str) -> tuple[str, ...]:
    """Countries in a hyphenated or slashed compound, in order; () unless every part is one.

    A name that is itself hyphenated stays whole ("Guinea-Bissau"), and combining forms count
    only before another part ("Sino-" but not a lone "Sino"). Parts that are organisations
    ("EU-China") or not places at all ("Indo-Pacific", "Saudi-led") give ().

    >>> split_compound_demonym("Kyrgyz-Chinese"), split_compound_demonym("US–China")
    (('KGZ', 'CHN'), ('USA', 'CHN'))
    >>> split_compound_demonym("Israeli-Palestinian"), split_compound_demonym("Indo-Pacific")
    (('ISR', 'PSE'), ())
    """
    parts = [p for p in re.split(r"\s*[-/]\s*", _clean(text))]
    if not all(parts):
        return ()
    codes: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            segment = "-".join(parts[i:j])
            code = country_code(segment)
            if code is None and j == i + 1 and j < len(parts):
                code = _COMBINING.get(segment.casefold())
            if code:
                codes.append(code)
                i = j
                break
        else:
            return ()
    return tuple(codes)


def all_country_names() -> Iterable[tuple[str, str]]:
    """Every (surface form, ISO3) country_code() knows, for spaCy phrase patterns.

    Forms are as written in the tables: match all-capital ones on ORTH ("US") and the rest on
    LOWER, so the patterns keep the gazetteer's case rules.
    """
    return _gazetteer().country_forms


# --- titles -------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def title_role(text: str) -> str | None:
    """The role class a title phrase signals; None when the phrase is not (only) a title.

    The phrase must be a title and nothing else: qualifiers in front are read through
    ("former President"), as are an organisation or chamber that makes the office theirs
    ("NATO Secretary-General", "Senate President"), and a portfolio, organisation, chamber,
    party or country after "of"/"for"/"to" ("Minister of Commerce", "Secretary of State for
    Defence", "President of the European Commission"). A country in front ("Chinese Foreign
    Minister") or a name after ("President Xi") gives None, so a caller scanning for the longest
    title can split the country and the name off itself.

    >>> title_role("President"), title_role("Vice President"), title_role("Chancellor")
    ('head_of_state', 'deputy_head', 'head_of_government')
    >>> title_role("Chancellor of the Exchequer"), title_role("Secretary of State")
    ('minister', 'foreign_minister')
    >>> title_role("Secretary of State for Defence"), title_role("Deputy Commerce Minister")
    ('defence_minister', 'deputy_minister')
    >>> title_role("WHO Director-General"), title_role("the president's")
    ('igo_official', 'head_of_state')
    >>> title_role("Minister of Commerce Gao Hucheng"), title_role("Chinese President")
    (None, None)
    """
    words = [w for w in re.split(r"[\s\-]+", _clean(text)) if w]
    found = _title(tuple(words)) if words else None
    return found[0] if found else None


@lru_cache(maxsize=65536)
def may_start_title(word: str) -> bool:
    """Can a title phrase start with this word? A cheap filter before title_role() on spans.

    >>> may_start_title("Foreign"), may_start_title("former"), may_start_title("NATO")
    (True, True, True)
    >>> may_start_title("weather")
    False
    """
    return _folded_key(_clean(word)) in _title_starts() if _clean(word) else False


@cache
def _title_starts() -> frozenset[str]:
    g = _gazetteer()
    words = {title.split()[0] for title, _ in g.title_forms}
    words |= {form.split()[0] for form in list(g.igos.folded) + list(g.igos.exact)}
    words = {_folded_key(_clean(w)) for w in words if _clean(w)}
    return frozenset(words | _QUALIFIERS | _LEGISLATIVE)


def is_chamber(word: str) -> bool:
    """Is the word one a legislature is named by ("House", "Senate", "Duma", "Knesset")?

    >>> is_chamber("House"), is_chamber("Pelosi")
    (True, False)
    """
    return word.lower() in _LEGISLATIVE


def all_titles() -> Iterable[tuple[str, str]]:
    """Every (title phrase, role class), plurals included, longest first for phrase matchers."""
    return _gazetteer().title_forms


def _title(words: tuple[str, ...]) -> tuple[str, str] | None:
    """(role, the listed title it rests on) for a word sequence, or None.

    Qualifiers and organisations in front are peeled off before a complement after "of" is
    read, so "Deputy Chief of Staff of the Army" rests on "Chief of Staff", not on "chief".
    """
    titles = _gazetteer().titles
    exact = titles.get(" ".join(words))
    if exact is not None:
        return exact
    first = words[0].lower()
    if len(words) > 1 and first in _QUALIFIERS:
        rest = _title(words[1:])
        if rest:
            role = "deputy_minister" if first in _DEPUTY and rest[0] in _MINISTERS else rest[0]
            return role, rest[1]
    for k in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:k])
        if igo(prefix) or (all(w.lower() in _LEGISLATIVE or w.lower() in ("of", "the")
                               for w in words[:k]) and words[0].lower() in _LEGISLATIVE):
            rest = _title(words[k:])
            if rest:
                return _refined(rest[0], words[:k]), rest[1]
    for at in range(len(words) - 2, 0, -1):
        if words[at].lower() in _SEPARATORS:
            head = _title(words[:at])
            if head and _complement_ok(words[at + 1:]):
                return _with_complement(head, words[at + 1:]), head[1]
    return None


def _complement_ok(words: tuple[str, ...]) -> bool:
    """Is what follows 'of'/'for'/'to' part of the title rather than, say, a person's name?"""
    if not words:
        return False
    if lookup(" ".join(words)):
        return True
    return all(w.lower().strip(",") in _COMPLEMENT_WORDS or country_code(w) for w in words)


def _with_complement(head: tuple[str, str], words: tuple[str, ...]) -> str:
    """The role a title takes from what follows it: a portfolio, a party, a body."""
    role, core = head
    if core not in _DEPARTMENT_HEADS or role == "deputy_minister":
        return _refined(role, words)
    folded = _folded_key(" ".join(words))
    if "party" in folded.split():
        return "party_leader"
    if _DEFENCE_WORDS & set(folded.split()):
        return "defence_minister"
    if any(p in folded for p in _FOREIGN_PHRASES) or (folded == "state" and "secretary" in core):
        return "foreign_minister"
    return "minister"


def _refined(role: str, words: tuple[str, ...]) -> str:
    """The role an organisation, chamber or party next to the title turns a generic one into."""
    lowered = [w.lower() for w in words]
    if "party" in lowered and role in _REFINABLE | {"diplomat"}:
        return "party_leader"
    if role not in _REFINABLE:
        return role
    if igo(" ".join(words)):
        return "igo_official"
    if _LEGISLATIVE & set(lowered) and "white" not in lowered:
        return "legislature"
    return role
