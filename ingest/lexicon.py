"""The trigger lexicon: a readable table (data/triggers.csv) of words that start events.

Growing coverage means adding rows, not code: each row names the trigger lemma, the extra words it
needs, its CAMEO code and where in the parse its target and object sit.

>>> [e.cameo for e in entries_for("meet", "verb")]
['040']
>>> entries_for("hold", "verb")[0].requires
(('dobj', frozenset({'consultation', 'discussion', 'meeting', 'summit', 'talk'})),)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    pos: str
    requires: tuple[tuple[str, frozenset[str]], ...]
    cameo: str
    mode: str | None
    plover: str | None
    predicate: str
    target: tuple[str, ...]
    object: tuple[str, ...]
    joint: bool
    solo: bool


def _parse_requires(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    conditions = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        dep, _, words = part.partition("=")
        conditions.append((dep, frozenset(w for w in words.split("/") if w)))
    return tuple(conditions)


def _places(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("|") if p)


@cache
def _index() -> dict[tuple[str, str], tuple[TriggerEntry, ...]]:
    source = files("diplograph.ingest") / "data" / "triggers.csv"
    lines = [line for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    index: dict[tuple[str, str], list[TriggerEntry]] = {}
    for row in csv.DictReader(lines):
        entry = TriggerEntry(
            lemma=row["lemma"], pos=row["pos"], requires=_parse_requires(row["requires"]),
            cameo=row["cameo"], mode=row["mode"] or None, plover=row["plover"] or None,
            predicate=row["predicate"],
            target=_places(row["target"]), object=_places(row["object"]),
            joint=row["joint"] == "yes", solo=row["solo"] == "yes")
        index.setdefault((entry.lemma, entry.pos), []).append(entry)
    # the most specific entries (with conditions) are tried first
    return {key: tuple(sorted(entries, key=lambda e: -len(e.requires)))
            for key, entries in index.items()}


def entries_for(lemma: str, pos: str) -> tuple[TriggerEntry, ...]:
    """Lexicon rows for a lemma and a coarse part of speech ('verb' or 'noun')."""
    return _index().get((lemma, pos), ())


def all_entries() -> tuple[TriggerEntry, ...]:
    return tuple(e for entries in _index().values() for e in entries)
