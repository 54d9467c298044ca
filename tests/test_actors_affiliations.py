"""Affiliations: who holds which office for which country, as the article states and dates it."""

from __future__ import annotations

import pytest

from diplograph.graph.model import Article
from diplograph.ingest.actors import find_mentions


def affiliations(nlp, text: str, date: str | None = "2021-05-04"):
    article = Article(text=text, id="a1", date=date)
    doc = nlp(text)
    return find_mentions(doc).affiliations(article, doc)


@pytest.mark.parametrize(("text", "actor_id", "country", "role", "title"), [
    ("Kyrgyzstan President Almazbek Atambayev opened the session.",
     "person:almazbek-atambayev", "KGZ", "head_of_state", "President"),
    ("Xi Jinping, China's president, arrived on Tuesday.",
     "person:xi-jinping", "CHN", "head_of_state", "president"),
    ("Kyrgyz Foreign Minister Ruslan Kazakbaev met the envoy.",
     "person:ruslan-kazakbaev", "KGZ", "foreign_minister", "Foreign Minister"),
    ("Japanese Prime Minister Yoshihide Suga spoke by phone.",
     "person:yoshihide-suga", "JPN", "head_of_government", "Prime Minister"),
    ("U.S. Secretary of State Antony Blinken landed in Kyiv.",
     "person:antony-blinken", "USA", "foreign_minister", "Secretary of State"),
    ("The Minister of Foreign Affairs of Kyrgyzstan Ruslan Kazakbaev signed the note.",
     "person:ruslan-kazakbaev", "KGZ", "foreign_minister",
     "Minister of Foreign Affairs of Kyrgyzstan"),
])
def test_titles_and_appositives_give_dated_affiliations(nlp, text, actor_id, country, role, title):
    [aff] = affiliations(nlp, text)
    assert (aff.actor_id, aff.country, aff.role, aff.title) == (actor_id, country, role, title)
    assert (aff.start, aff.end, aff.article_id, aff.sentence_index) == (
        "2021-05-04", "2021-05-04", "a1", 0)
    assert aff.evidence == text


def test_the_evidence_is_the_sentence_that_states_it(nlp):
    text = "Talks resumed on Monday. Uzbek President Shavkat Mirziyoyev welcomed the guests."
    [aff] = affiliations(nlp, text)
    assert (aff.sentence_index, aff.evidence) == (
        1, "Uzbek President Shavkat Mirziyoyev welcomed the guests.")


def test_an_undated_article_gives_undated_affiliations(nlp):
    [aff] = affiliations(nlp, "Kazakh President Kassym-Jomart Tokayev spoke.", date=None)
    assert (aff.start, aff.end) == (None, None)


def test_a_name_without_a_country_states_no_affiliation(nlp):
    assert affiliations(nlp, "President Tokayev spoke at length.") == []


def test_a_description_is_not_evidence(nlp):
    text = ("Chinese President Xi Jinping received the delegation. "
            "The Chinese leader praised the railway.")
    found = affiliations(nlp, text)
    assert [(a.actor_id, a.sentence_index) for a in found] == [("person:xi-jinping", 0)]


def test_one_affiliation_per_person_country_and_role(nlp):
    text = ("Kazakh President Kassym-Jomart Tokayev arrived. "
            "Later, Kazakh President Kassym-Jomart Tokayev left.")
    assert len(affiliations(nlp, text)) == 1
