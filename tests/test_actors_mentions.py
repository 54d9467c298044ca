"""Actor mentions: who each phrase names, and the tagger's slips the rules repair."""

from __future__ import annotations

import pytest

from diplograph.ingest.actors import find_mentions


def mentions(nlp, text: str) -> dict[str, tuple]:
    """Mention text -> (how, ((type, country, id), ...)) for a short text."""
    doc = nlp(text)
    return {doc[m.start:m.end].text: (m.how, tuple((a.type, a.country, a.id) for a in m.actors))
            for m in find_mentions(doc)}


def how_of(nlp, text: str, phrase: str) -> str | None:
    found = mentions(nlp, text)
    return found[phrase][0] if phrase in found else None


@pytest.mark.parametrize(("text", "phrase", "country"), [
    ("Beijing said on Monday that it opposed the new tariffs.", "Beijing", "CHN"),
    ("The talks with Moscow stalled over the sequence of steps.", "Moscow", "RUS"),
    ("Moscow's decision surprised the alliance.", "Moscow", "RUS"),
    ("The minister flew to Moscow for a visit on Friday.", "Moscow", "RUS"),
    ("The Kremlin denied the report.", "Kremlin", "RUS"),
])
def test_a_capital_or_seat_acting_is_its_state(nlp, text, phrase, country):
    how, actors = mentions(nlp, text)[phrase]
    assert how in ("capital", "seat")
    assert actors == (("country", country, f"country:{country}"),)


@pytest.mark.parametrize("text", [
    "The two ministers held talks in Beijing on Monday.",
    "Protesters gathered near Moscow on Sunday.",
    "The delegation arrived from Tashkent late in the evening.",
])
def test_a_capital_as_a_place_is_no_actor(nlp, text):
    assert not any(how in ("capital", "seat", "country")
                   for how, _ in mentions(nlp, text).values())


def test_one_text_has_the_capital_both_ways(nlp):
    text = "Negotiators met in Tehran on Tuesday, and Tehran rejected the proposal a day later."
    doc = nlp(text)
    found = [(doc[m.start].idx, m.how) for m in find_mentions(doc)]
    first, second = text.index("Tehran"), text.rindex("Tehran")
    assert (second, "capital") in found
    assert all(start != first for start, _ in found)


@pytest.mark.parametrize(("text", "phrase", "country", "role"), [
    ("The Chinese government protested on Tuesday.", "The Chinese government", "CHN",
     "government"),
    ("The government of Kazakhstan approved the plan.", "The government of Kazakhstan", "KAZ",
     "government"),
    ("Russian troops withdrew from the border area.", "Russian troops", "RUS", "military"),
])
def test_a_state_acting_through_its_bodies(nlp, text, phrase, country, role):
    doc = nlp(text)
    [mention] = [m for m in find_mentions(doc) if doc[m.start:m.end].text == phrase]
    assert mention.how == "government"
    [actor] = mention.actors
    assert (actor.type, actor.id, actor.role) == ("country", f"country:{country}", role)


@pytest.mark.parametrize(("text", "phrase", "ident"), [
    ("China's Foreign Ministry issued a statement on Friday.", "China's Foreign Ministry",
     "organization:chn-ministry-of-foreign-affairs"),
    ("The Ministry of Foreign Affairs of Kyrgyzstan summoned the envoy.",
     "The Ministry of Foreign Affairs of Kyrgyzstan",
     "organization:kgz-ministry-of-foreign-affairs"),
    ("The Russian Defence Ministry announced the drills.", "The Russian Defence Ministry",
     "organization:rus-ministry-of-defence"),
    ("The State Department criticised the vote.", "The State Department",
     "organization:usa-department-of-state"),
])
def test_ministries_are_one_organisation_per_portfolio_and_country(nlp, text, phrase, ident):
    how, actors = mentions(nlp, text)[phrase]
    assert how == "ministry"
    assert [a[2] for a in actors] == [ident]


def test_igos_and_armed_groups(nlp):
    found = mentions(nlp, "The Taliban and the United Nations discussed aid to Afghanistan.")
    assert found["Taliban"] == ("armed_group", (("group", "AFG", "group:taliban"),))
    assert found["United Nations"][1] == (("igo", "UN", "igo:UN"),)


def test_a_countrys_rebels_are_one_group(nlp):
    how, actors = mentions(nlp, "Syrian rebels shelled the outskirts overnight.")["Syrian rebels"]
    assert (how, actors) == ("armed_group", (("group", "SYR", "group:syr-rebels"),))


def test_news_agencies_are_messengers(nlp):
    found = mentions(nlp, "The two leaders agreed to cooperate, Xinhua reported.")
    assert found.get("Xinhua", ("",))[0] == "media"


def test_a_compound_demonym_names_both_countries(nlp):
    how, actors = mentions(nlp, "Kyrgyz-Chinese trade grew last year.")["Kyrgyz-Chinese"]
    assert how == "compound"
    assert [a[1] for a in actors] == ["KGZ", "CHN"]


def test_a_surname_the_tagger_calls_org_is_the_person(nlp):
    text = ("Kazakh President Kassym-Jomart Tokayev arrived in Ankara on Monday. "
            "Tokayev said trade would double.")
    doc = nlp(text)
    tail = [m for m in find_mentions(doc) if doc[m.start].idx == text.rindex("Tokayev")]
    assert [a.id for m in tail for a in m.actors] == ["person:kassym-jomart-tokayev"]


def test_titles_inside_the_name_span_are_not_the_name(nlp):
    doc = nlp("Later, President Xi and Mr Trump spoke by phone.")
    names = {a.name for m in find_mentions(doc) for a in m.actors if a.type == "person"}
    assert names == {"Xi", "Trump"}


def test_untagged_countries_and_groups_are_found(nlp):
    found = mentions(nlp, "Myanmar has established diplomatic ties with Seychelles.")
    assert found["Seychelles"][1] == (("country", "SYC", "country:SYC"),)


def test_an_unnamed_office_holder_is_one_person_of_that_country(nlp):
    doc = nlp("China's Minister of Commerce visited the fair.")
    [mention] = [m for m in find_mentions(doc) if m.how == "title"]
    [actor] = mention.actors
    assert (actor.id, actor.country, mention.role) == (
        "person:chn-minister-of-commerce", "CHN", "minister")


def test_plural_offices_are_the_state_not_a_person(nlp):
    doc = nlp("U.S. advisers left the base on Monday.")
    [mention] = [m for m in find_mentions(doc) if m.actors]
    [actor] = mention.actors
    assert (actor.type, actor.country) == ("country", "USA")
