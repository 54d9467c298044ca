"""The trigger and frame tables are sound data: real codes, every PLOVER type reachable,
frame columns of the right CAMEO family, no row written twice."""

from __future__ import annotations

import csv
from collections import Counter
from importlib.resources import files

import pytest

from diplograph.graph import codes
from diplograph.ingest import lexicon
from diplograph.ingest.events import announced_code

FRAME_FAMILIES = {"pledge": ("03", "13"), "appeal": ("02",), "demand": ("10",),
                  "refuse": ("12",), "threaten": ("13",)}


def _rows(name):
    text = (files("diplograph.ingest") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def test_every_trigger_row_loads_with_a_known_code():
    entries = lexicon.all_entries()
    assert len(entries) == len(_rows("triggers.csv")) > 400
    for entry in entries:
        assert codes.cameo(entry.cameo).code == entry.cameo
        assert entry.pos in ("verb", "noun", "adj"), entry
        assert entry.target or entry.solo or entry.joint, entry


def test_no_row_is_written_twice():
    keys = Counter((r["lemma"], r["pos"], r["requires"]) for r in _rows("triggers.csv"))
    assert [k for k, n in keys.items() if n > 1] == []


def test_mode_and_type_overrides_are_valid_plover():
    for entry in lexicon.all_entries():
        plover = entry.plover or codes.cameo(entry.cameo).plover_type
        assert codes.plover_type(plover).type == plover
        assert codes.is_valid_mode(plover, entry.mode), entry


@pytest.mark.parametrize("frame", lexicon.FRAMES)
def test_frame_columns_hold_codes_of_their_family(frame):
    for row in _rows("frames.csv"):
        if row[frame]:
            assert codes.cameo(row[frame]).root in FRAME_FAMILIES[frame], (frame, row)


def test_all_sixteen_plover_types_are_reachable():
    reachable = {e.plover or codes.cameo(e.cameo).plover_type for e in lexicon.all_entries()}
    reachable |= {codes.cameo(c).plover_type for c in lexicon.all_frame_codes()}
    assert reachable == set(codes.plover_types())


def test_every_cameo_root_has_a_trigger():
    roots = {codes.cameo(e.cameo).root for e in lexicon.all_entries()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize(("code", "announced"), [
    ("042", "036"),    # "will visit": intent to meet
    ("0841", "0353"),  # "will release": pledge to release
    ("163", "1312"),   # "will impose sanctions": a threat
    ("111", "111"),    # "will condemn" stays a condemnation
])
def test_announced_actions_take_their_intent_code(code, announced):
    assert announced_code(code) == announced
