"""From a dataset's codes to ours: countries to ISO3, CAMEO actor codes to actors, and one
imported record to the `ArticleGraph` that holds it.

Country codes and names:

- GDELT's ``Actor*CountryCode`` is a CAMEO country code, which is ISO 3166-1 alpha-3 for every
  state but a few (`CAMEO_STATES`: "ROM" for Romania is ROU, Zaire "ZAR" is COD, East Timor
  "TMP" is TLS, Kosovo "KOS" is XKX, and places CAMEO codes apart from their state, the West
  Bank, Gaza and Baghdad). CAMEO's regional codes (`CAMEO_REGIONS`: "EUR" Europe, "WST" the
  West, "AFR" Africa, ...) are not states: an actor coded only by one is a "group" with no
  country, so it never counts toward a state's timeline.
- ICEWS and POLECAT name countries in words ("Russian Federation", "Occupied Palestinian
  Territory"): ingest's country dictionary (``ingest/data/countries.csv``, names and aliases)
  reads them, then the spellings of `COUNTRY_SPELLINGS`, then pycountry's ISO names.
- GDELT places carry FIPS 10-4 country codes, which are not ISO; a place's country is read
  from the last part of its full name instead ("Tbilisi, T'bilisi, Georgia" is GEO).

Event codes: the CAMEO code as the source gives it names the PLOVER type and mode through the
shared CAMEO-PLOVER table (``graph/data/cameo_codes.csv``); a code the table lacks is recorded
as its closest parent (``0213`` as ``021``), and a row whose code has no known root is skipped.
Goldstein and QuadClass are kept as the source gives them, and taken from the table only when
the source leaves them out (ICEWS gives no QuadClass; POLECAT no CAMEO code: its PLOVER type's
default code is recorded). Dates keep the precision the source gives.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from diplograph.errors import QueryError
from diplograph.graph import codes
from diplograph.graph.model import (
    Actor,
    ActorType,
    Article,
    ArticleGraph,
    Event,
    Location,
    slugify,
    stable_hash,
)
from diplograph.ingest.imports.tables import BadRow

#: CAMEO country codes that are not the ISO3 code of the same state.
CAMEO_STATES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KOS": "XKX", "WSB": "PSE",
                "GZS": "PSE", "BAG": "IRQ", "SER": "SRB", "YUG": "SRB"}
#: CAMEO's regional codes, and what each stands for.
CAMEO_REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus",
    "CFR": "Central Africa", "CAS": "Central Asia", "CEU": "Central Europe",
    "EIN": "East Indies", "EAF": "East Africa", "EEU": "Eastern Europe", "EUR": "Europe",
    "LAM": "Latin America", "MEA": "Middle East", "MDT": "Mediterranean",
    "NAF": "North Africa", "NMR": "North America", "PGS": "Persian Gulf",
    "SCN": "Scandinavia", "SAM": "South America", "SAS": "South Asia",
    "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "the West",
}
#: Country names as the datasets write them where ingest's dictionary spells them otherwise.
COUNTRY_SPELLINGS = {
    "russian federation": "RUS", "occupied palestinian territory": "PSE",
    "moldova, republic of": "MDA", "the former yugoslav republic of macedonia": "MKD",
    "democratic republic of congo": "COD", "congo": "COG", "swaziland": "SWZ",
    "holy see": "VAT", "cote d'ivoire": "CIV", "timor-leste": "TLS", "laos": "LAO",
    "czech republic": "CZE", "united states": "USA", "united kingdom": "GBR",
}
#: CAMEO actor role codes (GDELT ``Actor*Type1Code``) read as non-state armed groups.
GROUP_ROLES = {"REB", "INS", "SEP", "UAF", "IMG", "RAD", "CRM", "OPP"}


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """Ingest's country dictionary: lower-cased names and aliases to ISO3, ISO3 to name."""
    by_name: dict[str, str] = {}
    names: dict[str, str] = {}
    text = (resources.files("diplograph.ingest") / "data" / "countries.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    for row in rows:
        names[row["iso3"]] = row["name"]
        for name in (row["name"], *row["aliases"].split(";")):
            if name.strip():
                by_name.setdefault(name.strip().lower(), row["iso3"])
    return by_name, names


def country_name(iso3: str) -> str | None:
    """The short English name of a state, as the extractor names country actors."""
    return _countries()[1].get(iso3)


@cache
def country_of_name(name: str) -> str | None:
    """The ISO3 code of a country named in words, or None.

    >>> country_of_name("Russian Federation"), country_of_name("Kyrgyzstan"), country_of_name("x")
    ('RUS', 'KGZ', None)
    """
    key = name.strip().lower()
    found = _countries()[0].get(key) or COUNTRY_SPELLINGS.get(key)
    if found:
        return found
    import pycountry

    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


@cache
def country_of_code(code: str) -> str | None:
    """The ISO3 code of a CAMEO country code; None for a regional code or an unknown one.

    >>> country_of_code("USA"), country_of_code("ROM"), country_of_code("EUR")
    ('USA', 'ROU', None)
    """
    if code in CAMEO_STATES:
        return CAMEO_STATES[code]
    if code in CAMEO_REGIONS:
        return None
    if code in _countries()[1]:
        return code
    import pycountry

    return code if pycountry.countries.get(alpha_3=code) else None


def cameo_actor(code: str | None, name: str | None, country_code: str | None,
                role: str | None = None) -> Actor | None:
    """The actor a CAMEO actor code stands for (GDELT's ``Actor1Code`` and its columns).

    A code that is a state's country code and nothing more is that state (`Actor.country_actor`,
    named as the extractor names it); any other code is an organisation of its country ("USAGOV"
    is the US government), an IGO, or a group (armed groups, regions), with an id made of the
    code, so every row coding the same actor names the same node.

    >>> cameo_actor("RUS", "RUSSIA", "RUS").id, cameo_actor("USAGOV", "UNITED STATES", "USA").id
    ('country:RUS', 'organization:cameo-usagov')
    >>> cameo_actor("IGOWSTNAT", "NATO", "WST", "IGO").country is None
    True
    """
    code = code or country_code
    if not code:
        return None
    iso3 = country_of_code(country_code) if country_code else None
    if iso3 and code == country_code:
        return Actor.country_actor(iso3, country_name(iso3) or name)
    kind: ActorType = ("igo" if role == "IGO" or code.startswith("IGO")
                       else "group" if role in GROUP_ROLES or code in CAMEO_REGIONS
                       else "organization")
    label = name or CAMEO_REGIONS.get(code) or code
    return Actor(label, kind, iso3, id=f"{kind}:cameo-{slugify(code)}")


def place(full_name: str | None) -> Location | None:
    """A place from a GDELT-style full name, its country read from the name's last part.

    >>> place("Tbilisi, T'bilisi, Georgia")
    Location(name="Tbilisi, T'bilisi, Georgia", country='GEO')
    """
    if not full_name:
        return None
    return Location(full_name, country_of_name(full_name.rsplit(",", 1)[-1]))


def coded(cameo_code: str) -> codes.CameoCode:
    """The table's entry for a source's CAMEO code, or for its closest parent.

    Raises:
        BadRow: when not even the code's root is known.
    """
    code = cameo_code.strip()
    for length in range(len(code), 1, -1):
        try:
            return codes.cameo(code[:length])
        except QueryError:
            continue
    raise BadRow(f"unknown CAMEO code {cameo_code!r}")


def number(text: str | None, what: str) -> float | None:
    """A numeric cell, or None when empty.

    Raises:
        BadRow: for text that is not a number.
    """
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise BadRow(f"not a number in {what}: {text!r}") from None


def record(*, origin: str, source_id: str, where: str, date: str | None, cameo_code: str,
           source: Actor | tuple[Actor, ...] | None,
           target: Actor | tuple[Actor, ...] | None, goldstein: float | None = None,
           quad_class: float | None = None, plover_type: str | None = None,
           plover_mode: str | None = None, plover_context: tuple[str, ...] = (),
           url: str | None = None,
           location: Location | None = None, sentence: str = "", sentence_index: int = 0,
           span: tuple[int, int] = (0, 0), confidence: float = 1.0,
           story_key: str | None = None, title: str | None = None,
           published: str | None = None) -> ArticleGraph:
    """One imported record as an article of its own holding its one event.

    Ids come from the origin and the source's id, so a record imported twice is one article.
    The article stands for the record: its date is the source's publication date when the
    source gives one (`published`), never the event's. `plover_type` and `plover_mode` override the CAMEO table's reading (POLECAT codes PLOVER
    itself); a missing Goldstein or QuadClass is the table's.

    Raises:
        BadRow: for a malformed date or an unknown code.
    """
    code = coded(cameo_code)
    if quad_class is not None and quad_class not in codes.QUAD_CLASSES:
        raise BadRow(f"QuadClass out of range: {quad_class:g} (want 1-4)")
    if goldstein is not None and not -10 <= goldstein <= 10:
        raise BadRow(f"Goldstein value out of range: {goldstein:g} (want -10 to 10)")
    article_id = f"{origin}-{source_id}"
    if plover_type:
        try:
            plover_type = codes.plover_type(plover_type).type
        except QueryError:
            raise BadRow(f"unknown PLOVER type {plover_type!r}") from None
    try:
        article = Article(text="", id=article_id, title=title, url=url, origin=where,
                          date=published)
        event = Event(
            article_id=article_id, sentence_index=sentence_index, sentence=sentence, span=span,
            trigger="", predicate=code.name.lower(),
            plover_type=plover_type or code.plover_type,
            plover_mode=plover_mode if plover_type else code.plover_mode,
            plover_context=plover_context if plover_type else code.plover_context,
            cameo_code=code.code,
            goldstein=code.goldstein if goldstein is None else goldstein,
            quad_class=code.quad_class if quad_class is None else int(quad_class),
            source=_side(source), target=_side(target),
            date=date, location=location, confidence=confidence, story_key=story_key,
            origin=origin, source_event_id=source_id,
            id="e" + stable_hash(origin, source_id))
    except ValueError as err:
        raise BadRow(str(err)) from None
    return ArticleGraph(article, (event,))


def _side(actors: Actor | tuple[Actor, ...] | None) -> tuple[Actor, ...]:
    if actors is None:
        return ()
    return actors if isinstance(actors, tuple) else (actors,)
