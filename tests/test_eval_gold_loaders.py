"""The gold-set loaders read the real third-party files, with the counts their SOURCE.md gives."""

from __future__ import annotations

import doctest
from collections import Counter
from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.ingest import gold
from diplograph.ingest.gold import (
    GOLD_SETS,
    ContaminationIndex,
    actor_files,
    country_key,
    load_gold,
    penta_class,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"gold sets not found at {DATA}")


@pytest.fixture(scope="module")
def sets() -> dict[str, list]:
    return {name: load_gold(name, DATA) for name in GOLD_SETS}


def test_doctests_pass():
    assert doctest.testmod(gold).failed == 0


@pytest.mark.parametrize(("code", "key"), [
    ("USAGOV", "USA"), ("USA", "USA"), ("ROM", "ROU"), ("JAP", "JPN"), ("IGOEUREEC", "IGO"),
    ("---LEG", None), ("---", None), ("~MOS", None), ("", None), (None, None), ("ARN", "ARN"),
])
def test_country_key_takes_the_country_part_of_actor_codes(code, key):
    assert country_key(code) == key


@pytest.mark.parametrize(("code", "penta"), [
    ("010", 0), ("02", 0), ("036", 1), ("057", 1), ("0841", 2), ("112", 3), ("138", 3),
    ("145", 4), ("20", 4), ("223", None), ("9", None), (None, None)])
def test_penta_class_follows_cameo_root_ranges(code, penta):
    assert penta_class(code) == penta


@needs_data
@pytest.mark.parametrize(("name", "sentences", "events", "no_event"), [
    ("plover-gsr", 322, 322, 0),        # SOURCE.md: 322 gold event records
    ("petr2-gsr", 77, 79, 12),          # 78 records, 80 codings, 12 "noevents"; abc12_3 has no text
    ("petr-unit", 220, 300, 19),        # 284 records less 7 error, 56 made-up-code, 1 uncoded
    ("petr-validate", 271, 337, 0),     # 376 records; 48 keep their expectation in a comment
    ("multicoped-test", 451, 451, 0),   # SOURCE.md: test 451
    ("re3d", 232, 439, 0),              # 99+41+32+61+206 event relations with confidence >= 0.5
])
def test_sets_load_with_expected_counts(sets, name, sentences, events, no_event):
    loaded = sets[name]
    assert len(loaded) == sentences
    assert sum(len(s.events) for s in loaded) == events
    assert sum(not s.events for s in loaded) == no_event
    assert len({s.id for s in loaded}) == len(loaded)  # repeated ids are made unique
    assert all(s.text and s.text == s.text.strip() for s in loaded)
    assert {s.scheme for s in loaded} == {GOLD_SETS[name][0]}


@needs_data
def test_petr2_gsr_keeps_compound_dyads_dates_and_no_event_records(sets):
    by_id = {s.id: s for s in sets["petr2-gsr"]}
    brazil = by_id["AFP0808020675_1"]
    assert brazil.date == "2008-08-06"
    assert brazil.category == "AFP"
    assert brazil.text.startswith("Brazil and the United States are seeking to deepen")
    assert sorted((e.source[0].country, e.cameo_code, e.target[0].country)
                  for e in brazil.events) == [("BRA", "031", "USA"), ("USA", "031", "BRA")]
    assert all(e.label == "03" and e.quad_class == 1 for e in brazil.events)
    assert by_id["AFP0808020905_1"].date is None  # its date attribute is malformed ("121108")
    assert by_id["AFP0808020742_2"].events == ()
    agent = next(e for e in by_id["GOLD_6"].events)
    assert (agent.source[0].code, agent.target[0].code, agent.target[0].country) == \
        ("QAT", "EGYOPPMUS", "EGY")


@needs_data
def test_petr_unit_reads_unresolved_noun_phrases_as_mentions(sets):
    record = next(s for s in sets["petr-unit"] if s.id == "ACTOR-01")
    first = record.events[0]
    assert first.source[0].text == "Gryffindor Head Minerva Mcgonagall"
    assert first.source[0].country is None
    assert first.cameo_code == "032"


@needs_data
def test_petr_validate_reads_records_without_text_tags(sets):
    record = next(s for s in sets["petr-validate"] if s.id == "PATTERN-04a")
    assert record.text == ("Eriador has carried out exercises against Osgiliath, the state's "
                           "fiercest foe.")
    assert [(e.source[0].code, e.cameo_code, e.target[0].code) for e in record.events] == [
        ("ERI", "182", "OSG")]
    assert not any(s.id == "PATTERN-25" for s in sets["petr-validate"])  # made-up code 223


@needs_data
def test_plover_records_use_current_type_names_and_drop_the_dummy_date(sets):
    plover = sets["plover-gsr"]
    types = Counter(s.events[0].label for s in plover)
    assert "DEMAND" not in types and "FIGHT" not in types
    assert types["REQUEST"] == 34 and types["ASSAULT"] == 15 + 17
    assert types["ACCUSE"] == 16 + 9  # DISAPPROVE and INVESTIGATE
    assert all(s.date is None for s in plover)
    first = next(s for s in plover if s.id == "PLOVER-GSR01-AGREE-0001")
    assert [a.country for a in first.events[0].source] == ["HUN", "ROU"]
    assert first.events[0].target == ()
    assert {label for _, _, label in first.spans} == {"R"}  # reciprocal: no target


@needs_data
def test_multicoped_test_classes_and_spans_match_the_tag_file(sets):
    test = sets["multicoped-test"]
    assert Counter(s.events[0].label for s in test) == {"0": 56, "1": 80, "2": 57, "3": 150,
                                                         "4": 108}
    spans = Counter(label for s in test for _, _, label in s.spans)
    assert spans == {"S": 409, "T": 428, "R": 51}
    first = test[0]
    assert [first.text[a:b] for a, b, _ in first.spans] == [
        "U.S. military chief General Colin Powell", "NATO"]
    assert first.events[0].source[0].text == "U.S. military chief General Colin Powell"
    assert all(s.split == "test" for s in test)


@needs_data
def test_multicoped_train_only_when_asked_and_never_overlapping_test(sets):
    train = load_gold("multicoped-test", DATA, split="train")
    assert len(train) == 1349
    assert {s.split for s in train} == {"train"}
    assert not {s.text for s in train} & {s.text for s in sets["multicoped-test"]}
    with pytest.raises(InputError, match="split"):
        load_gold("multicoped-test", DATA, split="dev")
    train_file = DATA / "conflibert-cameo-multicoped" / "cameo_class_train.tsv"
    with pytest.raises(InputError, match="train split"):
        load_gold(train_file)  # a path alone never yields train sentences labelled as test


@needs_data
def test_re3d_units_hold_their_relations_spans(sets):
    for unit in sets["re3d"]:
        for start, end, _ in unit.spans:
            assert 0 <= start < end <= len(unit.text)
        mentions = {unit.text[a:b] for a, b, _ in unit.spans}
        for event in unit.events:
            assert event.source[0].text in mentions and event.target[0].text in mentions


@needs_data
def test_contamination_counts(sets):
    # 274 of 451: the 263 counts Multi-CoPED sentences found in the PLOVER records; these
    # are the ones repeating (near enough) one of the 277 examples of the ICEWS codebook
    assert sum(s.contaminated for s in sets["multicoped-test"]) == 274
    assert sum(s.contaminated for s in sets["plover-gsr"]) == 230
    assert not any(s.contaminated for s in sets["petr2-gsr"])


def test_contamination_sees_through_edited_names_and_cut_examples():
    index = ContaminationIndex([
        "Albania on Friday denounced as an ugly crime Yugoslavia's suppression of ethnic Albanian "
        "unrest in the southern Yugoslav province of Kosovo.",
        "The Latvian Constitutional Court cancelled restrictions on the use of the",
        "Talks ended.",
    ])
    assert index.contains("ALBANIA on Friday denounced as an ugly crime Serbia's suppression of "
                          "ethnic Albanian unrest in Montenegro.")
    assert index.contains("The Latvian Constitutional Court cancelled restrictions on the use of "
                          "the Russian language on national radio and television.")
    assert not index.contains("The talks ended in Geneva after three days without agreement.")
    assert not index.contains("Peru and Chile signed a fisheries accord on Tuesday.")


@needs_data
def test_loading_by_path_finds_the_codebook_above_it():
    path = DATA / "petrarch-validation" / "PETR2_GSR_validation.xml"
    assert [s.id for s in load_gold(path)] == [s.id for s in load_gold("petr2-gsr", DATA)]


@needs_data
def test_unknown_names_and_missing_files_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="not a known gold set"):
        load_gold(tmp_path / "nothing.csv", DATA)
    with pytest.raises(InputError, match="not found"):
        load_gold(tmp_path / "PETR2_GSR_validation.xml", DATA)
    with pytest.raises(InputError, match="data_dir"):
        load_gold("petr2-gsr")


def test_petrarch_suites_bring_their_own_actor_dictionary():
    files = actor_files("petr-unit", DATA)
    assert [f.name for f in files] == ["PETR.Validate.actors.txt"]
    assert actor_files("petr2-gsr", DATA) == ()
