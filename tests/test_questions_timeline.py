"""The timeline on the embedded store, read from the rollup: by month, quarter and year, with the
type filters, directed or not, always equal to a count made straight from the events."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from diplograph.errors import QueryError
from diplograph.graph.lookup import actor_keys, lookup_key
from diplograph.graph.model import Actor, Article, ArticleGraph, Event
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.dates import date_bound, period_of, period_range
from diplograph.queries.timeline import TimelineRow, timeline

PEOPLE = [Actor(f"Person {c} {i}", "person", c) for c in ("KGZ", "CHN", "RUS") for i in range(2)]
STATES = [Actor.country_actor(c) for c in ("KGZ", "CHN", "RUS")]
CODES = [("CONSULT", "040", 1.0, 1), ("CONSULT", "042", 1.9, 1), ("CONSULT", "043", 2.8, 1),
         ("AGREE", "057", 8.0, 1), ("AID", "070", 7.0, 2), ("AGREE", "0331", 5.2, 1),
         ("ACCUSE", "112", -2.0, 3), ("THREATEN", "138", -7.0, 3), ("ASSAULT", "190", -10.0, 4)]


def corpus(seed: int) -> list[ArticleGraph]:
    rnd = random.Random(seed)
    graphs = []
    for a in range(60):
        events = []
        for i in range(rnd.randint(1, 5)):
            chosen = rnd.sample(PEOPLE + STATES, rnd.randint(2, 3))
            cut = len(chosen) if rnd.random() < 0.1 else rnd.randint(1, len(chosen) - 1)
            plover, cameo, goldstein, quad = rnd.choice(CODES)
            month = f"{rnd.choice((2017, 2018))}-{rnd.randint(1, 12):02d}"
            date = rnd.choice([None, month[:4], month, f"{month}-{rnd.randint(1, 28):02d}"])
            events.append(Event(f"t{a}", i, f"Sentence {i}.", (i, i + 1), "met", "met", plover,
                                cameo, goldstein, quad, tuple(chosen[:cut]),
                                tuple(chosen[cut:]), date=date, negated=rnd.random() < 0.1,
                                modality=rnd.choice(["asserted", "reported", "future"])))
        graphs.append(ArticleGraph(Article(f"Article {a}.", id=f"t{a}"), tuple(events)))
    return graphs


def reference(graphs, a, b, directed=False, granularity="month", since=None, until=None,
              plover_types=(), cameo=(), quad_classes=(), include_all=False):
    """The timeline counted event by event (each actor here has one description)."""
    ka, kb = lookup_key(a), lookup_key(b)
    since, until = date_bound(since, "", first=True)[:7], date_bound(until, "", first=False)[:7]
    periods: dict = defaultdict(list)
    for ag in graphs:
        for e in ag.events:
            pairs = [(s, t) for s, t in e.dyads() if t is not None]
            forward = any(ka in actor_keys(s) and kb in actor_keys(t) for s, t in pairs)
            backward = any(kb in actor_keys(s) and ka in actor_keys(t) for s, t in pairs)
            month = e.date[:7] if e.date and len(e.date) >= 7 else None
            if not (forward or (backward and not directed)):
                continue
            if not include_all and (e.negated or e.modality == "future"):
                continue
            if (since or until) and month is None:
                continue
            if (since and month < since) or (until and month > until):
                continue
            if plover_types and e.plover_type not in plover_types:
                continue
            if cameo and not any(e.cameo_code.startswith(c) for c in cameo):
                continue
            if quad_classes and e.quad_class not in quad_classes:
                continue
            periods[month and period_of(month, granularity)].append(e)
    dated = sorted(p for p in periods if p)
    first = period_of(since, granularity) if since else (dated[0] if dated else "")
    last = period_of(until, granularity) if until else (dated[-1] if dated else "")
    rows = []
    for period in period_range(first, last) + ([None] if None in periods else []):
        chosen = periods.get(period, [])
        by_type: dict = defaultdict(int)
        by_quad = {1: 0, 2: 0, 3: 0, 4: 0}
        for e in chosen:
            by_type[e.plover_type] += 1
            by_quad[e.quad_class] += 1
        total = round(sum((e.goldstein for e in chosen), 0.0), 4)
        rows.append(TimelineRow(period, len(chosen), total,
                                round(total / len(chosen), 4) if chosen else None,
                                dict(sorted(by_type.items())), by_quad))
    return rows


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    graphs = corpus(seed=5)
    with OxigraphStore(tmp_path_factory.mktemp("timeline")) as store:
        store.write(graphs)
        yield store, graphs


CASES = [
    ("KGZ", "CHN", {}),
    ("KGZ", "CHN", {"granularity": "quarter"}),
    ("KGZ", "CHN", {"granularity": "year", "directed": True}),
    ("CHN", "KGZ", {"granularity": "quarter", "directed": True, "include_all": True}),
    ("RUS", "CHN", {"plover_types": ("CONSULT", "AID")}),
    ("RUS", "CHN", {"cameo": ("04",), "granularity": "year"}),
    ("KGZ", "RUS", {"cameo": ("0331", "112"), "include_all": True}),
    ("KGZ", "RUS", {"quad_classes": (3, 4), "granularity": "quarter"}),
    ("Person KGZ 0", "CHN", {"since": "2017-05", "until": "2018-02-10"}),
    ("CHN", "person:person-rus-1", {"granularity": "quarter", "since": "2017-02"}),
    ("RUS", "RUS", {"granularity": "year", "until": "2017-08"}),
    ("KGZ", "CHN", {"cameo": ("04",), "plover_types": ("CONSULT",), "quad_classes": (1,),
                    "since": "2018"}),
]


@pytest.mark.parametrize(("a", "b", "options"), CASES)
def test_the_timeline_equals_a_count_of_the_events(loaded, a, b, options) -> None:
    store, graphs = loaded
    expected = reference(graphs, a, b, **options)
    assert sum(r.events for r in expected) > 0
    assert timeline(store, a, b, **options) == expected


def test_quarters_and_years_run_without_gaps_and_undated_events_come_last(tmp_path) -> None:
    kgz, chn = STATES[0], STATES[1]
    events = tuple(Event("q1", i, "S.", (i, i + 1), "met", "met", "CONSULT", "040", 1.0, 1,
                         (kgz,), (chn,), date=date)
                   for i, date in enumerate(["2016-11-30", "2017-08", "2017", None]))
    with OxigraphStore(tmp_path / "db") as store:
        store.write([ArticleGraph(Article("Four meetings.", id="q1"), events)])
        quarters = timeline(store, "KGZ", "CHN", granularity="quarter")
        assert [(r.period, r.events) for r in quarters] == [
            ("2016-Q4", 1), ("2017-Q1", 0), ("2017-Q2", 0), ("2017-Q3", 1), (None, 2)]
        years = timeline(store, "KGZ", "CHN", granularity="year", since="2016-06")
        assert [(r.period, r.events) for r in years] == [("2016", 1), ("2017", 1)]


@pytest.mark.parametrize(("options", "message"), [
    ({"granularity": "week"}, "unknown granularity 'week'"),
    ({"plover_types": ["CONSULTS"]}, "CONSULTS"),
    ({"cameo": ["0421"]}, "unknown CAMEO code"),
    ({"quad_classes": [5]}, "unknown QuadClass"),
    ({"since": "2018", "until": "2017"}, "after until"),
    ({"since": "June 2017"}, "since"),
])
def test_bad_options_are_refused_with_the_choices(loaded, options, message) -> None:
    store, _ = loaded
    with pytest.raises(QueryError, match=message):
        timeline(store, "KGZ", "CHN", **options)
