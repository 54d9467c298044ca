"""The `events` question: every filter keeps exactly the events a plain Python reading keeps,
records carry every field of the extracted events, and SPARQL and Cypher give the same records."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from diplograph.errors import QueryError
from diplograph.graph.lookup import lookup_key
from diplograph.graph.lookup import article_actors
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.events import EventFilter, events
from diplograph.queries.dates import date_bound

FILTERS = [
    {},
    {"include_all": True},
    {"actor": "KGZ"},
    {"actor": "Xi Jinping"},
    {"actor": "person:xi-jinping", "counterpart": "KGZ"},
    {"actor": "KGZ", "counterpart": "CHN"},
    {"actor": "KGZ", "counterpart": "CHN", "directed": True},
    {"plover_types": "consult,agree"},
    {"cameo": ["04"]},
    {"cameo": "042"},
    {"quad_classes": [3, 4]},
    {"since": "2019"},
    {"since": "2019-06", "until": "2021-03"},
    {"until": "2017"},
    {"actor": "CHN", "plover_types": ["SANCTION"], "include_all": True},
]


def expected_ids(graphs, **filters) -> list[str]:
    """The filter semantics read directly off the model objects."""
    chosen = EventFilter(**filters)
    params = chosen.params()
    types = set(filter(None, params["types"].split("|")))
    cameo = tuple(filter(None, params["cameo"].split("|")))
    quads = {int(q) for q in filter(None, params["quad_classes"].split("|"))}
    out = []
    for graph in graphs:
        keys = {a: set(v.match_keys) for a, v in article_actors(graph).items()}
        for e in graph.events:
            if not chosen.include_all and (e.negated or e.modality not in ("asserted", "reported")):
                continue
            if (types and e.plover_type not in types) or (quads and e.quad_class not in quads):
                continue
            if cameo and not e.cameo_code.startswith(cameo):
                continue
            if params["since"] and (not e.date or
                                    date_bound(e.date, "d", first=True) < params["since"]):
                continue
            if params["until"] and (not e.date or
                                    date_bound(e.date, "d", first=False) > params["until"]):
                continue
            if chosen.actor:
                a, b = lookup_key(chosen.actor), chosen.counterpart and lookup_key(chosen.counterpart)
                pairs = [(keys[s.id], keys[t.id] if t else set()) for s, t in e.dyads()]
                forward = any(a in s and (not b or b in t) for s, t in pairs)
                backward = any(a in t and (not b or b in s) for s, t in pairs)
                if not (forward or (backward and not chosen.directed)):
                    continue
            out.append(e.id)
    return sorted(out)


@pytest.fixture(scope="module")
def store(example_graphs, tmp_path_factory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("events")) as opened:
        opened.write(example_graphs)
        yield opened


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: EventFilter(**f).describe())
def test_filter_keeps_what_the_model_says(store, example_graphs, filters):
    got = sorted(r.id for r in events(store, **filters))
    assert got == expected_ids(example_graphs, **filters)


def test_filters_narrow_the_examples(store):
    """The examples exercise the filters: none of them keeps everything or nothing by accident."""
    everything = len(events(store, include_all=True))
    for filters in FILTERS[2:]:
        assert 0 < len(events(store, **filters)) < everything, filters


def test_records_carry_every_event_field(store, example_graphs):
    by_id = {e.id: (g.article, e) for g in example_graphs for e in g.events}
    records = events(store, include_all=True)
    assert len(records) == len(by_id)
    for record in records:
        article, event = by_id[record.id]
        assert record.article_id == article.id and record.article_title == article.title
        assert record.article_date == article.date and record.article_url == article.url
        for name in ("sentence_index", "sentence", "span", "trigger", "predicate", "plover_type",
                     "plover_mode", "plover_context", "cameo_code", "goldstein", "quad_class",
                     "object", "date", "date_precision", "negated", "modality", "confidence"):
            want = getattr(event, name)
            want = tuple(sorted(want)) if name == "plover_context" else want
            assert getattr(record, name) == want, (record.id, name)
        assert record.location_name == (event.location.name if event.location else None)
        assert [a.id for a in record.source] == sorted({a.id for a in event.source})
        assert [a.id for a in record.target] == sorted({a.id for a in event.target})


def test_records_come_oldest_first_undated_last(store):
    dates = [r.date for r in events(store, include_all=True)]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated


@pytest.mark.parametrize(("filters", "message"), [
    ({"plover_types": "DEMAND"}, "older PLOVER drafts called it REQUEST"),
    ({"cameo": "0421"}, "its parent '042'"),
    ({"quad_classes": "5"}, "unknown QuadClass '5'"),
    ({"since": "2019-13-01"}, "since must be a real date"),
    ({"since": "2020", "until": "2019"}, "swap them"),
    ({"counterpart": "CHN"}, "a counterpart needs an actor"),
    ({"actors": "KGZ"}, "the event filters are actor, counterpart"),
])
def test_bad_filters_say_what_is_wrong(store, filters, message):
    with pytest.raises(QueryError, match=message):
        events(store, **filters)


@pytest.mark.neo4j
def test_cypher_gives_the_same_records(store, example_graphs, neo4j_server):
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    with Neo4jStore(neo4j_server.uri) as cypher:
        cypher.query("MATCH (n) DETACH DELETE n", write=True)
        cypher.write(example_graphs)
        # A cold server takes seconds per new query plan: a representative few, not all.
        for filters in (FILTERS[1], FILTERS[3], FILTERS[6], FILTERS[7], FILTERS[8], FILTERS[12]):
            assert events(cypher, **filters) == events(store, **filters), filters
