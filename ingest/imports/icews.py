"""ICEWS coded event data (the Dataverse ``events.YYYY.tab`` files): tab-separated, with a header.

ICEWS names actors and countries in words and codes events in CAMEO. An actor named as its
country ("Russian Federation") is that state; any other is a person when ICEWS gives it no
sector (ICEWS names individuals that way), an armed group when a sector says so, an IGO for
the international-organisation sectors, else an organisation of its country. ``Intensity`` is
ICEWS's Goldstein value and is kept as given; the QuadClass, which ICEWS does not give, comes
from the CAMEO table. Provenance: the Event ID (the article is ``icews-<id>``), the publisher
as the article title, the sentence number, and the Story ID as the story key (the events of one
story share it, as reports of one story do for extracted events).
"""

from __future__ import annotations

from pathlib import Path

from diplograph.graph.model import Actor, ActorType, ArticleGraph, Location
from diplograph.ingest.imports.coding import country_name, country_of_name, number, record
from diplograph.ingest.imports.tables import BadRow, Reader, Row, read_table
from diplograph.ingest.readers import Skip

COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
           "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
           "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
           "Province", "Country", "Latitude", "Longitude")

_GROUP_WORDS = ("rebel", "insurgent", "separatist", "militia", "terror", "criminal")
_IGO_WORDS = ("international government", "intergovernmental", "regional diplomatic",
              "global diplomatic", "united nations")


def read_icews(path: Path, *, skipped: list[Skip]) -> Reader:
    """The events of an ICEWS event file."""
    for row in read_table(path, COLUMNS, skipped=skipped):
        try:
            yield _event(row)
        except BadRow as bad:
            skipped.append(Skip(row.where, str(bad)))


def actor(name: str | None, sectors: str | None, country: str | None) -> Actor | None:
    """An ICEWS actor (see the module docstring for the rule).

    >>> actor("Russian Federation", None, "Russian Federation").id
    'country:RUS'
    >>> a = actor("Foreign Affairs (Bangladesh)", "Executive,Foreign Ministry", "Bangladesh")
    >>> a.type, a.country
    ('organization', 'BGD')
    >>> actor("Michelle O'Neill", None, "United States").type
    'person'
    """
    if not name:
        return None
    iso3 = country_of_name(country) if country else None
    if iso3 and name.strip().lower() == country.strip().lower():
        return Actor.country_actor(iso3, country_name(iso3) or name)
    words = (sectors or "").lower()
    kind: ActorType = ("person" if not sectors
                       else "group" if any(w in words for w in _GROUP_WORDS)
                       else "igo" if any(w in words for w in _IGO_WORDS)
                       else "organization")
    return Actor(name, kind, iso3)


def _event(row: Row) -> ArticleGraph:
    date = row.need("Event Date")
    sentence = number(row.get("Sentence Number"), "Sentence Number")
    where = row.get("City") or row.get("District") or row.get("Province") or row.get("Country")
    country = row.get("Country")
    story = row.get("Story ID")
    return record(
        origin="icews", source_id=row.need("Event ID"), where=row.where, date=date,
        cameo_code=row.need("CAMEO Code"),
        source=actor(row.get("Source Name"), row.get("Source Sectors"), row.get("Source Country")),
        target=actor(row.get("Target Name"), row.get("Target Sectors"), row.get("Target Country")),
        goldstein=number(row.get("Intensity"), "Intensity"),
        location=Location(where, country_of_name(country) if country else None) if where else None,
        sentence_index=int(sentence or 0),
        story_key=f"icews-story-{story}" if story else None, title=row.get("Publisher"))
