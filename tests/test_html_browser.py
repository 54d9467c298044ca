"""The interactive HTML graph in a real browser: headless Chromium, with every host name made
unresolvable so nothing can load from the network, opens the exported file; the page draws as
many nodes and edges as the export has, the screenshot shows them, the filters in the address
give the graph the `events` question gives, and hovering an edge lists its events."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.events import events
from diplograph.queries.export import actor_graph, export_graph
from diplograph.queries.html import ACTOR_COLORS

pytest.importorskip("pyvis", reason="the HTML view takes vis-network from pyvis (export extra)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH; install it with `apt-get install -y chromium`")

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,800",
         "--virtual-time-budget=20000")
PANEL_WIDTH = 270  # px, #dg-panel in graph.css: the network is to its right

# Test harness, injected into a copy of the page: hover the middle of the busiest edge, as a
# mouse would, then copy the tooltip that opens into <pre id="probe">.
HOVER = """<script>
var probe = setInterval(function () {
  if (!document.body.dataset.drawnNodes) { return; }
  clearInterval(probe);
  var dg = window.diplograph, canvas = document.querySelector("#dg-network canvas");
  var edge = dg.edges.get().sort(function (a, b) { return b.value - a.value; })[0];
  var ends = dg.network.getPositions([edge.from, edge.to]);
  var a = dg.network.canvasToDOM(ends[edge.from]), b = dg.network.canvasToDOM(ends[edge.to]);
  var point = null;
  for (var t = 0.3; t <= 0.7 && !point; t += 0.02) {
    for (var d = -60; d <= 60 && !point; d += 2) {
      var q = { x: a.x + (b.x - a.x) * t + d, y: a.y + (b.y - a.y) * t + d };
      if (dg.network.getEdgeAt(q) === edge.id) { point = q; }
    }
  }
  var box = canvas.getBoundingClientRect();
  canvas.dispatchEvent(new MouseEvent("mousemove", { bubbles: true,
    clientX: box.left + point.x, clientY: box.top + point.y }));
  setTimeout(function () {
    var out = document.createElement("pre");
    out.id = "probe";
    out.dataset.edge = edge.id;
    var tip = document.querySelector("div.vis-tooltip");
    out.textContent = tip && tip.style.visibility === "visible" ? tip.textContent : "no tooltip";
    document.body.append(out);
  }, 800);
}, 100);
</script></body>"""


@pytest.fixture(scope="module")
def store(example_graphs, tmp_path_factory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("html")) as opened:
        opened.write(example_graphs)
        yield opened


@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "graph.html"
    return path, export_graph(store, "html", path)


def chromium(tmp_path: Path, url: str, *extra: str) -> str:
    """Run headless Chromium with a fresh profile; its stdout."""
    profile = tempfile.mkdtemp(dir=tmp_path, prefix="profile-")
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def drawn(tmp_path: Path, url: str) -> dict[str, int]:
    """What the page recorded on <body> after drawing: drawn-nodes, drawn-edges, shown-events."""
    dom = chromium(tmp_path, url, "--dump-dom")
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    found = dict(re.findall(r'data-([\w-]+)="(\d+)"', body.group(1)))
    assert "drawn-nodes" in found, f"the network never finished drawing: {body.group(0)}"
    return {k: int(v) for k, v in found.items()}


def test_page_is_one_offline_file(page):
    path, _ = page
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "vis.Network" in html and 'id="dg-data"' in html


def test_network_draws_every_exported_node(page, tmp_path):
    path, summary = page
    assert summary.nodes > 5 and summary.edges > 3
    counts = drawn(tmp_path, path.as_uri())
    assert counts == {"drawn-nodes": summary.nodes, "drawn-edges": summary.edges,
                      "shown-events": summary.events}


def test_screenshot_shows_the_network(page, tmp_path, store):
    from PIL import Image

    path, _ = page
    shot = tmp_path / "graph.png"
    chromium(tmp_path, path.as_uri(), f"--screenshot={shot}")
    image = Image.open(shot).convert("RGB")
    network = image.crop((PANEL_WIDTH + 5, 0, image.width, image.height))
    pixels = list(network.getdata())
    inked = sum(1 for p in pixels if sum(p) < 700) / len(pixels)
    assert inked > 0.005, f"network area is blank ({inked:.2%} non-white)"
    kinds = {a.type for r in events(store) for a in (*r.source, *r.target)}
    colours = set(pixels)
    for kind in kinds:  # every kind of actor drawn has nodes of its colour on the canvas
        rgb = tuple(int(ACTOR_COLORS[kind][i:i + 2], 16) for i in (1, 3, 5))
        assert any(max(abs(c - w) for c, w in zip(p, rgb)) < 12 for p in colours), kind


@pytest.mark.parametrize(("address", "filters"), [
    ("types=CONSULT", {"plover_types": "CONSULT"}),
    ("types=SANCTION,ACCUSE", {"plover_types": "SANCTION,ACCUSE"}),
    ("from=2019-06&to=2021-04&undated=0", {"since": "2019-06", "until": "2021-04"}),
])
def test_filters_in_the_address_match_the_events_question(page, store, tmp_path, address,
                                                          filters):
    path, summary = page
    expected = events(store, **filters)
    graph = actor_graph(expected)
    assert 0 < graph.number_of_nodes() < summary.nodes
    counts = drawn(tmp_path, f"{path.as_uri()}#{address}")
    assert counts == {"drawn-nodes": graph.number_of_nodes(),
                      "drawn-edges": graph.number_of_edges(), "shown-events": len(expected)}


def test_hovering_an_edge_lists_its_events(page, store, tmp_path):
    path, _ = page
    probe = tmp_path / "hover.html"
    probe.write_text(path.read_text(encoding="utf-8").replace("</body>", HOVER),
                     encoding="utf-8")
    dom = chromium(tmp_path, probe.as_uri(), "--dump-dom")
    found = re.search(r'<pre id="probe" data-edge="(\d+)&gt;(\d+)">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run"
    text = html.unescape(found.group(3))
    assert text != "no tooltip"
    records = events(store)
    actors = list(dict.fromkeys(a.id for r in records for a in (*r.source, *r.target)))
    source, target = actors[int(found.group(1))], actors[int(found.group(2))]
    on_edge = [r for r in records if source in {a.id for a in r.source}
               and target in {a.id for a in r.target}]
    assert len(on_edge) >= 2
    for record in on_edge:
        assert record.date in text and record.plover_type in text
        assert record.sentence in text
