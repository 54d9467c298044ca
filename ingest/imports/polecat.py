"""POLECAT event data (PLOVER-coded, the Dataverse weekly/yearly tab-separated files with header).

POLECAT codes PLOVER directly: ``Event Type``, ``Event Mode`` and ``Contexts`` are kept as the
event's PLOVER type, mode and contexts (a mode PLOVER does not list for the type is dropped), and
the CAMEO code recorded is the type's default one (`diplograph.graph.codes.default_cameo`), so
CAMEO filters still find the event by its root. ``Event Intensity`` is kept as the Goldstein value
and ``Quad Code`` as the QuadClass. Countries come as ISO3 codes or names. An actor named as
its country is that state; one with a title is a person; otherwise its primary sector decides
(armed groups, IGOs, else an organisation). A name that is a country's is that state,
whatever the side's country column says. Where POLECAT lists several actors on one side
(";"-separated), each becomes a source (or target) of the one event.
"""

from __future__ import annotations

from pathlib import Path

from diplograph.errors import QueryError
from diplograph.graph import codes
from diplograph.graph.model import Actor, ActorType, ArticleGraph, Location
from diplograph.ingest.imports.coding import (
    country_name,
    country_of_code,
    country_of_name,
    number,
    record,
)
from diplograph.ingest.imports.tables import BadRow, Reader, Row, read_table
from diplograph.ingest.readers import Skip

COLUMNS = ("Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
           "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
           "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
           "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
           "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
           "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country",
           "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
           "Publication Date", "Story People", "Story Organizations", "Story Locations",
           "Language", "Version")

QUAD_CODES = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3,
              "material conflict": 4}
_GROUP_SECTORS = ("REB", "INS", "SEP", "MIL_NONSTATE", "rebel", "insurgent", "militia")
_IGO_SECTORS = ("IGO", "intergovernmental")


def read_polecat(path: Path, *, skipped: list[Skip]) -> Reader:
    """The events of a POLECAT file."""
    for row in read_table(path, COLUMNS, skipped=skipped):
        try:
            yield _event(row)
        except BadRow as bad:
            skipped.append(Skip(row.where, str(bad)))


def country(value: str | None) -> str | None:
    """ISO3 from an ISO3 code or a name.

    >>> country("RUS"), country("Russia"), country(None)
    ('RUS', 'RUS', None)
    """
    if not value:
        return None
    if len(value) == 3 and value.isupper():
        return country_of_code(value)
    return country_of_name(value)


def actors(row: Row, side: str) -> tuple[Actor, ...]:
    """The actors of one side ("Actor" or "Recipient") of a row."""
    names = [n.strip() for n in (row.get(f"{side} Name") or "").split(";") if n.strip()]
    iso3 = country(row.get(f"{side} Country"))
    title = row.get(f"{side} Title")
    sector = row.get(f"Primary {side} Sector") or ""
    out = []
    for name in names:
        state = country_of_name(name)
        if state:
            out.append(Actor.country_actor(state, country_name(state) or name))
            continue
        kind: ActorType = ("person" if title
                           else "group" if any(s.lower() in sector.lower() for s in _GROUP_SECTORS)
                           else "igo" if any(s.lower() in sector.lower() for s in _IGO_SECTORS)
                           else "organization")
        out.append(Actor(name, kind, iso3, role=title))
    return tuple(out)


def _event(row: Row) -> ArticleGraph:
    plover_type = row.need("Event Type")
    try:
        cameo = codes.default_cameo(plover_type).code
    except QueryError:
        raise BadRow(f"unknown PLOVER type {plover_type!r}") from None
    mode = row.get("Event Mode")
    if mode and not codes.is_valid_mode(plover_type.upper(), mode.lower()):
        mode = None
    quad_text = (row.get("Quad Code") or "").strip().lower()
    quad = QUAD_CODES.get(quad_text) or (int(quad_text) if quad_text.isdigit() else None)
    contexts = tuple(c.strip().lower() for c in (row.get("Contexts") or "").replace(";", ",")
                     .split(",") if c.strip())
    where = row.get("Placename") or row.get("City") or row.get("Province")
    return record(
        origin="polecat", source_id=row.need("Event ID"), where=row.where,
        date=row.need("Event Date")[:10], cameo_code=cameo, source=actors(row, "Actor"),
        target=actors(row, "Recipient"),
        goldstein=number(row.get("Event Intensity"), "Event Intensity"), quad_class=quad,
        plover_type=plover_type, plover_mode=mode.lower() if mode else None,
        plover_context=contexts,
        location=Location(where, country(row.get("Country"))) if where else None,
        title=row.get("Source"), published=(row.get("Publication Date") or "")[:10] or None)
