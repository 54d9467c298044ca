"""One happening is one event inside an article, and one story across articles.

Per-article graphs stay as extracted (a store replaces an article's graph exactly on re-ingest);
the cross-article grouping is a step over many graphs, keyed by each event's `story_key`.
"""

from __future__ import annotations

import pytest

from diplograph.graph.model import Actor, Article, Event
from diplograph.ingest.dedupe import cluster_reports, merge_mentions, story_key
from diplograph.ingest.pipeline import extract

USA, CHN, RUS = (Actor.country_actor(c) for c in ("USA", "CHN", "RUS"))
TOLD_TWICE = ("Indian Prime Minister Narendra Modi met Japanese Prime Minister Shinzo Abe in Tokyo "
              "on Friday.\n\nThe talks lasted two hours.\n\nModi and Abe also held talks on trade, "
              "officials said.")


def _event(article="a", date=None, source=USA, target=CHN, code="040", plover="CONSULT",
           sentence=0, modality="asserted", basis="text"):
    return Event(article_id=article, sentence_index=sentence, sentence="...", span=(0, 3),
                 trigger="met", predicate="met", plover_type=plover, cameo_code=code,
                 goldstein=1.0, quad_class=1, source=(source,), target=(target,), date=date,
                 date_basis=basis, modality=modality)


@pytest.fixture(scope="module")
def graphs(nlp):
    articles = [
        Article(text=TOLD_TWICE, id="told-twice", date="2017-01-09"),
        Article(text="Chinese President Xi Jinping met US President Barack Obama on Sunday.",
                id="monday", date="2017-01-09"),
        Article(text="US President Barack Obama and Chinese President Xi Jinping held talks "
                     "on Sunday, the White House said.", id="tuesday", date="2017-01-10"),
    ]
    return {g.article.id: g for g in extract(articles, nlp=nlp, coder="rules")}


def test_an_event_told_by_several_sentences_is_one_event_with_mentions(graphs):
    [meeting] = [e for e in graphs["told-twice"].events if e.cameo_code == "040"]
    assert (meeting.sentence_index, meeting.mention_sentences) == (0, (2,))
    assert meeting.date == "2017-01-06"  # the telling with its own date wins
    assert meeting.to_dict()["mention_sentences"] == [2]


def test_reports_from_two_articles_form_one_story_with_both_provenances(graphs):
    events = [e for g in graphs.values() for e in g.events if e.plover_type == "CONSULT"]
    [story] = [s for s in cluster_reports(events) if "monday" in s.articles]
    assert story.articles == ("monday", "tuesday")
    assert story.count == 2
    assert story.first_date == story.last_date == "2017-01-08"
    assert {(e.article_id, e.sentence_index) for e in story.events} == {("monday", 0),
                                                                       ("tuesday", 0)}


def test_story_key_ignores_direction_for_joint_codes_but_not_for_visits():
    assert story_key(_event(source=USA, target=CHN)) == story_key(_event(source=CHN, target=USA))
    visit, hosted = _event(code="042"), _event(code="042", source=CHN, target=USA)
    assert story_key(visit) != story_key(hosted)
    assert story_key(_event()) != story_key(_event(target=RUS))
    assert story_key(_event(modality="reported")) == story_key(_event())
    assert story_key(_event(modality="future")) != story_key(_event())


def test_window_month_precision_and_undated_reports():
    stories = cluster_reports([
        _event("a", "2020-03-01"), _event("b", "2020-03-03"), _event("c", "2020-03-06"),
        _event("d", "2020-03"), _event("e", "2020-03"), _event("f", None), _event("g", None)])
    assert sorted(s.articles for s in stories) == [("a", "b"), ("c",), ("d", "e"), ("f",),
                                                   ("g",)]
    assert cluster_reports([_event("a", "2020-03-01"), _event("b", "2020-03-03")],
                           window_days=1)[0].count == 1


def test_story_ids_are_deterministic_and_independent_of_input_order():
    events = [_event("a", "2020-03-01"), _event("b", "2020-03-02"), _event("c", "2020-05-01")]
    assert [s.id for s in cluster_reports(events)] == \
        [s.id for s in cluster_reports(list(reversed(events)))]


def test_merge_keeps_the_best_dated_telling_and_lists_the_others():
    merged = merge_mentions([_event(sentence=0, basis="article"), _event(sentence=3),
                             _event(sentence=5, basis="context"), _event(code="042")])
    assert [(e.cameo_code, e.sentence_index, e.mention_sentences) for e in merged] == [
        ("040", 3, (0, 5)), ("042", 0, ())]
