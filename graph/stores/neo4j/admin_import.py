"""Files for ``neo4j-admin database import full``: chosen events in this backend's shape.

An export (`diplograph.queries.export`, ``--format csv`` to a directory) writes them through
`diplograph.graph.stores.write_neo4j_import`, so the imported database answers diplograph's own
questions. They need no driver: only the shape (`diplograph.graph.stores.neo4j.shape`).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from diplograph.graph.lookup import actor_keys
from diplograph.graph.model import Actor
from diplograph.graph.records import EventActor, EventRecord
from diplograph.graph.stores.neo4j.shape import ACTOR_LABELS, direct_type, has_direct_link


def write_neo4j_import(records: Sequence[EventRecord], folder: Path) -> tuple[
        tuple[Path, ...], tuple[str, ...]]:
    """Node and relationship files for ``neo4j-admin database import full``, and the command.

    The import gives the graph `diplograph.graph.stores.neo4j.shape` describes: Actor, Event and
    Article nodes, SOURCE_OF/TARGETS with each article's description of the actor (lookup keys
    from its id, name and country, and the :LookupKey nodes the questions enter by), REPORTED_IN,
    and the direct actor-to-actor relationships. Affiliations are not part of an event export,
    nor is the timeline rollup, which only a store's own writer keeps: such a database answers
    `events`, `met`, `path` and raw Cypher, while `timeline`, `partners` and `compare` need the
    articles ingested. Run the command in `folder` with the server stopped;
    ``--overwrite-destination`` replaces the database named last.
    """
    folder.mkdir(parents=True, exist_ok=True)
    actors: dict[str, Any] = {}
    articles: dict[str, EventRecord] = {}
    known_as: dict[tuple[str, str], None] = {}
    for record in records:
        articles.setdefault(record.article_id, record)
        for actor in (*record.source, *record.target):
            actors.setdefault(actor.id, actor)
            known_as.update(dict.fromkeys((actor.id, key) for key in _keys(actor).split(";")))
    tables: dict[str, tuple[list[str], list[list[Any]]]] = {
        "actors.csv": (["id:ID(Actor)", "name", "type", "country", ":LABEL"], [
            [a.id, a.name, a.type, a.country, f"Actor;{ACTOR_LABELS[a.type]}"]
            for a in actors.values()]),
        "articles.csv": (["id:ID(Article)", "title", "date", "url", ":LABEL"], [
            [r.article_id, r.article_title, r.article_date, r.article_url, "Article"]
            for r in articles.values()]),
        "events.csv": (_NEO4J_EVENT_HEADER, [_neo4j_event(r) for r in records]),
        "lookup_keys.csv": (["key:ID(LookupKey)", ":LABEL"], [
            [key, "LookupKey"] for key in sorted({key for _, key in known_as})]),
        "known_as.csv": ([":START_ID(Actor)", ":END_ID(LookupKey)", ":TYPE"], [
            [actor_id, key, "KNOWN_AS"] for actor_id, key in known_as]),
        "reported_in.csv": (
            [":START_ID(Event)", ":END_ID(Article)", "sentence_index:int", "span:int[]", ":TYPE"],
            [[r.id, r.article_id, r.sentence_index, f"{r.span[0]};{r.span[1]}", "REPORTED_IN"]
             for r in records]),
        "source_of.csv": (
            [":START_ID(Actor)", ":END_ID(Event)", "name", "country", "match_keys:string[]",
             ":TYPE"],
            [[a.id, r.id, a.name, a.country, _keys(a), "SOURCE_OF"]
             for r in records for a in r.source]),
        "targets.csv": (
            [":START_ID(Event)", ":END_ID(Actor)", "name", "country", "match_keys:string[]",
             ":TYPE"],
            [[r.id, a.id, a.name, a.country, _keys(a), "TARGETS"]
             for r in records for a in r.target]),
        "direct.csv": (
            [":START_ID(Actor)", ":END_ID(Actor)", "event_id", "article_id", "date", ":TYPE"],
            [[s.id, t.id, r.id, r.article_id, r.date, direct_type(r.predicate)]
             for r in records if has_direct_link(r)
             for s, t in dict.fromkeys((s, t) for s in r.source for t in r.target)]),
    }
    paths = []
    for name, (header, rows) in tables.items():
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        paths.append(path)
    command = ("neo4j-admin", "database", "import", "full",
               "--nodes=actors.csv", "--nodes=articles.csv", "--nodes=events.csv",
               "--nodes=lookup_keys.csv", "--relationships=known_as.csv",
               "--relationships=reported_in.csv", "--relationships=source_of.csv",
               "--relationships=targets.csv", "--relationships=direct.csv",
               "--multiline-fields=true", "--overwrite-destination=true", "neo4j")
    return tuple(paths), command


_NEO4J_EVENT_HEADER = [
    "id:ID(Event)", "article_id", "sentence_index:int", "sentence", "span:int[]", "trigger",
    "predicate", "plover_type", "plover_mode", "plover_context:string[]", "cameo_code",
    "goldstein:double", "quad_class:int", "object", "date", "date_precision", "date_basis",
    "month", "location_name", "location_country", "negated:boolean", "modality",
    "confidence:double", "mention_sentences:int[]", "story_key", ":LABEL"]


def _neo4j_event(r: EventRecord) -> list[Any]:
    """The event's properties as `shape.event_properties` writes them."""
    month = r.date[:7] if r.date and r.date_precision != "year" else None
    return [r.id, r.article_id, r.sentence_index, r.sentence, f"{r.span[0]};{r.span[1]}",
            r.trigger, r.predicate, r.plover_type, r.plover_mode, ";".join(r.plover_context),
            r.cameo_code, r.goldstein, r.quad_class, r.object, r.date, r.date_precision,
            r.date_basis, month, r.location_name, r.location_country, str(r.negated).lower(),
            r.modality, r.confidence, ";".join(map(str, r.mention_sentences)), r.story_key,
            "Event"]


def _keys(actor: EventActor) -> str:
    described = Actor(actor.name, actor.type, actor.country, id=actor.id)
    return ";".join(sorted(actor_keys(described)))
