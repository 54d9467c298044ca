"""Actors carry the state they acted for, as of the event's date; places and bystanders are no
parties. Sentences are our own; each asserts the exact actors of the events."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.graph.states import state_on


def parties(actors) -> list[tuple[str, str | None]]:
    return [(a.id, a.country) for a in actors]


@pytest.mark.parametrize(("text", "date", "source", "target"), [
    # a title with no country: the office-holder's country on the article's date
    ("Vice President George Bush met Egyptian President Hosni Mubarak in Cairo on Tuesday.",
     "1988-03-02", [("person:george-bush", "USA")], [("person:hosni-mubarak", "EGY")]),
    ("Chancellor Kohl telephoned Prime Minister Thatcher on Friday.",
     "1989-11-13", [("person:kohl", "DEU")], [("person:thatcher", "GBR")]),
    # the tagger folds the title or the country into the name: they still count
    ("Saudi Arabia's Crown Prince Abdullah received British Prime Minister Tony Blair on Monday.",
     "2005-08-02", [("person:abdullah", "SAU")], [("person:tony-blair", "GBR")]),
    ("Chinese President Hu Jintao met Kazakh President Nursultan Nazarbayev on Sunday.",
     "2009-04-20", [("person:hu-jintao", "CHN")], [("person:nursultan-nazarbayev", "KAZ")]),
    # an office named without a name, by a former state's demonym
    ("The Soviet foreign minister criticized the United States on Sunday.",
     "1987-05-04", [("person:sun-foreign-minister", "SUN")], [("country:USA", "USA")]),
])
def test_titled_people_carry_their_country(code, text, date, source, target):
    [event] = code(text, date)
    assert parties(event.source) == source
    assert parties(event.target) == target


@pytest.mark.parametrize(("text", "date", "countries"), [
    # former states by name, whenever the event is
    ("The Soviet Union signed a trade agreement with East Germany on Sunday.", "1987-05-04",
     ["SUN", "DDR"]),
    ("Yugoslavia and Czechoslovakia condemned West Germany on Friday.", "1987-05-04",
     ["YUG", "CSK", "DEU"]),
    # a successor's capital and demonym, by the event's date
    ("Moscow accused Washington of spying on Friday.", "1987-05-04", ["SUN", "USA"]),
    ("Moscow accused Washington of spying on Friday.", "1995-05-04", ["RUS", "USA"]),
    # the event's own date decides, not the article's
    ("Russia and Japan signed a peace declaration in 1956, the minister recalled on Monday.",
     "2019-01-16", ["SUN", "JPN"]),
])
def test_former_states_are_chosen_by_the_events_date(code, text, date, countries):
    [event] = code(text, date)
    assert sorted(a.country for a in event.actors) == sorted(countries)
    assert all(a.id == f"country:{a.country}" for a in event.actors)


def test_the_state_code_mapping_is_one_way_by_date():
    assert state_on("RUS", "1991-12-25") == "SUN"
    assert state_on("RUS", "1991-12-26") == "RUS"
    assert state_on("SUN", "2020-01-01") == "SUN"  # "the former Soviet Union" stays itself
    assert state_on("DEU", "1980") == "DEU"  # West Germany is DEU, as ISO 3166 has it


def test_ask_timeline_says_how_it_treats_the_soviet_union(tmp_path):
    articles = tmp_path / "a.jsonl"
    articles.write_text(
        '{"id": "s1", "date": "1987-05-04", "text": "Moscow signed a trade pact with '
        'Beijing on Friday."}\n'
        '{"id": "s2", "date": "2001-07-17", "text": "Moscow signed a friendship treaty with '
        'Beijing on Monday."}\n', encoding="utf-8")
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["-q", "ingest", "--store", store, str(articles)]).exit_code == 0
    rus = runner.invoke(cli, ["ask", "timeline", "RUS", "CHN", "--store", store, "--by", "year",
                              "--format", "json"])
    sun = runner.invoke(cli, ["ask", "timeline", "SUN", "CHN", "--store", store, "--by", "year",
                              "--format", "json"])
    assert "before 1991-12-26 the state acted as the Soviet Union, coded SUN" in rus.stderr
    assert "SUN counts events of the Soviet Union" in sun.stderr
    assert [(r["period"], r["events"]) for r in json_rows(rus.stdout) if r["events"]] == \
        [("2001", 1)]
    assert [(r["period"], r["events"]) for r in json_rows(sun.stdout) if r["events"]] == \
        [("1987", 1)]


def json_rows(text: str) -> list[dict]:
    import json

    return json.loads(text)


@pytest.mark.parametrize(("text", "source", "target"), [
    # a place a document is named after is no party to it
    ("Russia and Ukraine agreed on Sunday to implement the Minsk agreements.",
     [("country:RUS", "RUS"), ("country:UKR", "UKR")], []),
    ("Canada and Mexico signed the Paris accord on Sunday.",
     [("country:CAN", "CAN"), ("country:MEX", "MEX")], []),
])
def test_places_naming_a_treaty_are_not_actors(code, text, source, target):
    [event] = code(text)
    assert parties(event.source) == source
    assert parties(event.target) == target


def test_bystanders_who_object_are_not_the_states(code):
    events = code("On Monday Norway and Iceland signed a fishing deal opposed by fishermen in "
                  "both countries.", "2016-02-02")
    assert [(e.plover_type, e.cameo_code) for e in events] == [("SUPPORT", "057")]
    assert parties(events[0].source) == [("country:NOR", "NOR"), ("country:ISL", "ISL")]


def test_the_troops_of_a_withdrawal_are_its_agent(code):
    events = code("South Africa on Wednesday accepted a plan conditional on the withdrawal of "
                  "Cuban troops from Angola.", "1988-07-14")
    [event] = [e for e in events if e.plover_type == "RETREAT"]
    assert parties(event.source) == [("country:CUB", "CUB")]
    assert parties(event.target) == [("country:AGO", "AGO")]


def test_an_office_named_in_the_possessive_is_the_office(code):
    [visit] = code("Files about the Pakistani president's visit to London were found in a taxi.")
    assert parties(visit.source) == [("person:pak-president", "PAK")]
    assert visit.source[0].name == "President"


def test_a_person_who_shares_a_capitals_name_is_not_its_state(code):
    assert code("Victoria, a campaigner for refugees, denounced Hungary on Tuesday.") == ()
