"""The two graph views of events an export or the HTML page draws, written with networkx.

- the **actor graph** (`actor_graph`): actors are nodes; each (source, target) pair becomes one
  directed edge whose `weight` is its number of events, with the Goldstein sum and mean, the first
  and last date, counts per QuadClass and per PLOVER type. An event with no target (a joint
  statement) adds its actors as nodes but no edge.
- the **event graph** (`event_graph`): actors and events are both nodes;
  actor -[source]-> event -[target]-> actor, with every event field on the event node.

Attributes are flat and typed (int, float, bool, str; lists joined with "; "; missing values
left out) so GraphML and GEXF read back with the same types.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.errors import QueryError
from diplograph.graph.records import EventRecord

if TYPE_CHECKING:
    import networkx as nx

GRAPH_FORMATS = ("graphml", "gexf", "json", "cytoscape")
LIST_SEPARATOR = "; "


def _networkx() -> Any:
    try:
        import networkx
    except ImportError as missing:
        raise QueryError("graph exports need networkx: pip install 'diplograph[export]'") \
            from missing
    return networkx


def _flat(values: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML and GEXF can both hold: no None, lists joined into one string."""
    out = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        out[key] = value
    return out


def _add_actors(graph: nx.DiGraph, records: Sequence[EventRecord]) -> None:
    """Actor nodes with how often each is on either side; the first description seen wins."""
    as_source: Counter[str] = Counter()
    as_target: Counter[str] = Counter()
    for record in records:
        for actor in record.source:
            as_source[actor.id] += 1
            _describe(graph, actor)
        for actor in record.target:
            as_target[actor.id] += 1
            _describe(graph, actor)
    for node in graph.nodes:
        graph.nodes[node].update(as_source=as_source[node], as_target=as_target[node],
                                 events=as_source[node] + as_target[node])


def _describe(graph: nx.DiGraph, actor: Any) -> None:
    if actor.id not in graph:
        graph.add_node(actor.id, **_flat({"kind": "actor", "label": actor.name,
                                          "actor_type": actor.type, "country": actor.country}))


def actor_graph(records: Sequence[EventRecord]) -> nx.DiGraph:
    """Actors as nodes, each (source, target) pair's events folded into one weighted edge.

    Edge attributes: `weight` (events), `goldstein_sum`, `goldstein_mean`, `first_date`,
    `last_date` (ISO strings at their own precision; absent when no event is dated), `undated`
    (events with no date), `quad1`..`quad4` (events per QuadClass), `plover_types`
    ("CONSULT:3; AGREE:1", most frequent first) and `event_ids`.

    >>> actor_graph([]).number_of_nodes()
    0
    """
    graph = _networkx().DiGraph(view="actors")
    _add_actors(graph, records)
    pairs: dict[tuple[str, str], list[EventRecord]] = {}
    for record in records:
        for source in record.source:
            for target in record.target:
                if source.id != target.id:
                    pairs.setdefault((source.id, target.id), []).append(record)
    for (source, target), group in pairs.items():
        graph.add_edge(source, target, **edge_summary(group))
    return graph


def edge_summary(group: Sequence[EventRecord]) -> dict[str, Any]:
    """The typed attributes of one actor-graph edge (see `actor_graph`)."""
    dates = sorted(r.date for r in group if r.date)
    goldstein = round(sum(r.goldstein for r in group), 4)
    quads = Counter(r.quad_class for r in group)
    types = Counter(r.plover_type for r in group)
    return _flat({
        "weight": len(group),
        "goldstein_sum": goldstein,
        "goldstein_mean": round(goldstein / len(group), 4),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "undated": len(group) - len(dates),
        **{f"quad{q}": quads[q] for q in (1, 2, 3, 4)},
        "plover_types": [f"{t}:{n}" for t, n in sorted(types.items(), key=lambda i: (-i[1], i[0]))],
        "event_ids": [r.id for r in group],
    })


def event_graph(records: Sequence[EventRecord]) -> nx.DiGraph:
    """Actors and events as nodes: actor -[role=source]-> event -[role=target]-> actor.

    An event node carries every event field (`kind`="event", `label` the PLOVER type and date).
    """
    graph = _networkx().DiGraph(view="events")
    _add_actors(graph, records)
    for record in records:
        fields = record.to_dict()
        for name in ("id", "source", "target", "span"):
            del fields[name]
        graph.add_node(record.id, **_flat({
            "kind": "event", "label": f"{record.plover_type} {record.date or 'undated'}",
            "span_start": record.span[0], "span_end": record.span[1], **fields}))
        for actor in record.source:
            graph.add_edge(actor.id, record.id, role="source")
        for actor in record.target:
            graph.add_edge(record.id, actor.id, role="target")
    return graph


def write_graph(graph: nx.DiGraph, fmt: str, path: Path) -> None:
    """Write a graph view with networkx in one of `GRAPH_FORMATS`."""
    nx = _networkx()
    if fmt == "graphml":
        nx.write_graphml(graph, path, named_key_ids=True)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    elif fmt == "json":
        _write_json(nx.node_link_data(graph, edges="edges"), path)
    elif fmt == "cytoscape":
        _write_json(nx.cytoscape_data(graph), path)
    else:
        raise QueryError(f"{fmt!r} is not a graph format; choose one of {', '.join(GRAPH_FORMATS)}")


def _write_json(data: Any, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
