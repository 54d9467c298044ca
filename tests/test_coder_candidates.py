"""Candidate parties and pairs: what the learned coder is asked about, in our own sentences."""

from __future__ import annotations

import pytest

from diplograph.ingest.actors import find_mentions
from diplograph.ingest.candidates import MAX_PARTIES, Pair, pairs, parties


def _parties(nlp, text):
    doc = nlp(text)
    return parties(next(doc.sents), find_mentions(doc))


@pytest.mark.parametrize(("text", "expected"), [
    ("Kyrgyz President Almazbek Atambayev met Chinese President Xi Jinping in Beijing.",
     ["Kyrgyz President Almazbek Atambayev", "Chinese President Xi Jinping", "Beijing"]),
    ("Chinese and Indian troops clashed along the disputed border.",
     ["Chinese and Indian troops"]),
    ("Riot police detained 40 people and a reporter outside the parliament.",
     ["Riot police", "40 people", "reporter", "parliament"]),
])
def test_parties_are_whole_phrases_in_reading_order(nlp, text, expected):
    assert [p.text for p in _parties(nlp, text)] == expected


def test_a_state_owned_phrase_keeps_its_countries(nlp):
    [troops] = _parties(nlp, "Chinese and Indian troops clashed along the disputed border.")
    assert sorted(a.country for a in troops.actors) == ["CHN", "IND"]


def test_a_modifier_of_a_modifier_does_not_own_the_phrase(nlp):
    found = _parties(nlp, "US-backed Kurdish fighters seized the town on Sunday.")
    fighters = [p for p in found if p.text.endswith("fighters")]
    assert fighters and all(a.country != "USA" for p in fighters for a in p.actors)


def test_character_offsets_point_at_the_party_text(nlp):
    text = "The Japanese foreign ministry summoned South Korea's ambassador on Friday."
    for party in _parties(nlp, text):
        assert text[party.start_char:party.end_char] == party.text


def test_pairs_are_each_party_alone_then_ordered_pairs(nlp):
    found = _parties(nlp, "Turkey accused Greece of violating its airspace.")
    assert [p.text for p in found] == ["Turkey", "Greece"]
    made = list(pairs(found))
    assert made[:2] == [Pair(found[0], None), Pair(found[1], None)]
    assert [(p.source.text, p.target.text) for p in made[2:]] == [
        ("Turkey", "Greece"), ("Greece", "Turkey")]


def test_two_mentions_of_one_actor_are_never_a_pair(nlp):
    found = _parties(nlp, "France said France would not recognise the vote.")
    assert all(p.target is None for p in pairs(found))


def test_a_crowded_sentence_is_cut_to_the_bound(nlp):
    names = ", ".join(["France", "Germany", "Italy", "Spain", "Poland", "Austria", "Greece",
                       "Portugal", "Ireland", "Belgium"])
    found = _parties(nlp, f"The foreign ministers of {names} met in Brussels on Monday.")
    assert len(found) == MAX_PARTIES


def test_a_place_someone_went_to_is_only_ever_a_target(nlp):
    found = _parties(nlp, "Chinese President Xi Jinping arrived in Bishkek on Tuesday.")
    place = next(p for p in found if p.text == "Bishkek")
    assert not place.acts
    made = list(pairs(found))
    assert all(p.source is not place for p in made)
    assert any(p.target is place for p in made)
