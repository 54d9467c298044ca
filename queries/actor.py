"""`ask actor`: who an actor is, according to the articles, and whom it deals with.

The profile joins three answers that both backends give alike: the actor's names and keys
(`actor_names`), its dated roles with their evidence (`actor_affiliations`), and its events
(`diplograph.queries.events.events`), from which counterparts and the event mix are counted here.
Aliases are the names the actor is found by, case-folded as lookup keys store them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from diplograph.graph.lookup import lookup_key, normalise_name
from diplograph.graph.stores import Store
from diplograph.graph.vocab import resource_iri
from diplograph.queries.events import events
from diplograph.queries.filters import EventFilter, chosen
from diplograph.queries.templates import run


@dataclass(frozen=True)
class AffiliationRecord:
    role: str
    title: str | None
    country: str
    start: str | None
    end: str | None
    article_id: str
    evidence: str | None


@dataclass(frozen=True)
class Counterpart:
    id: str
    name: str
    country: str | None
    events: int
    goldstein_sum: float


@dataclass(frozen=True)
class ActorProfile:
    id: str
    name: str
    type: str | None
    country: str | None
    aliases: tuple[str, ...]
    affiliations: tuple[AffiliationRecord, ...]
    counterparts: tuple[Counterpart, ...]
    event_mix: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def actor(store: Store, spec: str, *, top: int = 10, since: str | None = None,
          until: str | None = None, plover_types: str | Iterable[str] | None = (),
          cameo: str | Iterable[str] | None = (),
          quad_classes: str | Iterable[int | str] | None = (),
          include_all: bool = False, filters: EventFilter | None = None) -> list[ActorProfile]:
    """Profiles of the actors `spec` names (a name or alias, an id, or ISO3 for the country).

    A name two actors share gives two profiles; an ISO3 code gives the country itself, not every
    actor of that country. The dates and type filters (those of `EventFilter`) choose the events
    the counterparts and the event mix are counted from, given as `filters` or as keywords;
    names and roles are always all given.
    """
    asked = chosen(filters, since=since, until=until, plover_types=plover_types, cameo=cameo,
                   quad_classes=quad_classes, include_all=include_all)
    key = lookup_key(spec)
    if key.startswith("country:"):
        key = f"id:country:{key.split(':', 1)[1]}"
    found: dict[str, dict[str, Any]] = {}
    # Articles may name one actor differently and rows come in no set order: the first row after
    # sorting (the smallest name, then country) describes it, the same on every backend.
    rows = sorted(run(store, "actor_names", {"key": key}),
                  key=lambda r: (r["actor_id"], r["name"] or "", r["country"] or ""))
    for row in rows:
        entry = found.setdefault(row["actor_id"], {**row, "keys": set()})
        entry["keys"].add(row["match_key"])
    return [_profile(store, entry, top, asked) for _, entry in sorted(found.items())]


def _profile(store: Store, entry: dict[str, Any], top: int, asked: EventFilter) -> ActorProfile:
    actor_id = entry["actor_id"]
    name_key = f"name:{normalise_name(entry['name'])}"
    aliases = sorted(k[5:] for k in entry["keys"] if k.startswith("name:") and k != name_key)
    rows = run(store, "actor_affiliations",
               {"actor_id": actor_id, "actor_iri": resource_iri("actor", actor_id)})
    affiliations = sorted({AffiliationRecord(**r) for r in rows},
                          key=lambda a: (a.start or "", a.country, a.role, a.article_id))
    mix: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    goldstein: Counter[str] = Counter()
    described: dict[str, Any] = {}
    for record in events(store, replace(asked, actor=actor_id)):
        mix[record.plover_type] += 1
        ours = any(a.id == actor_id for a in record.source)
        others = record.target if ours and record.target else record.source
        for other in {a.id: a for a in others if a.id != actor_id}.values():
            counts[other.id] += 1
            goldstein[other.id] += record.goldstein
            described.setdefault(other.id, other)
    ranked = sorted(counts, key=lambda i: (-counts[i], i))[:top]
    counterparts = tuple(Counterpart(i, described[i].name, described[i].country, counts[i],
                                     round(goldstein[i], 4)) for i in ranked)
    return ActorProfile(actor_id, entry["name"], entry.get("actor_type"), entry.get("country"),
                        tuple(aliases), tuple(affiliations), counterparts, dict(sorted(mix.items())))
