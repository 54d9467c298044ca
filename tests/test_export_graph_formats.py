"""Graph exports: GraphML and GEXF read back by networkx with every attribute typed as written,
node-link and Cytoscape JSON load with the same graph, and the actor graph's edges add up to the
events they fold together."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

nx = pytest.importorskip("networkx", reason="graph exports need networkx (the export extra)")

from diplograph.errors import QueryError  # noqa: E402
from diplograph.graph.stores.oxigraph.store import OxigraphStore  # noqa: E402
from diplograph.queries.events import events  # noqa: E402
from diplograph.queries.export import actor_graph, event_graph, export_graph  # noqa: E402

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.fixture(scope="module")
def store(example_graphs, tmp_path_factory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("graphs")) as opened:
        opened.write(example_graphs)
        yield opened


@pytest.fixture(scope="module")
def records(store):
    return events(store)


def same_types(written: dict, read: dict, fmt: str) -> None:
    """Every attribute comes back, equal and of the same Python type."""
    for key, value in written.items():
        got = read[key]
        if fmt == "gexf" and key == "weight":  # GEXF defines an edge weight as a float
            assert got == float(value)
            continue
        assert got == value and type(got) is type(value), (key, value, got)


@pytest.mark.parametrize("view", ["actors", "events"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_attributes_come_back_typed(store, records, tmp_path, fmt, view):
    graph = actor_graph(records) if view == "actors" else event_graph(records)
    path = tmp_path / f"graph.{fmt}"
    summary = export_graph(store, fmt, path, view=view)
    back = READERS[fmt](path)
    assert (summary.nodes, summary.edges) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.is_directed() and set(back.nodes) == set(graph.nodes)
    assert set(back.edges) == set(graph.edges)
    for node, data in graph.nodes(data=True):
        same_types(data, back.nodes[node], fmt)
    for source, target, data in graph.edges(data=True):
        same_types(data, back.edges[source, target], fmt)


def test_typed_attributes_are_what_tools_filter_on(records):
    graph = event_graph(records)
    event = next(d for _, d in graph.nodes(data=True) if d["kind"] == "event")
    assert isinstance(event["goldstein"], float) and isinstance(event["quad_class"], int)
    assert isinstance(event["negated"], bool) and isinstance(event["cameo_code"], str)


def test_actor_edges_fold_their_events(records):
    graph = actor_graph(records)
    pairs = [(s.id, t.id) for r in records for s in r.source for t in r.target if s.id != t.id]
    assert sum(w for _, _, w in graph.edges(data="weight")) == len(pairs)
    for source, target, data in graph.edges(data=True):
        group = [r for r in records if any(s.id == source for s in r.source)
                 and any(t.id == target for t in r.target)]
        dates = sorted(r.date for r in group if r.date)
        assert data["weight"] == len(group)
        assert data["goldstein_sum"] == pytest.approx(sum(r.goldstein for r in group))
        assert (data.get("first_date"), data.get("last_date")) == (
            (dates[0], dates[-1]) if dates else (None, None))
        assert sum(data[f"quad{q}"] for q in (1, 2, 3, 4)) == len(group)
        assert set(data["event_ids"].split("; ")) == {r.id for r in group}
    actors = {a.id for r in records for a in (*r.source, *r.target)}
    assert set(graph.nodes) == actors


@pytest.mark.parametrize("view", ["actors", "events"])
def test_json_formats_load_as_the_same_graph(store, records, tmp_path, view):
    graph = actor_graph(records) if view == "actors" else event_graph(records)
    export_graph(store, "json", tmp_path / "g.json", view=view)
    export_graph(store, "cytoscape", tmp_path / "g.cyjs", view=view)
    node_link = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="edges")
    cytoscape = nx.cytoscape_graph(json.loads((tmp_path / "g.cyjs").read_text()))
    for back in (node_link, cytoscape):
        assert set(back.nodes) == set(graph.nodes) and set(back.edges) == set(graph.edges)
    some = next(iter(graph.edges))
    assert node_link.edges[some] == graph.edges[some]


def test_filters_reach_the_graph(store, tmp_path):
    summary = export_graph(store, "graphml", tmp_path / "kgz.graphml", actor="KGZ",
                           plover_types="CONSULT")
    back = nx.read_graphml(tmp_path / "kgz.graphml")
    assert summary.events == len(events(store, actor="KGZ", plover_types="CONSULT")) > 0
    assert back.number_of_nodes() < actor_graph(events(store)).number_of_nodes()


def test_unknown_format_and_view_are_refused(store, tmp_path):
    with pytest.raises(QueryError, match="choose one of graphml"):
        export_graph(store, "dot", tmp_path / "g.dot")
    with pytest.raises(QueryError, match="choose 'actors' or 'events'"):
        export_graph(store, "gexf", tmp_path / "g.gexf", view="articles")
