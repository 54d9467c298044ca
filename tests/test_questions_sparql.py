"""The canned questions on the embedded store: known answers on a small corpus, and agreement with
a plain-Python reading of the same events on a random one."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest

from diplograph.errors import QueryError
from diplograph.graph.lookup import actor_keys, lookup_key
from diplograph.graph.model import Actor, Affiliation, Article, ArticleGraph, Event, Location
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph import queries
from diplograph.queries import MetRecord, TimelineRow
from diplograph.queries.dates import period_range
from diplograph.queries.templates import available, load

ATAMBAYEV = Actor("Almazbek Atambayev", "person", "KGZ", role="President")
XI = Actor("Xi Jinping", "person", "CHN", role="President")
PUTIN = Actor("Vladimir Putin", "person", "RUS")
JEENBEKOV = Actor("Sooronbay Jeenbekov", "person", "KGZ", role="Prime Minister")
LI = Actor("Li Keqiang", "person", "CHN")
KGZ = Actor.country_actor("KGZ", "Kyrgyzstan")
CHN = Actor.country_actor("CHN", "China")


def event(article: str, index: int, sentence: str, plover: str, cameo: str, goldstein: float,
          quad: int, source: tuple[Actor, ...], target: tuple[Actor, ...],
          date: str | None = None, **fields: object) -> Event:
    return Event(article, index, sentence, (index * 40, index * 40 + 5), "met", "met", plover,
                 cameo, goldstein, quad, source, target, date=date, **fields)


def corpus() -> list[ArticleGraph]:
    """Four short reports; the first holds the seed facts (Atambayev in Beijing, January 2017)."""
    return [
        ArticleGraph(Article("Bishkek and Beijing", id="a1", date="2017-01-09"), (
            event("a1", 0, "On a working trip to China on 6 January, Kyrgyz President Atambayev "
                  "held talks with Xi Jinping.", "CONSULT", "042", 1.9, 1, (ATAMBAYEV,), (XI,),
                  "2017-01-06", location=Location("Beijing", "CHN"), plover_mode="visit"),
            event("a1", 1, "Both leaders and Kyrgyzstan committed to closer security work.",
                  "AGREE", "030", 4.0, 1, (ATAMBAYEV, KGZ), (XI,), "2017-01-06"),
        ), (Affiliation(ATAMBAYEV.id, "KGZ", "President", start="2017-01-06", article_id="a1"),)),
        ArticleGraph(Article("Spring diplomacy", id="a2", date="2017-03-20"), (
            event("a2", 0, "Putin received President Xi in Moscow in March.", "CONSULT", "040",
                  1.0, 1, (PUTIN,), (Actor("Xi Jinping", "person", "CHN",
                                           aliases=("President Xi",)),),
                  "2017-03", location=Location("Moscow", "RUS")),
            event("a2", 1, "Xi did not see Atambayev on 15 March.", "CONSULT", "040", 1.0, 1,
                  (XI,), (ATAMBAYEV,), "2017-03-15", negated=True),
            event("a2", 2, "Atambayev is due in Moscow to see Putin in April.", "CONSULT", "042",
                  1.9, 1, (ATAMBAYEV,), (PUTIN,), "2017-04", modality="future"),
        )),
        ArticleGraph(Article("May frictions", id="a3", date="2017-05-02"), (
            event("a3", 0, "Beijing criticised Bishkek on 1 May.", "ACCUSE", "112", -2.0, 3,
                  (CHN,), (KGZ,), "2017-05-01"),
            event("a3", 1, "Jeenbekov also talked with Li Keqiang at some point.", "CONSULT",
                  "040", 1.0, 1, (JEENBEKOV,), (LI,)),
            event("a3", 2, "In May the prime minister briefed the president.", "CONSULT", "040",
                  1.0, 1, (JEENBEKOV,), (ATAMBAYEV,), "2017-05"),
        )),
        ArticleGraph(Article("Year in review", id="a4", date="2017-12-30"), (
            event("a4", 0, "Xi and Atambayev met during the year.", "CONSULT", "040", 1.0, 1,
                  (XI,), (ATAMBAYEV,), "2017"),
        )),
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with OxigraphStore(tmp_path_factory.mktemp("questions")) as opened:
        opened.write(corpus())
        yield opened


def met_summary(records: list[MetRecord]) -> list[tuple]:
    return [(r.date, r.actor_name, r.counterpart_name, r.direction) for r in records]


def test_the_seed_meeting_is_found_with_its_place_and_provenance(store) -> None:
    (record, *_) = [r for r in queries.met(store, "KGZ") if r.date == "2017-01-06"]
    assert record.counterpart_name == "Xi Jinping" and record.counterpart_country == "CHN"
    assert (record.place, record.place_country) == ("Beijing", "CHN")
    assert record.actor_name == "Almazbek Atambayev" and record.direction == "source"
    assert record.article_id == "a1" and record.cameo_code == "042"
    assert record.sentence.startswith("On a working trip to China")
    assert record.to_dict()["event_id"] == record.event_id


def test_met_by_name_leaves_out_negated_and_future_events(store) -> None:
    assert met_summary(queries.met(store, "Almazbek Atambayev")) == [
        ("2017", "Almazbek Atambayev", "Xi Jinping", "target"),
        ("2017-01-06", "Almazbek Atambayev", "Xi Jinping", "source"),
        ("2017-05", "Almazbek Atambayev", "Sooronbay Jeenbekov", "target"),
    ]


def test_met_with_include_all_keeps_them(store) -> None:
    got = queries.met(store, "almazbek  ATAMBAYEV", include_all=True)
    assert [(r.date, r.counterpart_name, r.negated, r.modality) for r in got] == [
        ("2017", "Xi Jinping", False, "asserted"),
        ("2017-01-06", "Xi Jinping", False, "asserted"),
        ("2017-03-15", "Xi Jinping", True, "asserted"),
        ("2017-04", "Vladimir Putin", False, "future"),
        ("2017-05", "Sooronbay Jeenbekov", False, "asserted"),
    ]


def test_met_by_country_covers_its_people_but_not_meetings_among_them(store) -> None:
    assert met_summary(queries.met(store, "KGZ")) == [
        ("2017", "Almazbek Atambayev", "Xi Jinping", "target"),
        ("2017-01-06", "Almazbek Atambayev", "Xi Jinping", "source"),
        (None, "Sooronbay Jeenbekov", "Li Keqiang", "source"),
    ]


@pytest.mark.parametrize("name", ["Xi Jinping", "xi jinping", "person:xi-jinping"])
def test_met_by_label_or_id(store, name: str) -> None:
    assert met_summary(queries.met(store, name)) == [
        ("2017", "Xi Jinping", "Almazbek Atambayev", "source"),
        ("2017-01-06", "Xi Jinping", "Almazbek Atambayev", "target"),
        ("2017-03", "Xi Jinping", "Vladimir Putin", "target"),
    ]


def test_an_alias_finds_the_events_of_the_articles_that_use_it(store) -> None:
    assert met_summary(queries.met(store, "president XI")) == [
        ("2017-03", "Xi Jinping", "Vladimir Putin", "target")]


@pytest.mark.parametrize(("since", "until", "dates"), [
    ("2017-01-01", "2017-01-31", ["2017-01-06"]),
    ("2017", None, ["2017", "2017-01-06", "2017-03"]),
    ("2017-03", None, ["2017-03"]),  # the year-only event may lie before March: out
    (None, "2017-01", ["2017-01-06"]),  # the undated one cannot be placed: out
])
def test_met_date_bounds_keep_events_wholly_inside(store, since, until, dates) -> None:
    assert [r.date for r in queries.met(store, "CHN", since=since, until=until)] == dates


def test_met_of_an_unknown_or_hostile_name_is_empty(store) -> None:
    assert queries.met(store, 'x" } ; DROP ALL ; #') == []
    assert queries.met(store, "Nobody Known") == []
    assert queries.stats(store).events == 9


def test_met_refuses_a_malformed_date(store) -> None:
    with pytest.raises(QueryError, match="since"):
        queries.met(store, "KGZ", since="6 January 2017")


def empty(period: str) -> TimelineRow:
    return TimelineRow(period, 0, 0.0, None, {}, {1: 0, 2: 0, 3: 0, 4: 0})


def test_timeline_between_two_countries_month_by_month(store) -> None:
    assert queries.timeline(store, "KGZ", "CHN") == [
        TimelineRow("2017-01", 2, 5.9, 2.95, {"AGREE": 1, "CONSULT": 1}, {1: 2, 2: 0, 3: 0, 4: 0}),
        empty("2017-02"), empty("2017-03"), empty("2017-04"),
        TimelineRow("2017-05", 1, -2.0, -2.0, {"ACCUSE": 1}, {1: 0, 2: 0, 3: 1, 4: 0}),
        TimelineRow(None, 2, 2.0, 1.0, {"CONSULT": 2}, {1: 2, 2: 0, 3: 0, 4: 0}),
    ]


def test_a_directed_timeline_counts_one_way_only(store) -> None:
    assert queries.timeline(store, "KGZ", "CHN", directed=True) == [
        TimelineRow("2017-01", 2, 5.9, 2.95, {"AGREE": 1, "CONSULT": 1}, {1: 2, 2: 0, 3: 0, 4: 0}),
        TimelineRow(None, 1, 1.0, 1.0, {"CONSULT": 1}, {1: 1, 2: 0, 3: 0, 4: 0}),
    ]
    assert [r.period for r in queries.timeline(store, "CHN", "KGZ", directed=True)] == [
        "2017-05", None]


def test_timeline_bounds_fill_the_range_and_drop_undated_events(store) -> None:
    rows = queries.timeline(store, "Almazbek Atambayev", "CHN", since="2016-12",
                              until="2017-03-31", include_all=True)
    assert [(r.period, r.events) for r in rows] == [
        ("2016-12", 0), ("2017-01", 2), ("2017-02", 0), ("2017-03", 1)]
    assert rows[0].to_dict()["by_quad_class"] == {1: 0, 2: 0, 3: 0, 4: 0}


def test_an_event_running_both_ways_counts_once_each_way(tmp_path: Path) -> None:
    joint = event("j1", 0, "Both delegations met both governments.", "CONSULT", "040", 1.0, 1,
                  (ATAMBAYEV, XI), (KGZ, CHN), "2018-02-02")
    with OxigraphStore(tmp_path / "db") as db:
        db.write([ArticleGraph(Article("Joint talks.", id="j1"), (joint,))])
        for a, b, directed in [("KGZ", "CHN", True), ("CHN", "KGZ", True), ("KGZ", "CHN", False)]:
            rows = queries.timeline(db, a, b, directed=directed)
            assert [(r.period, r.events) for r in rows] == [("2018-02", 1)], (a, b, directed)


def test_a_joint_act_counts_for_the_pair_of_its_sources(tmp_path: Path) -> None:
    signed = event("s1", 0, "Kyrgyzstan and China signed a border accord in June.", "AGREE",
                   "057", 8.0, 1, (KGZ, CHN), (), "2018-06")
    with OxigraphStore(tmp_path / "db") as db:
        db.write([ArticleGraph(Article("Border accord.", id="s1"), (signed,))])
        for a, b in [("KGZ", "CHN"), ("CHN", "KGZ")]:
            rows = queries.timeline(db, a, b, directed=True)
            assert [(r.period, r.by_type) for r in rows] == [("2018-06", {"AGREE": 1})]


def test_stats_describe_the_whole_store(store) -> None:
    stats = queries.stats(store)
    assert stats.to_dict() == {
        "articles": 4, "events": 9, "actors": 7, "size": store.count(),
        "events_by_type": {"ACCUSE": 1, "AGREE": 1, "CONSULT": 7},
        "first_date": "2017", "last_date": "2017-05-01",
    }


def test_stats_of_an_empty_store(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "empty") as empty_store:
        assert queries.stats(empty_store).to_dict() == {
            "articles": 0, "events": 0, "actors": 0, "size": 0, "events_by_type": {},
            "first_date": None, "last_date": None}


def test_answers_follow_a_rewritten_and_a_deleted_article(tmp_path: Path) -> None:
    graphs = corpus()
    with OxigraphStore(tmp_path / "db") as db:
        db.write(graphs)
        db.write([ArticleGraph(graphs[0].article, graphs[0].events[1:])])  # seed meeting gone
        db.delete_article("a4")
        assert met_summary(queries.met(db, "Almazbek Atambayev")) == [
            ("2017-05", "Almazbek Atambayev", "Sooronbay Jeenbekov", "target")]
        assert [(r.period, r.by_type) for r in queries.timeline(db, "KGZ", "CHN")][0] == (
            "2017-01", {"AGREE": 1})


# --- agreement with a plain reading of the events -------------------------------------------

PEOPLE = [Actor(f"Person {c} {i}", "person", c, aliases=(f"P{c}{i}",))
          for c in ("KGZ", "CHN", "RUS") for i in range(2)]
COUNTRIES = [Actor.country_actor(c) for c in ("KGZ", "CHN", "RUS")]
ORG = Actor("Some Agency", "organization")
TYPES = [("CONSULT", 1, 1.0), ("AGREE", 1, 4.0), ("AID", 2, 7.0), ("ACCUSE", 3, -2.0),
         ("ASSAULT", 4, -10.0), ("CONSULT", 1, 1.9)]


def random_corpus(seed: int) -> list[ArticleGraph]:
    rnd = random.Random(seed)
    actors = PEOPLE + COUNTRIES + [ORG]
    graphs = []
    for a in range(40):
        article_id = f"r{a}"
        events = []
        for i in range(rnd.randint(1, 5)):
            chosen = rnd.sample(actors, rnd.randint(2, 4))
            cut = rnd.randint(1, len(chosen) - 1) if rnd.random() < 0.9 else len(chosen)
            plover, quad, goldstein = rnd.choice(TYPES)
            date = rnd.choice([None, "2018", f"2018-{rnd.randint(1, 4):02d}",
                               f"2018-{rnd.randint(1, 4):02d}-{rnd.randint(1, 28):02d}"])
            events.append(Event(article_id, i, f"Random sentence {i}.", (i, i + 1), "met", "met",
                                plover, "040", goldstein, quad, tuple(chosen[:cut]),
                                tuple(chosen[cut:]), date=date,
                                negated=rnd.random() < 0.15,
                                modality=rnd.choice(["asserted", "asserted", "reported",
                                                     "future", "hypothetical"])))
        graphs.append(ArticleGraph(Article(f"Random {a}.", id=article_id), tuple(events)))
    return graphs


def happened(e: Event) -> bool:
    return not e.negated and e.modality in ("asserted", "reported")


def reference_timeline(graphs, a, b, directed=False, since=None, until=None, include_all=False):
    """The timeline read straight off the events (every actor here keeps one description)."""
    ka, kb = lookup_key(a), lookup_key(b)
    has = lambda actors, key: any(key in actor_keys(x) for x in actors)  # noqa: E731
    months: dict = defaultdict(list)
    for ag in graphs:
        for e in ag.events:
            pairs = [(s, t) for s, t in e.dyads() if t is not None]
            forward = any(has((s,), ka) and has((t,), kb) for s, t in pairs)
            backward = not directed and any(has((s,), kb) and has((t,), ka) for s, t in pairs)
            if not (forward or backward) or not (include_all or happened(e)):
                continue
            month = e.date[:7] if e.date and len(e.date) >= 7 else None
            if (since or until) and month is None:
                continue
            if (since and month < since[:7]) or (until and month > until[:7]):
                continue
            months[month].append(e)
    dated = sorted(m for m in months if m)
    first = (since or (dated[0] if dated else ""))[:7]
    last = (until or (dated[-1] if dated else ""))[:7]
    order = period_range(first, last) + ([None] if None in months else [])
    rows = []
    for m in order:
        evs = months.get(m, [])
        by_type: dict = defaultdict(int)
        by_quad = {1: 0, 2: 0, 3: 0, 4: 0}
        for e in evs:
            by_type[e.plover_type] += 1
            by_quad[e.quad_class] += 1
        total = round(sum((e.goldstein for e in evs), 0.0), 4)
        rows.append(TimelineRow(m, len(evs), total, round(total / len(evs), 4) if evs else None,
                                dict(sorted(by_type.items())), by_quad))
    return rows


def reference_met(graphs, actor, include_all=False):
    key = lookup_key(actor)
    chosen: dict = {}
    for ag in graphs:
        for e in ag.events:
            if e.plover_type != "CONSULT" or not (include_all or happened(e)):
                continue
            for side, actors in (("source", e.source), ("target", e.target)):
                for x in (x for x in actors if key in actor_keys(x)):
                    for other in e.actors:
                        if other.id != x.id and key not in actor_keys(other):
                            slot = (e.id, other.id)
                            if slot not in chosen or x.id < chosen[slot][2]:
                                chosen[slot] = (e.date, e.id, x.id, side, other.id)
    return sorted(chosen.values(), key=lambda r: (r[0] is None, r[0] or "", r[1]))


@pytest.fixture(scope="module")
def random_store(tmp_path_factory):
    graphs = random_corpus(seed=11)
    with OxigraphStore(tmp_path_factory.mktemp("random")) as opened:
        opened.write(graphs)
        yield opened, graphs


PAIRS = [("KGZ", "CHN", {}), ("KGZ", "CHN", {"directed": True}), ("CHN", "KGZ", {"directed": True}),
         ("RUS", "RUS", {}), ("Person KGZ 0", "CHN", {"include_all": True}),
         ("PCHN1", "person:person-rus-0", {}), ("country:KGZ", "Some Agency", {}),
         ("KGZ", "RUS", {"since": "2018-02", "until": "2018-03-15"}),
         ("RUS", "CHN", {"since": "2018-03", "include_all": True})]


@pytest.mark.parametrize(("a", "b", "options"), PAIRS)
def test_timeline_agrees_with_the_events(random_store, a, b, options) -> None:
    store, graphs = random_store
    expected = reference_timeline(graphs, a, b, **options)
    assert sum(r.events for r in expected) > 0
    assert queries.timeline(store, a, b, **options) == expected


@pytest.mark.parametrize(("actor", "options"), [
    ("KGZ", {}), ("CHN", {"include_all": True}), ("Person RUS 1", {}), ("PKGZ0", {}),
    ("Some Agency", {"include_all": True})])
def test_met_agrees_with_the_events(random_store, actor, options) -> None:
    store, graphs = random_store
    expected = reference_met(graphs, actor, **options)
    assert expected
    got = [(r.date, r.event_id, r.actor_id, r.direction, r.counterpart_id)
           for r in queries.met(store, actor, **options)]
    assert len(got) == len(expected) and set(got) == set(expected)
    assert [g[:2] for g in got] == [e[:2] for e in expected]  # the order: by date, then event


# --- templates ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", available("sparql"))
def test_every_declared_parameter_is_projected_by_its_sparql_template(name: str) -> None:
    template = load(name, "sparql")
    select = template.text.split("WHERE", 1)[0]
    for param in template.params:
        assert f"?{param}" in select, (name, param)


def test_the_first_questions_have_sparql_templates() -> None:
    assert {"met", "events", "stats", "event_types"} <= set(available("sparql"))


def test_a_missing_template_names_the_ones_there_are() -> None:
    with pytest.raises(QueryError, match="available: .*met"):
        load("who_knows", "sparql")
    with pytest.raises(QueryError, match="unknown query language"):
        load("met", "gremlin")
