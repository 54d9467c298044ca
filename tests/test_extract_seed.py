"""The user's own article: the events the Foundation issue promises, and none invented."""

from __future__ import annotations

import pytest

from diplograph.graph.model import Article
from diplograph.ingest.pipeline import extract


@pytest.fixture(scope="module")
def events(seed_graph):
    return seed_graph.events


def _named(actors, name):
    return any(name in a.name for a in actors)


def test_atambayev_consults_xi_on_january_6(events):
    met = [e for e in events if e.plover_type == "CONSULT" and e.cameo_code == "040"]
    assert len(met) == 1
    [event] = met
    assert [(a.name, a.country, a.role) for a in event.source] == [
        ("Almazbek Atambayev", "KGZ", "President")]
    assert [(a.name, a.country, a.role) for a in event.target] == [
        ("Xi Jinping", "CHN", "President")]
    assert (event.date, event.date_basis) == ("2017-01-06", "text")
    assert event.trigger == "met"
    assert event.sentence.startswith("During his working visit to China")


def test_the_visit_is_atambayevs_not_the_last_person_named(events):
    [visit] = [e for e in events if e.cameo_code == "042"]
    assert [a.name for a in visit.source] == ["Almazbek Atambayev"]
    assert [(a.type, a.country) for a in visit.target] == [("country", "CHN")]
    assert visit.plover_mode == "visit"
    assert visit.date == "2017-01-06"


def test_award_goes_to_chinas_minister_of_commerce(events):
    [award] = [e for e in events if e.plover_type == "SUPPORT" and e.trigger == "awarded"]
    assert [a.name for a in award.source] == ["Almazbek Atambayev"]
    assert [(a.role, a.country) for a in award.target] == [("Minister of Commerce", "CHN")]
    assert award.object == "Danaker Order"


def test_both_leaders_agree_on_security_cooperation(events):
    [agree] = [e for e in events if e.trigger == "agreed"]
    assert agree.plover_type == "AGREE"
    assert sorted(a.country for a in agree.source) == ["CHN", "KGZ"]
    assert "security cooperation" in agree.object
    assert agree.modality == "reported"  # "…, Xinhua reported."


def test_no_event_involves_the_byline_journalist(events):
    for event in events:
        assert not _named(event.actors, "Kwan"), event


def test_spans_point_at_the_trigger(events, seed_text):
    for event in events:
        start, end = event.span
        assert seed_text[start:end] == event.trigger


def test_ids_are_stable_across_runs(events, nlp, seed_text):
    [again] = extract([Article(text=seed_text, id="seed", date="2017-01-09")], nlp=nlp)
    assert [e.id for e in again.events] == [e.id for e in events]
    assert len({e.id for e in events}) == len(events)


def test_records_follow_the_jsonl_contract(events):
    required = {"id", "article_id", "sentence_index", "sentence", "span", "trigger", "predicate",
                "plover_type", "plover_mode", "plover_context", "cameo_code", "goldstein",
                "quad_class", "source", "target", "object", "date", "location", "negated",
                "modality", "confidence"}
    for event in events:
        record = event.to_dict()
        assert required <= record.keys()
        assert {"id", "name", "type", "country", "role"} <= record["source"][0].keys()
