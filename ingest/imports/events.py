"""diplograph's own event JSONL (`diplograph extract --format jsonl`), from here or elsewhere.

Each line is one event in the record of DESIGN.md; its ids are kept, so importing events that
`extract` wrote on another machine gives the graph `ingest` would have given (less the article
text, which the records do not carry), and importing them again changes nothing. Events are
grouped into articles by ``article_id`` over the whole file (a store writes an article as a
unit, and a file need not keep an article's events together), so a file is held in memory
while it is read. ``origin`` is kept when a record has one, and is "extract" otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from diplograph.errors import InputError
from diplograph.graph.model import Actor, Article, ArticleGraph, Event, Location
from diplograph.ingest.readers import Skip

from diplograph.ingest.imports.tables import Reader

_REQUIRED = ("id", "article_id", "sentence_index", "sentence", "span", "trigger", "predicate",
             "plover_type", "cameo_code", "goldstein", "quad_class", "source")


def read_events(path: Path, *, skipped: list[Skip]) -> Reader:
    """The articles of an event JSONL file, in the order their first event came."""
    articles: dict[str, list[Event]] = {}
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot read the file ({err.strerror})") from err
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                event = _event(json.loads(line))
            except json.JSONDecodeError as err:
                skipped.append(Skip(where, f"not valid JSON: {err.msg} (col {err.colno})"))
                continue
            except (KeyError, TypeError, ValueError) as err:
                skipped.append(Skip(where, f"not an event record: {_reason(err)}"))
                continue
            articles.setdefault(event.article_id, []).append(event)
    for article_id, found in articles.items():
        yield ArticleGraph(Article(text="", id=article_id), tuple(found))


def _reason(err: Exception) -> str:
    return f"missing {err.args[0]}" if isinstance(err, KeyError) else str(err)


def _actor(data: dict[str, Any]) -> Actor:
    return Actor(name=data["name"], type=data["type"], country=data.get("country"),
                 role=data.get("role"), id=data.get("id") or "")


def _event(data: Any) -> Event:
    """One record as a model event.

    Raises:
        KeyError, TypeError, ValueError: for a record that is not an event.
    """
    if not isinstance(data, dict):
        raise TypeError("a line must hold a JSON object")
    for name in _REQUIRED:
        if name not in data:
            raise KeyError(name)
    location = data.get("location")
    start, end = data["span"]
    return Event(
        article_id=str(data["article_id"]), sentence_index=int(data["sentence_index"]),
        sentence=data["sentence"], span=(int(start), int(end)), trigger=data["trigger"],
        predicate=data["predicate"], plover_type=data["plover_type"],
        cameo_code=str(data["cameo_code"]), goldstein=float(data["goldstein"]),
        quad_class=int(data["quad_class"]),
        source=tuple(_actor(a) for a in data["source"]),
        target=tuple(_actor(a) for a in data.get("target") or ()),
        plover_mode=data.get("plover_mode"),
        plover_context=tuple(data.get("plover_context") or ()), object=data.get("object"),
        date=data.get("date"),
        location=Location(location["name"], location.get("country")) if location else None,
        negated=bool(data.get("negated", False)), modality=data.get("modality", "asserted"),
        confidence=float(data.get("confidence", 0.5)), date_basis=data.get("date_basis"),
        mention_sentences=tuple(data.get("mention_sentences") or ()),
        story_key=data.get("story_key"), origin=data.get("origin") or "extract",
        source_event_id=data.get("source_event_id"), id=str(data["id"]))
