"""The rule coder (`--coder rules`) codes the sentences the issue named: roles, frames, modality
and dates.

The sentences are written for these tests; each asserts what a careful human coder would record,
so a change to the lexicon or the role rules that breaks a reading shows up here by name.
"""

from __future__ import annotations

import pytest

from diplograph.graph.model import Article
from diplograph.ingest.pipeline import extract

DATE = "2017-01-09"  # a Monday
SENTENCES = {
    "negated_meeting": "Japanese Prime Minister Shinzo Abe did not meet Chinese President "
                       "Xi Jinping in Beijing on Monday.",
    "future_visit": "Russian President Vladimir Putin will visit India next week.",
    "planned_visit": "Indian Prime Minister Narendra Modi plans to visit Japan in March.",
    "passive_award": "German Chancellor Angela Merkel was awarded the Order of Merit by "
                     "Italian President Sergio Mattarella on Friday.",
    "two_sides": "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow, "
                 "and the two sides agreed to deepen military cooperation.",
    "reported": "Xinhua reported that Iranian President Hassan Rouhani met Turkish President "
                "Recep Tayyip Erdogan in Ankara on Tuesday.",
    "old_event": "Russian Foreign Minister Sergei Lavrov said on Monday that Russia and Japan "
                 "had signed a peace declaration in 1956.",
    "background": "Mexican President Enrique Pena Nieto said that he had visited Cuba.",
    "anniversary": "This year marks the 25th anniversary of the establishment of diplomatic "
                   "relations between China and Kyrgyzstan, said Xi.",
    "two_events": "Canada expelled two Russian diplomats and recalled its ambassador from "
                  "Moscow.",
    "multilateral": "The leaders of France, Germany and Italy met in Rome on Tuesday.",
    "host": "Egyptian President Abdel Fattah al-Sisi hosted Palestinian President Mahmoud Abbas "
            "in Cairo on Sunday.",
    "visit_city": "Turkish President Recep Tayyip Erdogan visited Shanghai on Saturday.",
    "refusal": "Iran refused to sign the agreement with the United States.",
    "hypothetical": "Israel would strike Iran if Tehran tested a nuclear weapon.",
    "appeal_release": "Germany called on Turkey to release the detained journalists.",
    "threat": "The United States threatened to impose sanctions on Venezuela.",
    "pledge_lift": "The European Union agreed to lift sanctions on Belarus.",
    "phone": "French President Emmanuel Macron held a phone call with Iranian President "
             "Hassan Rouhani on Sunday.",
    "third_party": "US Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov "
                   "in Geneva on Friday.",
    "air_strikes": "Russian air strikes hit rebel positions near Aleppo on Sunday.",
    "no_event": "The weather in Geneva was cold and the delegates stayed indoors.",
}


@pytest.fixture(scope="module")
def coded(nlp):
    articles = [Article(text=text, id=key, date=DATE) for key, text in SENTENCES.items()]
    return {graph.article.id: graph.events
            for graph in extract(articles, nlp=nlp, coder="rules")}


def _one(coded, key, **fields):
    hits = [e for e in coded[key]
            if all(getattr(e, name) == value for name, value in fields.items())]
    assert len(hits) == 1, (key, fields, [e.to_dict() for e in coded[key]])
    return hits[0]


def _countries(actors):
    return sorted(a.country for a in actors)


def test_negated_meeting_is_coded_and_marked(coded):
    event = _one(coded, "negated_meeting", cameo_code="040")
    assert event.negated
    assert (_countries(event.source), _countries(event.target)) == (["JPN"], ["CHN"])


def test_future_visit_is_an_intent_to_meet_without_a_date(coded):
    event = _one(coded, "future_visit", trigger="visit")
    assert (event.modality, event.cameo_code, event.plover_type) == ("future", "036", "AGREE")
    assert (_countries(event.source), _countries(event.target)) == (["RUS"], ["IND"])
    assert event.date is None  # "next week" is no day, and it has not happened


def test_planned_visit_keeps_the_month_the_text_gives(coded):
    event = _one(coded, "planned_visit", trigger="visit")
    assert (event.modality, event.date) == ("future", "2017-03")


def test_passive_award_takes_the_agent_as_source(coded):
    event = _one(coded, "passive_award", cameo_code="051")
    assert [a.name for a in event.source] == ["Sergio Mattarella"]
    assert [a.name for a in event.target] == ["Angela Merkel"]
    assert event.object == "Order of Merit"
    assert event.date == "2017-01-06"


def test_the_two_sides_agree_together_at_the_most_specific_code(coded):
    _one(coded, "two_sides", cameo_code="040")
    agree = _one(coded, "two_sides", trigger="agreed")
    assert agree.cameo_code == "0312"  # pledge military cooperation, not plain 030
    assert {a.name for a in agree.source} == {"Xi Jinping", "Vladimir Putin"}
    assert agree.target == ()
    assert agree.location is not None and agree.location.country == "RUS"


def test_reported_event_keeps_its_own_actors(coded):
    event = _one(coded, "reported", cameo_code="040")
    assert event.modality == "reported"
    assert [a.name for a in event.source] == ["Hassan Rouhani"]
    assert "Xinhua" not in {a.name for a in event.actors}
    assert (event.date, event.location.name) == ("2017-01-03", "Ankara")


def test_statement_quoting_an_old_event_dates_it_in_the_past(coded):
    event = _one(coded, "old_event", cameo_code="057")
    assert event.date == "1956"  # not the Monday Lavrov spoke
    assert event.modality == "reported"
    assert _countries(event.source) == ["JPN", "SUN"]  # Moscow in 1956 was the Soviet Union


def test_background_event_gets_no_article_date(coded):
    event = _one(coded, "background", cameo_code="042")
    assert event.date is None


def test_anniversary_dates_the_event_it_celebrates(coded):
    event = _one(coded, "anniversary", cameo_code="054")
    assert (event.date, event.date_basis) == ("1992", "text")
    assert _countries(event.source) == ["CHN", "KGZ"]


def test_a_sentence_with_two_events_gives_both(coded):
    expel = _one(coded, "two_events", cameo_code="166")
    recall = _one(coded, "two_events", cameo_code="161")
    assert [(a.country, b.country) for a, b in expel.dyads()] == [("CAN", "RUS")]
    for event in (expel, recall):
        assert (_countries(event.source), _countries(event.target)) == (["CAN"], ["RUS"])
    assert expel.plover_type == recall.plover_type == "SANCTION"


def test_multilateral_meeting_is_one_event_with_every_party(coded):
    event = _one(coded, "multilateral", cameo_code="040")
    assert _countries(event.source) == ["DEU", "FRA", "ITA"]
    assert event.location.name == "Rome"
    pairs = {(a.country, b.country) for a, b in event.dyads()}
    assert len(pairs) == 6 and ("FRA", "ITA") in pairs and ("ITA", "FRA") in pairs


def test_host_and_visitor(coded):
    host = _one(coded, "host", cameo_code="043")
    assert [a.name for a in host.source] == ["Abdel Fattah al-Sisi"]
    assert [a.name for a in host.target] == ["Mahmoud Abbas"]
    visit = _one(coded, "visit_city", cameo_code="042")
    assert _countries(visit.target) == ["CHN"]  # Shanghai is in China
    assert visit.location.name == "Shanghai"


def test_refusal_is_a_rejection_and_a_signing_that_did_not_happen(coded):
    reject = _one(coded, "refusal", trigger="refused")
    assert reject.plover_type == "REJECT" and not reject.negated
    signing = _one(coded, "refusal", cameo_code="057")
    assert signing.negated


def test_conditional_strike_is_hypothetical(coded):
    assert coded["hypothetical"]
    assert all(e.modality == "hypothetical" for e in coded["hypothetical"])


@pytest.mark.parametrize(("key", "code", "source", "target"), [
    ("appeal_release", "0253", "DEU", "TUR"),   # call for release
    ("threat", "1312", "USA", "VEN"),           # threaten sanctions
    ("pledge_lift", "0354", "EU", "BLR"),       # pledge to lift sanctions
])
def test_frames_combine_with_the_event_they_govern(coded, key, code, source, target):
    [event] = coded[key]
    assert event.cameo_code == code
    assert event.source[0].country == source and _countries(event.target) == [target]


def test_phone_call_and_third_party_meeting(coded):
    phone = _one(coded, "phone", cameo_code="041")
    assert phone.plover_mode == "phone"
    meeting = _one(coded, "third_party", trigger="met")
    assert meeting.cameo_code == "044"  # Geneva is neither side's ground
    assert meeting.plover_mode == "third-party"


def test_air_strikes_take_the_attacker_from_the_adjective(coded):
    event = _one(coded, "air_strikes", cameo_code="195")
    assert _countries(event.source) == ["RUS"]
    assert event.plover_type == "ASSAULT" and event.quad_class == 4


def test_a_sentence_without_a_diplomatic_event_gives_none(coded):
    assert coded["no_event"] == ()
