"""The trigger lexicon: readable tables of the words that start events and how they combine.

Growing coverage means adding rows, not code. ``data/triggers.csv`` names, per row, a trigger lemma,
the extra words it needs in the parse, its CAMEO code and where its actors and object sit.
``data/frames.csv`` says what a frame verb ("promised to", "called for", "refused to",
"threatened to") makes of the event it governs: "called for the release of" is CAMEO 0253 because
"release" alone is 0841. Keeping the two apart lets one row per verb and one row per action cover
every combination CAMEO distinguishes.

>>> [e.cameo for e in entries_for("meet", "verb")]
['040']
>>> any(c.words >= {"talk", "meeting"} for e in entries_for("hold", "verb") for c in e.requires)
True
>>> frame_code("appeal", "0841"), frame_code("refuse", "085"), frame_code("pledge", "0101")
('0253', '1244', None)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from diplograph.graph import codes

# The columns of frames.csv. A trigger row may also say "agree", which reads the pledge column for
# cooperation only, or "consider", which keeps its own code (014) for whatever it governs.
FRAMES = ("pledge", "appeal", "demand", "refuse", "threaten")
# A condition's word list may name this instead of words: the child must name an actor.
ACTOR = "@actor"


@dataclass(frozen=True)
class Condition:
    """One requirement on the trigger's parse: a child with this dependency (and one of these
    lemmas), optionally itself meeting a further condition ("aid" that is "military").

    `absent` turns it around: the trigger must have no such child ("strike" with no object is a
    labour strike, with one an attack).
    """

    dep: str
    words: frozenset[str]
    then: Condition | None = None
    absent: bool = False


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    pos: str
    requires: tuple[Condition, ...]
    cameo: str
    frame: str | None
    mode: str | None
    plover: str | None
    predicate: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    object: tuple[str, ...]
    joint: bool
    solo: bool


def parse_condition(text: str) -> Condition:
    """'dobj=aid/assistance>amod=military' -> a Condition chain; '!dobj' -> no dobj allowed."""
    head, _, rest = text.partition(">")
    absent = head.startswith("!")
    dep, _, words = head.lstrip("!").partition("=")
    return Condition(dep=dep, words=frozenset(w for w in words.split("/") if w),
                     then=parse_condition(rest) if rest else None, absent=absent)


def _places(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("|") if p)


def _data_rows(name: str) -> list[dict[str, str]]:
    source = files("diplograph.ingest") / "data" / name
    lines = [line for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@cache
def _index() -> dict[tuple[str, str], tuple[TriggerEntry, ...]]:
    index: dict[tuple[str, str], list[TriggerEntry]] = {}
    for row in _data_rows("triggers.csv"):
        frame = row["frame"] or None
        if frame is not None and frame not in (*FRAMES, "agree", "consider"):
            raise ValueError(f"triggers.csv: frame must be one of {FRAMES}, agree or consider, "
                             f"got {frame!r}")
        code = codes.cameo(row["cameo"])
        entry = TriggerEntry(
            lemma=row["lemma"], pos=row["pos"],
            requires=tuple(parse_condition(p.strip()) for p in row["requires"].split(";")
                           if p.strip()),
            cameo=code.code, frame=frame, mode=row["mode"] or None, plover=row["plover"] or None,
            predicate=row["predicate"] or code.name.lower(),
            source=_places(row["source"]), target=_places(row["target"]),
            object=_places(row["object"]),
            joint=row["joint"] == "yes", solo=row["solo"] == "yes")
        index.setdefault((entry.lemma, entry.pos), []).append(entry)
    # the most specific entries (with more conditions) are tried first; ties keep file order
    return {key: tuple(sorted(entries, key=lambda e: -sum(map(_weight, e.requires))))
            for key, entries in index.items()}


def _weight(condition: Condition) -> int:
    """How much a condition narrows a row: nested conditions count too."""
    return 1 + (_weight(condition.then) if condition.then else 0)


def entries_for(lemma: str, pos: str) -> tuple[TriggerEntry, ...]:
    """Lexicon rows for a lemma and a coarse part of speech ('verb', 'noun' or 'adj')."""
    return _index().get((lemma, pos), ())


def all_entries() -> tuple[TriggerEntry, ...]:
    return tuple(e for entries in _index().values() for e in entries)


@cache
def _frames() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in _data_rows("frames.csv"):
        table[row["embedded"]] = {f: row[f] for f in FRAMES if row[f]}
    return table


def frame_code(frame: str, embedded: str) -> str | None:
    """The CAMEO code a frame makes of an embedded event's code (longest code prefix wins).

    None when the table has nothing for that pair; the caller then keeps the frame's own code.
    """
    table = _frames()
    for length in range(len(embedded), 1, -1):
        found = table.get(embedded[:length], {}).get(frame)
        if found:
            return found
    return None


def all_frame_codes() -> tuple[str, ...]:
    return tuple(code for row in _frames().values() for code in row.values())
