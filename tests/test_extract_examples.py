"""Extraction on the example articles we wrote: the events a reader of them would code."""

from __future__ import annotations

import pytest


def _find(graphs, article_id, cameo, source=None):
    [graph] = [g for g in graphs if g.article.id == article_id]
    found = [e for e in graph.events if e.cameo_code == cameo
             and (source is None or any(source in a.name for a in e.source))]
    assert found, f"no {cameo} event from {source} in {article_id}: {graph.events}"
    return found[0]


def countries(actors):
    return sorted(a.country for a in actors)


@pytest.mark.parametrize(("article", "cameo", "source", "target", "date"), [
    ("kgz-chn-beijing-2017", "040", ["KGZ"], ["CHN"], "2017-01-06"),
    ("chn-kgz-bishkek-2019", "042", ["CHN"], ["KGZ"], "2019-06-12"),
    ("chn-kgz-bishkek-2019", "043", ["KGZ"], ["CHN"], "2019-06-13"),
    ("rus-chn-moscow-2023", "043", ["RUS"], ["CHN"], "2023-03-21"),
    ("usa-rus-sanctions-2021", "166", ["USA"], ["RUS"], "2021-04-15"),
    ("usa-rus-sanctions-2021", "163", ["USA"], ["RUS"], "2021-04-15"),
    ("jpn-kor-seoul-2023", "042", ["JPN"], ["KOR"], "2023-05-07"),
    ("eu-chn-sanctions-2021", "163", ["EU"], ["CHN"], "2021-03-22"),
])
def test_example_events(example_graphs, article, cameo, source, target, date):
    event = _find(example_graphs, article, cameo)
    assert (countries(event.source), countries(event.target), event.date) == (source, target, date)
    assert not event.negated


def test_visitor_and_host_get_their_own_codes(example_graphs):
    visit = _find(example_graphs, "chn-kgz-bishkek-2019", "042")
    host = _find(example_graphs, "chn-kgz-bishkek-2019", "043")
    assert (visit.plover_type, visit.plover_mode) == ("CONSULT", "visit")
    assert host.plover_type == "CONSULT"
    assert [a.name for a in host.source] == ["Sooronbay Jeenbekov"]
    assert [a.name for a in host.target] == ["Xi Jinping"]
    assert host.location is not None and host.location.country == "KGZ"


def test_a_refused_signing_is_negated(example_graphs):
    signing = _find(example_graphs, "jpn-kor-seoul-2023", "057")
    assert signing.negated
    assert countries(signing.source) == ["KOR"] and countries(signing.target) == ["JPN"]


def test_the_two_presidents_sign_together(example_graphs):
    signing = _find(example_graphs, "chn-kgz-bishkek-2019", "057")
    assert countries(signing.source) == ["CHN", "KGZ"]
    assert "joint statement" in signing.object


def test_a_limit_date_is_not_the_event_date(example_graphs):
    """'… cooperation until 2030' bounds the statement; the signing itself was on March 21."""
    signing = _find(example_graphs, "rus-chn-moscow-2023", "057")
    assert signing.date != "2030"


def test_sanction_targets_a_state_through_its_officials(example_graphs):
    sanction = _find(example_graphs, "eu-chn-sanctions-2021", "163")
    assert sanction.plover_type == "SANCTION"
    assert sanction.object == "sanctions"


def test_every_example_yields_events(example_graphs):
    assert len(example_graphs) == 6
    assert all(graph.events for graph in example_graphs)


def test_the_two_leaders_are_the_leaders_not_the_last_two_people_named(example_graphs):
    """After 'Atambayev awarded China's Minister of Commerce …', 'the two leaders' are still
    Atambayev and Xi: a trade minister is no leader."""
    [agree] = [e for e in _graph(example_graphs, "kgz-chn-beijing-2017").events
               if e.trigger == "agreed"]
    assert sorted(a.name for a in agree.source) == ["Almazbek Atambayev", "Xi Jinping"]


def _graph(graphs, article_id):
    [graph] = [g for g in graphs if g.article.id == article_id]
    return graph
