"""The actor graph as one self-contained, offline HTML page: drag, zoom, hover, filter.

The network is drawn by vis-network, whose JavaScript and CSS come from the `pyvis` package
(which ships them for its own "in_line" mode) and are inlined into the page, so the file opens
without a network connection and loads nothing from anywhere. We do not use pyvis's own page
template, which pulls Bootstrap from a CDN even in "in_line" mode; our page (`html/graph.html`,
`graph.css`, `graph.js`, package data) holds the events and a small script that builds the
nodes and edges for the chosen filters: PLOVER types, a range of months, undated events or not.

Hovering an edge lists its events with dates, codes and sentences; hovering a node tells the
actor's type and country. The filters are kept in the page address (``#types=CONSULT&from=
2019-01``), so a filtered view can be bookmarked, shared or opened by a test.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.errors import QueryError
from diplograph.graph.codes import plover_types
from diplograph.graph.records import EventRecord
from diplograph.queries.graphs import actor_graph

if TYPE_CHECKING:
    import networkx as nx

VIS_FILES = ("templates/lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.css")

#: One colour per PLOVER type, in `plover_types()` order: blues and greens for cooperation,
#: oranges and reds for conflict, so the type list reads as a scale.
TYPE_COLORS = ("#08519c", "#3182bd", "#6baed6", "#9ecae1", "#006d2c", "#31a354", "#74c476",
               "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#a63603", "#cb181d", "#a50f15",
               "#7f2704", "#67000d")
ACTOR_COLORS = {"country": "#4c78a8", "person": "#f58518", "organization": "#54a24b",
                "igo": "#b279a2", "group": "#9d755d"}


def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, read from the installed pyvis package.

    The files are read where pyvis is installed, without importing pyvis (whose import pulls in
    IPython).

    Raises:
        QueryError: when pyvis is not installed, or lacks the files.
    """
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise QueryError("the HTML view needs pyvis, which ships vis-network: "
                         "pip install 'diplograph[export]'")
    folder = Path(list(spec.submodule_search_locations)[0])
    try:
        js, css = ((folder / name).read_text(encoding="utf-8") for name in VIS_FILES)
    except OSError as err:
        raise QueryError(f"pyvis at {folder} lacks vis-network ({err}); reinstall pyvis 0.3.x") \
            from err
    return js, css


def page_data(records: Sequence[EventRecord], title: str) -> dict[str, Any]:
    """What the page script needs, compact: actors by index, one short record per event."""
    actors: dict[str, int] = {}
    described: list[dict[str, Any]] = []
    for record in records:
        for actor in (*record.source, *record.target):
            if actor.id not in actors:
                actors[actor.id] = len(described)
                described.append({"id": actor.id, "label": actor.name, "type": actor.type,
                                  "country": actor.country})
    counts = Counter(r.plover_type for r in records)
    order = list(plover_types())
    types = [{"name": name, "color": TYPE_COLORS[i % len(TYPE_COLORS)], "events": counts[name]}
             for i, name in enumerate(order) if counts[name]]
    types += [{"name": name, "color": "#777777", "events": n}
              for name, n in sorted(counts.items()) if name not in order]
    return {
        "title": title, "types": types, "actorColors": ACTOR_COLORS, "actors": described,
        "events": [{
            "id": r.id, "s": [actors[a.id] for a in r.source], "t": [actors[a.id] for a in r.target],
            "d": r.date, "p": r.plover_type, "c": r.cameo_code, "q": r.quad_class,
            "g": r.goldstein, "x": r.sentence, "a": r.article_title or r.article_id,
        } for r in records],
    }


def render_page(records: Sequence[EventRecord], title: str) -> str:
    """The page's HTML text."""
    folder = resources.files("diplograph.queries") / "html"
    page = (folder / "graph.html").read_text(encoding="utf-8")
    vis_js, vis_css = vis_assets()
    # "<" escaped inside JSON keeps a sentence with "</script>" from ending the data block.
    data = json.dumps(page_data(records, title), ensure_ascii=False, separators=(",", ":"))
    parts = {
        "@@TITLE@@": _escape(title),
        "@@VIS_CSS@@": vis_css,
        "@@PAGE_CSS@@": (folder / "graph.css").read_text(encoding="utf-8"),
        "@@VIS_JS@@": vis_js,
        "@@DATA@@": data.replace("<", "\\u003c"),
        "@@PAGE_JS@@": (folder / "graph.js").read_text(encoding="utf-8"),
    }
    # One pass, so text inserted for one marker is never searched for another.
    out, rest = [], page
    while "@@" in rest:
        before, _, after = rest.partition("@@")
        name, _, rest = after.partition("@@")
        out.append(before)
        out.append(parts[f"@@{name}@@"])
    out.append(rest)
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_html(records: Sequence[EventRecord], path: Path, *,
               title: str = "diplograph: actor graph") -> nx.DiGraph:
    """Write the page for `records`; returns the actor graph it draws (for node counts)."""
    path.write_text(render_page(records, title), encoding="utf-8")
    return actor_graph(records)
