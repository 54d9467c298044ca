"""Partners on the embedded store, read from the rollup: every counterpart, each way, with its
tone, equal to a count made straight from the events; sorts, names, filters and bad options."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from diplograph.errors import QueryError
from diplograph.graph.lookup import actor_keys, lookup_key
from diplograph.graph.model import Actor, Article, ArticleGraph, Event
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.partners import PREFIXES, partners
from diplograph.queries.dates import date_bound

COUNTRIES = ("KGZ", "CHN", "RUS", "KAZ")
PEOPLE = [Actor(f"Person {c} {i}", "person", c) for c in COUNTRIES for i in range(2)]
STATES = [Actor.country_actor(c, f"State {c}") for c in COUNTRIES]
CODES = [("CONSULT", "040", 1.0, 1), ("CONSULT", "042", 1.9, 1), ("AGREE", "057", 8.0, 1),
         ("AID", "070", 7.0, 2), ("ACCUSE", "112", -2.0, 3), ("ASSAULT", "190", -10.0, 4)]


def corpus(seed: int) -> list[ArticleGraph]:
    rnd = random.Random(seed)
    graphs = []
    for a in range(50):
        events = []
        for i in range(rnd.randint(1, 5)):
            chosen = rnd.sample(PEOPLE + STATES, rnd.randint(2, 3))
            cut = len(chosen) if rnd.random() < 0.1 else rnd.randint(1, len(chosen) - 1)
            plover, cameo, goldstein, quad = rnd.choice(CODES)
            month = f"2019-{rnd.randint(1, 12):02d}"
            events.append(Event(
                f"p{a}", i, f"Sentence {i}.", (i, i + 1), "met", "met", plover, cameo, goldstein,
                quad, tuple(chosen[:cut]), tuple(chosen[cut:]),
                date=rnd.choice([None, "2019", month, month + "-15"]),
                negated=rnd.random() < 0.1, modality=rnd.choice(["asserted", "hypothetical"])))
        graphs.append(ArticleGraph(Article(f"Article {a}.", id=f"p{a}"), tuple(events)))
    return graphs


def reference(graphs, actor, by="country", since=None, until=None, plover_types=(), cameo=(),
              quad_classes=(), include_all=False) -> dict[str, tuple]:
    """Per counterpart key: (events, out, in, Goldstein sum, cooperation, conflict)."""
    key, prefix = lookup_key(actor), PREFIXES[by]
    since, until = date_bound(since, "", first=True)[:7], date_bound(until, "", first=False)[:7]
    totals: dict = defaultdict(lambda: [0, 0, 0, 0.0, 0, 0])
    for ag in graphs:
        for e in ag.events:
            month = e.date[:7] if e.date and len(e.date) >= 7 else None
            if ((not include_all and (e.negated or e.modality == "hypothetical"))
                    or ((since or until) and month is None)
                    or (since and month < since) or (until and month > until)
                    or (plover_types and e.plover_type not in plover_types)
                    or (cameo and not any(e.cameo_code.startswith(c) for c in cameo))
                    or (quad_classes and e.quad_class not in quad_classes)):
                continue
            ways: dict = defaultdict(set)
            for source, target in e.dyads():
                for s in actor_keys(source):
                    for t in actor_keys(target) if target else ():
                        if s == key and t.startswith(prefix) and t != key:
                            ways[t].add("out")
                        if t == key and s.startswith(prefix) and s != key:
                            ways[s].add("in")
            for other, seen in ways.items():
                total = totals[other]
                total[0] += 1
                total[1] += "out" in seen
                total[2] += "in" in seen
                total[3] += e.goldstein
                total[4 if e.quad_class <= 2 else 5] += 1
    return {k: (v[0], v[1], v[2], round(v[3], 4), v[4], v[5]) for k, v in totals.items()}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    graphs = corpus(seed=8)
    with OxigraphStore(tmp_path_factory.mktemp("partners")) as store:
        store.write(graphs)
        yield store, graphs


CASES = [
    ("KGZ", {}),
    ("CHN", {"include_all": True}),
    ("RUS", {"since": "2019-03", "until": "2019-09-10"}),
    ("KAZ", {"plover_types": ("CONSULT",), "quad_classes": (1, 2)}),
    ("KGZ", {"cameo": ("04", "19")}),
    ("Person CHN 1", {"by": "actor"}),
    ("KGZ", {"by": "actor", "since": "2019-06", "include_all": True}),
    ("person:person-rus-0", {"cameo": ("057",), "include_all": True}),
]


@pytest.mark.parametrize(("actor", "options"), CASES)
def test_partners_equal_a_count_of_the_events(loaded, actor, options) -> None:
    store, graphs = loaded
    expected = reference(graphs, actor, **options)
    assert expected
    got = partners(store, actor, top=100, **options)
    assert {r.counterpart_key: (r.events, r.events_out, r.events_in, r.goldstein_sum,
                                r.cooperation, r.conflict) for r in got} == expected
    assert [r.events for r in got] == sorted((r.events for r in got), reverse=True)
    for record in got:
        assert record.goldstein_mean == round(record.goldstein_sum / record.events, 4)


def test_sorts_rank_by_events_or_tone_and_top_cuts(loaded) -> None:
    store, _ = loaded
    everyone = partners(store, "KGZ", by="actor", top=100)
    assert len(everyone) > 5
    for sort, sign in (("cooperative", -1), ("hostile", 1)):
        ranked = partners(store, "KGZ", by="actor", sort=sort, top=100)
        assert [(sign * r.goldstein_sum, -r.events) for r in ranked] == sorted(
            (sign * r.goldstein_sum, -r.events) for r in ranked)
        assert {r.counterpart_key for r in ranked} == {r.counterpart_key for r in everyone}
        assert partners(store, "KGZ", by="actor", sort=sort, top=3) == ranked[:3]


def test_counterparts_are_named(loaded) -> None:
    store, _ = loaded
    countries = {r.counterpart_id: r.counterpart_name for r in partners(store, "KGZ")}
    assert countries == {"country:CHN": "State CHN", "country:RUS": "State RUS",
                         "country:KAZ": "State KAZ"}  # as the articles name the states
    actors = {r.counterpart_id: r.counterpart_name
              for r in partners(store, "CHN", by="actor", top=100)}
    assert actors["person:person-kgz-0"] == "Person KGZ 0"
    assert actors["country:KAZ"] == "State KAZ"


def test_an_actor_is_never_its_own_partner(loaded) -> None:
    store, _ = loaded
    assert "country:KGZ" not in {r.counterpart_key for r in partners(store, "KGZ", top=100)}
    assert "id:person:person-kgz-0" not in {
        r.counterpart_key for r in partners(store, "person:person-kgz-0", by="actor", top=100)}


def test_an_unknown_actor_has_no_partners(loaded) -> None:
    store, _ = loaded
    assert partners(store, "Nobody Known") == []
    assert partners(store, 'x" } ; DROP ALL ; #', by="actor") == []


@pytest.mark.parametrize(("options", "message"), [
    ({"by": "name"}, "unknown partner kind 'name'"),
    ({"sort": "friendly"}, "unknown sort 'friendly'"),
    ({"top": 0}, "top must be at least 1"),
    ({"plover_types": ["MEET"]}, "MEET"),
    ({"since": "2019-05", "until": "2019-01"}, "after until"),
])
def test_bad_options_are_refused_with_the_choices(loaded, options, message) -> None:
    store, _ = loaded
    with pytest.raises(QueryError, match=message):
        partners(store, "KGZ", **options)
