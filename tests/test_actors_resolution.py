"""Resolution across articles: one actor per person over a corpus, and no false merges."""

from __future__ import annotations

import pytest

from diplograph.graph.model import Actor, Article
from diplograph.ingest.pipeline import extract
from diplograph.ingest.resolution import Resolver

CORPUS = [
    Article(id="n1", date="2019-06-12", text=(
        "Chinese President Xi Jinping arrived in Bishkek on Wednesday. "
        "Kyrgyz President Sooronbay Jeenbekov met Xi Jinping at the airport.")),
    Article(id="n2", date="2019-06-14", text=(
        "President Xi met Kyrgyz President Sooronbay Jeenbekov in Bishkek on Friday.")),
    Article(id="n3", date="2019-06-15", text=(
        "Jeenbekov met Xi again on Saturday.")),
]


@pytest.fixture(scope="module")
def graphs(nlp):
    return list(extract(CORPUS, nlp=nlp))


def people(graph) -> dict[str, Actor]:
    return {a.id: a for a in graph.actors if a.type == "person"}


def test_every_form_of_a_name_becomes_one_actor(graphs):
    ids = [sorted(people(g)) for g in graphs]
    assert ids[0] == ids[1] == ["person:sooronbay-jeenbekov", "person:xi-jinping"]


def test_a_bare_surname_is_not_merged_across_articles(graphs):
    # n3 names "Jeenbekov" and "Xi" with no title, country or full name: being named in full in
    # other articles is no evidence that these are the same people
    assert sorted(people(graphs[2])) == ["person:jeenbekov", "person:xi"]


def test_the_short_forms_are_kept_as_aliases(graphs):
    xi = people(graphs[1])["person:xi-jinping"]
    assert xi.name == "Xi Jinping"
    assert "Xi" in xi.aliases
    assert xi.role == "President"  # the role this article gives, not another article's


def test_events_are_rewritten_with_new_ids(graphs, nlp):
    [again] = list(extract(CORPUS[1:2], nlp=nlp))  # alone, "Xi" has no full name to go to
    met = next(e for e in graphs[1].events if e.trigger == "met")
    alone = next(e for e in again.events if e.trigger == "met")
    assert [a.id for a in met.source] == ["person:xi-jinping"]
    assert [a.id for a in alone.source] == ["person:xi"]
    assert met.id != alone.id


def test_ids_are_deterministic(graphs, nlp):
    again = list(extract(CORPUS, nlp=nlp))
    assert [[e.id for e in g.events] for g in again] == [[e.id for e in g.events] for g in graphs]


def person(name: str, country: str | None = None, role: str | None = None) -> Actor:
    return Actor(name=name, type="person", country=country, role=role)


def test_two_people_sharing_a_surname_are_never_merged_on_the_surname_alone():
    resolver = Resolver()
    resolver.observe(person("Kim Jong-un", "PRK", "Supreme Leader"), article_id="a1")
    resolver.observe(person("Kim Yo-jong", "PRK"), article_id="a2")
    resolver.observe(person("Kang Kyung-wha", "KOR", "Foreign Minister"), article_id="a3")
    assert resolver.canonical(person("Kim")).id == "person:kim"
    assert resolver.canonical(person("Kim", "PRK")).id == "person:kim"


def test_a_conflicting_country_or_office_blocks_a_merge():
    resolver = Resolver()
    resolver.observe(person("Moon Jae-in", "KOR", "President"), article_id="a1")
    assert resolver.canonical(person("Moon", "KOR", "President")).name == "Moon Jae-in"
    assert resolver.canonical(person("Moon", "USA")).id == "person:moon"
    assert resolver.canonical(person("Moon", "KOR", "Foreign Minister")).id == "person:moon"


def test_an_office_picks_the_one_holder_among_namesakes():
    resolver = Resolver()
    resolver.observe(person("Donald Trump", "USA", "President"), article_id="a1")
    resolver.observe(person("Ivanka Trump", "USA", "civilian"), article_id="a2")
    assert resolver.canonical(person("Trump", role="President")).name == "Donald Trump"
    assert resolver.canonical(person("Trump")).id == "person:trump"


def test_a_lone_surname_needs_corroboration():
    resolver = Resolver()
    resolver.observe(person("Robert Hunter"), article_id="a1")
    assert resolver.canonical(person("Hunter"), article_id="a9").id == "person:hunter"
    assert resolver.canonical(person("Hunter"), article_id="a1").name == "Robert Hunter"
    resolver.observe(person("Robert Hunter"), article_id="a2")  # a regular of the corpus
    assert resolver.canonical(person("Hunter"), article_id="a9").id == "person:hunter"


def test_a_surname_merge_does_not_spread_to_other_articles(nlp):
    corpus = [
        Article(id="r1", date="1987-12-08", text=(
            "First lady Nancy Reagan toured a hospital in Denver on Monday.")),
        Article(id="r2", date="1987-12-09", text=(
            "Nancy Reagan opened a library in Chicago on Tuesday. Reagan praised the staff.")),
        Article(id="r3", date="1987-12-10", text="Reagan condemned Libya on Wednesday."),
    ]
    graphs = list(extract(corpus, nlp=nlp))
    [condemned] = graphs[2].events
    assert [(a.id, a.country) for a in condemned.source] == [("person:reagan", None)]
    assert [a.id for a in condemned.target] == ["country:LBY"]


def test_a_fuller_name_wins_over_a_shorter_one_seen_first():
    resolver = Resolver()
    resolver.observe(person("Recep Erdogan", "TUR"), article_id="a1")
    resolver.observe(person("Recep Tayyip Erdogan", "TUR"), article_id="a2")
    assert resolver.canonical(person("Recep Erdogan", "TUR")).name == "Recep Tayyip Erdogan"
    assert resolver.canonical(person("Erdogan", "TUR")).name == "Recep Tayyip Erdogan"
