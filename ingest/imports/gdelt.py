"""GDELT 1.0 and 2.0 event tables (and 2.0 mention tables, joined for provenance).

Columns are those of the GDELT codebooks: 1.0 has 58 (57 in the historical back-files, which
end before SOURCEURL), 2.0 has 61 (it adds the ADM2 code of each place). A file may carry its
header (copies made with pandas or R do) or not (GDELT's own files).

Each event's provenance is its GLOBALEVENTID (the article is ``gdelt1-<id>``) and SOURCEURL.
A GDELT 2.0 mention of the event in that same document adds the sentence number and the
action's character offset (the mention table's SentenceID and ActionCharOffset) and GDELT's
confidence; without one, the event points at sentence 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from diplograph.graph.model import ArticleGraph
from diplograph.ingest.imports.coding import cameo_actor, number, place, record
from diplograph.ingest.imports.tables import BadRow, Reader, Row, read_table
from diplograph.ingest.readers import Skip

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_EVENT = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")


def _geo(prefix: str, adm2: bool) -> tuple[str, ...]:
    return tuple(f"{prefix}Geo_{name}" for name in (
        "Type", "FullName", "CountryCode", "ADM1Code", *(("ADM2Code",) if adm2 else ()),
        "Lat", "Long", "FeatureID"))


def _columns(adm2: bool) -> tuple[str, ...]:
    return ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
            *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR), *_EVENT,
            *_geo("Actor1", adm2), *_geo("Actor2", adm2), *_geo("Action", adm2),
            "DATEADDED", "SOURCEURL")


#: The published column lists.
GDELT1_COLUMNS = _columns(adm2=False)
GDELT2_COLUMNS = _columns(adm2=True)
MENTION_COLUMNS = ("GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType",
                   "MentionSourceName", "MentionIdentifier", "SentenceID", "Actor1CharOffset",
                   "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
                   "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras")


def read_gdelt1(path: Path, *, skipped: list[Skip]) -> Reader:
    """The events of a GDELT 1.0 event table."""
    for row in read_table(path, GDELT1_COLUMNS, skipped=skipped,
                          min_columns=len(GDELT1_COLUMNS) - 1):
        try:
            yield _event(row, "gdelt1")
        except BadRow as bad:
            skipped.append(Skip(row.where, str(bad)))


def read_gdelt2(path: Path, *, skipped: list[Skip], mentions: Sequence[str | Path] = ()) -> Reader:
    """The events of a GDELT 2.0 event table, with provenance from the mention tables.

    The mention tables are read first, keeping per event the mention in the event's own source
    document (MentionIdentifier equal to SOURCEURL), else its first mention.
    """
    found: dict[str, list[Row]] = {}
    for mentions_path in mentions:
        for row in read_table(Path(mentions_path), MENTION_COLUMNS, skipped=skipped):
            found.setdefault(row.get("GLOBALEVENTID") or "", []).append(row)
    for row in read_table(path, GDELT2_COLUMNS, skipped=skipped):
        seen = found.get(row.get("GLOBALEVENTID") or "", [])
        own = [m for m in seen if m.get("MentionIdentifier") == row.get("SOURCEURL")]
        try:
            yield _event(row, "gdelt2", (own or seen or [None])[0])
        except BadRow as bad:
            skipped.append(Skip(row.where, str(bad)))


def _event(row: Row, origin: str, mention: Row | None = None) -> ArticleGraph:
    """One event row (and its mention) as an imported record."""
    event_id = row.need("GLOBALEVENTID")
    day = row.need("SQLDATE")
    if len(day) != 8 or not day.isdigit():
        raise BadRow(f"malformed SQLDATE {day!r} (want YYYYMMDD)")
    actors = [cameo_actor(row.get(f"Actor{n}Code"), row.get(f"Actor{n}Name"),
                          row.get(f"Actor{n}CountryCode"), row.get(f"Actor{n}Type1Code"))
              for n in (1, 2)]
    extra = {}
    if mention is not None:
        sentence = number(mention.get("SentenceID"), "SentenceID")
        offset = number(mention.get("ActionCharOffset"), "ActionCharOffset")
        confidence = number(mention.get("Confidence"), "Confidence")
        extra = {"sentence_index": int(sentence or 0),
                 "span": (int(offset or 0), int(offset or 0)),
                 "confidence": 1.0 if confidence is None else confidence / 100}
    return record(
        origin=origin, source_id=event_id, where=row.where,
        date=f"{day[:4]}-{day[4:6]}-{day[6:]}", cameo_code=row.need("EventCode"),
        source=actors[0], target=actors[1],
        goldstein=number(row.get("GoldsteinScale"), "GoldsteinScale"),
        quad_class=number(row.get("QuadClass"), "QuadClass"),
        url=row.get("SOURCEURL") or (mention.get("MentionIdentifier") if mention else None),
        location=place(row.get("ActionGeo_FullName")), **extra)
